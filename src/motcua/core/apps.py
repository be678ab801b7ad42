from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from .kernel import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="motcua.kernel.sqlite")
