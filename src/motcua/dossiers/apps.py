from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import reference, tasks  # noqa: F401 - tasks: the kernel's after-commit kick looks it up by name

        reference.register()
        post_migrate.connect(reference.install_triggers, sender=self, dispatch_uid="reference-triggers")
