"""`motcua org demo`: Hà Nội (one-level) and Hải Phòng (two-tier) centers, agencies and staff."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.org.demo.load import load, missing_units, units_for_demo
from motcua.org.demo.plan import DEMO_PASSWORD, PLANNERS, build_plan
from motcua.units.models import AdministrativeUnit


class Command(BaseCommand):
    help = gettext_lazy("Tổ chức: trung tâm, chi nhánh, điểm, quầy, cơ quan, cán bộ.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{demo}")
        demo = actions.add_parser(
            "demo",
            help=gettext_lazy("Tạo dữ liệu minh hoạ cho Hà Nội và Hải Phòng (chạy lại không tạo thêm gì)."),
        )
        demo.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Chạy cả khi DEBUG tắt (tài khoản minh hoạ có mật khẩu công khai)."),
        )

    def handle(self, *args, action, **options):
        if action == "demo":
            self.demo(force=options["force"])

    def demo(self, *, force: bool) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                _("DEBUG đang tắt: dữ liệu minh hoạ có mật khẩu công khai. Dùng --force nếu thật sự muốn.")
            )
        started = time.monotonic()
        codes = list(PLANNERS)
        if not AdministrativeUnit.objects.exists():
            call_command("units", "load", stdout=self.stdout, stderr=self.stderr)
        missing = missing_units(codes)
        if missing:
            raise CommandError(
                _("Chưa có đơn vị hành chính %(codes)s: chạy `motcua units load` trước.")
                % {"codes": ", ".join(missing)}
            )
        plan = build_plan(units_for_demo(codes))
        created = load(plan)
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{created[k]} {label}" for k, label in LABELS.items())
        self.stdout.write(_("Đã tạo: %(summary)s (%(s).1f giây).") % {"summary": summary, "s": elapsed})
        self.stdout.write(
            _("Tài khoản minh hoạ (mật khẩu %(password)s, mọi cán bộ minh hoạ dùng chung):")
            % {"password": DEMO_PASSWORD}
        )
        for account in plan.accounts:
            self.stdout.write(f"  {account.username:<24} {account.account}")


LABELS = {
    "places": gettext_lazy("nơi tiếp nhận"),
    "counters": gettext_lazy("quầy"),
    "agencies": gettext_lazy("cơ quan"),
    "users": gettext_lazy("cán bộ"),
    "assignments": gettext_lazy("phân công"),
}
