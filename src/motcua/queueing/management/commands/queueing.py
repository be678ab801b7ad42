"""`motcua queueing expire`: expire unused numbers now (what the periodic task does);
`motcua queueing demo`: demo queue services at the Hà Nội center and branches."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class Command(BaseCommand):
    help = gettext_lazy("Lấy số thứ tự: hết hạn số chưa dùng, dữ liệu minh hoạ.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{expire,demo}")
        actions.add_parser("expire", help=gettext_lazy("Cho hết hạn các số đã đặt mà chưa xác nhận có mặt."))
        demo = actions.add_parser("demo", help=gettext_lazy("Tạo các dịch vụ lấy số minh hoạ."))
        demo.add_argument("--province", default="01")

    def handle(self, *args, action, **options):
        if action == "expire":
            from motcua.queueing.services import expire_due

            n = expire_due()
            self.stdout.write(ngettext("Đã cho hết hạn %(n)s số.", "Đã cho hết hạn %(n)s số.", n) % {"n": n})
        else:
            from motcua.org.models import ReceptionPlace
            from motcua.queueing.demo import load

            if not ReceptionPlace.objects.filter(province__code=options["province"]).exists():
                raise CommandError(
                    _("Tỉnh %(p)s chưa có nơi tiếp nhận hồ sơ: chạy `motcua org demo` trước.")
                    % {"p": options["province"]}
                )
            n = load(options["province"])
            self.stdout.write(_("Đã tạo %(n)s dịch vụ lấy số.") % {"n": n})
