from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    verbose_name = _("Thông báo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from motcua.dossiers import outbox

        from . import events
        from .contrib import sms_http, zalo_oa  # noqa: F401 - register the providers

        # The one hook into the dossier engine: an outbox subscriber (ADR 0036).
        outbox.subscribe(events.on_event)
        from .observability import register_collector

        register_collector()
