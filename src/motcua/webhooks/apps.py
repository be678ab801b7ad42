from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "motcua.webhooks"
    verbose_name = _("Webhook gửi hệ thống khác")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from motcua.dossiers import outbox

        from . import services

        outbox.subscribe(services.on_event)  # the one hook into the dossier engine (ADR 0037)
