from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    verbose_name = _("Thanh toán phí, lệ phí")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .contrib.vnpay import plugin  # noqa: F401 - registers "vnpay"
