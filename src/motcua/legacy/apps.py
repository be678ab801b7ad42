from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    name = "motcua.legacy"
    label = "legacy"
    verbose_name = _("Chuyển đổi hồ sơ từ hệ thống cũ")
