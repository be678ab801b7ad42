"""`motcua oidc-provider`: the local OpenID Connect provider that stands in for VNeID (development, tests).

All options are those of `python -m motcua.accounts.provider --help`.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.accounts.provider.__main__ import main


class Command(BaseCommand):
    help = _("Chạy nhà cung cấp OpenID Connect mô phỏng VNeID (chỉ khi phát triển và kiểm thử).")

    def run_from_argv(self, argv):
        main(argv[2:])
