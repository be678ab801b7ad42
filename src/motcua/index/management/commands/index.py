"""`motcua index`: the Decision 766 index of a unit for a period, the weekly ranking snapshot, and a check
of the maintained aggregates against a naive recomputation (and their rebuild, after a bulk load).

    motcua index --unit 01 --from 2026-03-01 --to 2026-03-31 [--json]
    motcua index snapshot [--week 2026-03-02]
    motcua index verify --from 2026-03-01 --to 2026-03-31
    motcua index rebuild-aggregates
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.index import aggregates, scoring, selectors, services, verify
from motcua.index.selectors import Period, UnknownUnit


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CommandError(f"{name}: ngày không hợp lệ «{text}» (định dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Chỉ số phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg."

    def add_arguments(self, parser):
        parser.add_argument(
            "action", nargs="?", choices=["show", "snapshot", "verify", "rebuild-aggregates"], default="show"
        )
        parser.add_argument("--unit", help="mã tỉnh, mã xã, mã cơ quan hoặc mã chi nhánh")
        parser.add_argument("--from", dest="start", help="từ ngày (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", help="đến ngày (YYYY-MM-DD), tính cả ngày này")
        parser.add_argument("--week", help="một ngày trong tuần cần chụp (mặc định: tuần trước)")
        parser.add_argument("--json", action="store_true", help="in JSON")

    def _period(self, options) -> Period:
        today = timezone.localdate()
        start = _day(options["start"], "--from") if options["start"] else today.replace(day=1)
        end = _day(options["end"], "--to") if options["end"] else today
        if end < start:
            raise CommandError("--to phải không sớm hơn --from.")
        return Period(start, end)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "snapshot":
            week = _day(options["week"], "--week") if options["week"] else None
            n = services.take_snapshot(week)
            self.stdout.write(f"Đã lưu bảng xếp hạng tuần: {n} đơn vị.")
            return
        if action == "rebuild-aggregates":
            n = aggregates.rebuild(progress=lambda done: self.stderr.write(f"\r{done} hồ sơ", ending=""))
            self.stdout.write(f"Đã tính lại số liệu tổng hợp từ {n} hồ sơ.")
            return
        if action == "verify":
            problems = verify.verify(self._period(options))
            for line in problems:
                self.stdout.write(line)
            if problems:
                raise CommandError(f"{len(problems)} chênh lệch so với cách tính trực tiếp.")
            self.stdout.write("Khớp: số liệu tổng hợp bằng cách tính trực tiếp từng hồ sơ.")
            return
        if not options["unit"]:
            raise CommandError("Cần --unit (mã tỉnh, xã, cơ quan hoặc chi nhánh).")
        try:
            unit = selectors.resolve(options["unit"])
        except UnknownUnit:
            raise CommandError(f"Không tìm thấy đơn vị có mã «{options['unit']}».") from None
        data = services.report(unit, self._period(options))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._print(data)

    def _print(self, data: dict) -> None:
        unit = data["unit"]
        self.stdout.write(f"{unit['name']} ({unit['code']}), {data['from']} – {data['to']}")
        if data["status"] == scoring.NO_DATA:
            self.stdout.write("Chưa có dữ liệu: không có hồ sơ trong kỳ.")
            return
        self.stdout.write(
            f"Tổng: {data['total']} / {data['max']} điểm đo được (quy đổi {data['scaled']}/100)"
        )
        for group in data["groups"]:
            label = scoring.group_label(group["key"])
            self.stdout.write(f"  {label}: {group['points']} / {group['max']} (tối đa {group['full_max']})")
            for c in group["criteria"]:
                shown = {
                    scoring.MEASURED: f"{c['points']} / {c['max']} ({c['numerator']}/{c['denominator']})",
                    scoring.NO_DATA: "chưa có dữ liệu",
                    scoring.UNMEASURABLE: "không đo được",
                }[c["status"]]
                self.stdout.write(f"    - {c['label']}: {shown}")
