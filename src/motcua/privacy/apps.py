from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "motcua.privacy"
    label = "privacy"
    verbose_name = _("Dữ liệu cá nhân: nhật ký xem, trích xuất, khử nhận dạng")
