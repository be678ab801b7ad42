"""`motcua oidc-check`: does the connection to the identity provider work (discovery, endpoints, keys)?"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.oidc.client import check


class Command(BaseCommand):
    help = gettext_lazy("Kiểm tra kết nối tới nhà cung cấp định danh (VNeID): cấu hình, discovery, khoá ký.")

    def handle(self, *args, **options):
        lines = check()
        for item, ok, detail in lines:
            mark = self.style.SUCCESS("OK  ") if ok else self.style.ERROR(_("LỖI"))
            self.stdout.write(f"{mark} {item}: {detail}")
        if not all(ok for _item, ok, _detail in lines):
            raise CommandError(_("Kết nối tới nhà cung cấp định danh chưa dùng được."))
