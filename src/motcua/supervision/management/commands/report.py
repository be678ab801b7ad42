"""`motcua report results --unit CODE (--month YYYY-MM | --quarter YYYY-Qn | --year YYYY)
[--xlsx FILE] [--pdf FILE] [--csv FILE]`: the periodic report on administrative-procedure results."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.supervision import periods, results


class Command(BaseCommand):
    help = gettext_lazy("Báo cáo định kỳ tình hình, kết quả giải quyết thủ tục hành chính.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{results}")
        report = actions.add_parser(
            "results", help=gettext_lazy("Báo cáo kết quả giải quyết TTHC theo cơ quan và lĩnh vực.")
        )
        report.add_argument("--unit", required=True, help=gettext_lazy("Mã tỉnh hoặc xã (mã GSO)."))
        when = report.add_mutually_exclusive_group(required=True)
        when.add_argument("--month", help="YYYY-MM")
        when.add_argument("--quarter", help="YYYY-Qn")
        when.add_argument("--year", help="YYYY")
        report.add_argument("--xlsx", type=Path, help=gettext_lazy("Ghi tệp Excel."))
        report.add_argument("--pdf", type=Path, help=gettext_lazy("Ghi tệp PDF."))
        report.add_argument("--csv", type=Path, help=gettext_lazy("Ghi tệp CSV (theo cơ quan)."))

    def handle(self, *args, action, **options):
        try:
            if options["month"]:
                period = periods.month(options["month"])
            elif options["quarter"]:
                period = periods.quarter(options["quarter"])
            else:
                period = periods.year(options["year"])
            report = results.results(options["unit"], period)
        except (periods.BadPeriod, results.UnknownUnit) as exc:
            raise CommandError(str(exc)) from exc
        if options["xlsx"]:
            from motcua.supervision.xlsx import results_xlsx

            options["xlsx"].write_bytes(results_xlsx(report))
        if options["pdf"]:
            from motcua.supervision.pdf import results_pdf

            options["pdf"].write_bytes(results_pdf(report))
        if options["csv"]:
            with options["csv"].open("w", newline="", encoding="utf-8-sig") as out:
                write_csv(out, report)
        total = report.total
        self.stdout.write(
            _(
                "%(unit)s, %(period)s: %(received)s hồ sơ nhận giải quyết, %(processed)s đã giải quyết, "
                "%(open)s đang giải quyết."
            )
            % {
                "unit": report.unit,
                "period": period.label,
                "received": total.received,
                "processed": total.processed,
                "open": total.in_progress,
            }
        )


HEADINGS = [
    "Cơ quan giải quyết",
    "Tổng số nhận giải quyết",
    "Kỳ trước chuyển qua",
    "Trực tuyến",
    "Trực tiếp",
    "Bưu chính",
    "Đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Đang giải quyết",
    "Đang giải quyết trong hạn",
    "Đang giải quyết quá hạn",
]


def write_csv(out, report) -> None:
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for line in [*report.by_agency, report.total]:
        writer.writerow([line.name, *line.numbers()])
