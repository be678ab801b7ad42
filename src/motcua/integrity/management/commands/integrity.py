"""`motcua integrity scan --province CODE [--day YYYY-MM-DD] [--days N] [--threshold T]`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.integrity import scoring
from motcua.integrity.services import WINDOW_DAYS, scan
from motcua.units.models import AdministrativeUnit


class Command(BaseCommand):
    help = gettext_lazy("Phòng chống cò hồ sơ: chấm điểm rủi ro và mở nghi vấn cho cán bộ giám sát xem xét.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{scan}")
        run = actions.add_parser("scan", help=gettext_lazy("Chấm điểm hồ sơ và lượt đặt lịch của một tỉnh."))
        run.add_argument("--province", required=True, help=gettext_lazy("Mã tỉnh, ví dụ 01."))
        run.add_argument(
            "--day", type=date.fromisoformat, default=None, help=gettext_lazy("Ngày cuối (mặc định hôm nay).")
        )
        run.add_argument(
            "--days", type=int, default=WINDOW_DAYS, help=gettext_lazy("Số ngày xét (mặc định 30).")
        )
        run.add_argument(
            "--threshold",
            type=int,
            default=scoring.THRESHOLD,
            help=gettext_lazy("Ngưỡng điểm (mặc định 60)."),
        )

    def handle(self, *args, action, province, day, days, threshold, **options):
        unit = AdministrativeUnit.objects.current().provinces().filter(code=province).first()
        if unit is None:
            raise CommandError(_("Không có tỉnh, thành phố mã %(code)s.") % {"code": province})
        if days < 1 or not 0 < threshold <= scoring.MAX_SCORE:
            raise CommandError(_("Số ngày phải từ 1 trở lên, ngưỡng điểm từ 1 đến 100."))
        result = scan(unit, last=day, days=days, threshold=threshold)
        self.stdout.write(
            _(
                "%(province)s: %(filings)s hồ sơ, %(bookings)s lượt đặt lịch; %(flagged)s nghi vấn "
                "(%(opened)s mới, %(updated)s chấm lại, %(reopened)s mở lại)."
            )
            % {"province": unit.name, **result.__dict__}
        )
