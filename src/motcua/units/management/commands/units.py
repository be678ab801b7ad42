"""`motcua units load`: load the owned administrative-units file into the database (idempotent)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils.translation import gettext as _

from motcua.units.dataset import DatasetError
from motcua.units.models import AdministrativeUnit, UnitKind, UnitLevel
from motcua.units.services import load_units


class Command(BaseCommand):
    help = _(
        "Đơn vị hành chính: `load` nạp dữ liệu đơn vị hành chính và lịch sử (chạy lại không thay đổi gì)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="load")
        load = actions.add_parser("load", help=_("Nạp tệp dữ liệu đơn vị hành chính vào cơ sở dữ liệu."))
        load.add_argument("--file", default=None, help=_("Tệp dữ liệu khác tệp đi kèm (units-2026.json.gz)."))

    def handle(self, *args, action, **options):
        if action == "load":
            self.load(options["file"])

    def load(self, path):
        try:
            report = load_units(path)
        except DatasetError as exc:
            raise CommandError(str(exc)) from exc
        if report.changed:
            self.stdout.write(
                _(
                    "Đã nạp dữ liệu phiên bản %(version)s: thêm %(uc)d, cập nhật %(uu)d đơn vị; "
                    "thêm %(sc)d, cập nhật %(su)d quan hệ kế thừa (%(s).1f giây)."
                )
                % {
                    "version": report.version,
                    "uc": report.units_created,
                    "uu": report.units_updated,
                    "sc": report.successions_created,
                    "su": report.successions_updated,
                    "s": report.seconds,
                }
            )
        else:
            self.stdout.write(
                _(
                    "Không có thay đổi: cơ sở dữ liệu đã khớp với dữ liệu phiên bản %(version)s (%(s).1f giây)."
                )
                % {"version": report.version, "s": report.seconds}
            )
        if report.units_unknown:
            self.stderr.write(
                _("Lưu ý: %(n)d đơn vị trong cơ sở dữ liệu không có trong tệp dữ liệu (giữ nguyên).")
                % {"n": report.units_unknown}
            )
        self.write_counts()

    def write_counts(self):
        kinds = dict(UnitKind.choices)
        for title, queryset in (
            (_("Đang có hiệu lực"), AdministrativeUnit.objects.current()),
            (_("Đã hết hiệu lực (lịch sử)"), AdministrativeUnit.objects.filter(valid_to__isnull=False)),
        ):
            self.stdout.write(f"{title}:")
            counts = queryset.values_list("level", "kind").annotate(n=Count("pk"))
            by_level: dict[str, list[tuple[str, int]]] = {}
            for level, kind, n in counts:
                by_level.setdefault(level, []).append((kind, n))
            for level, label in UnitLevel.choices:
                if level not in by_level:
                    continue
                parts = sorted(by_level[level], key=lambda kn: -kn[1])
                total = sum(n for _kind, n in parts)
                detail = ", ".join(f"{kinds[k]} {n}" for k, n in parts)
                self.stdout.write(f"  {label}: {total} ({detail})")
