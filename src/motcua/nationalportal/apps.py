from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalPortalConfig(AppConfig):
    name = "motcua.nationalportal"
    label = "nationalportal"
    verbose_name = _("Cổng Dịch vụ công quốc gia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The dossier outbox hands every event to this app's capture (one row in our own queue, written
        # in the publishing transaction): the portal's retries never hold up the other subscribers.
        from motcua.dossiers import outbox

        from . import capture

        outbox.subscribe(capture.capture)
