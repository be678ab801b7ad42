from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site behind the second factor (accounts.admin_site, ADR 0051)."""

    default = False  # `motcua.accounts` in INSTALLED_APPS still means AccountsConfig
    default_site = "motcua.accounts.admin_site.SecondFactorAdminSite"
