from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexConfig(AppConfig):
    name = "motcua.index"
    label = "service_index"  # "index" alone reads like a database index in migrations and admin
    verbose_name = _("Chỉ số phục vụ (Quyết định 766/QĐ-TTg)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from motcua.dossiers import outbox
        from motcua.workspace import supervision

        from . import aggregates, figures

        outbox.subscribe(aggregates.on_event)  # the aggregates follow the event stream (ADR 0049)
        supervision.use_rows(figures.supervisor_rows)  # the live page reads them
