from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"
    verbose_name = _("Giấy tờ, tệp hồ sơ")

    def ready(self):
        from . import signals  # noqa: F401  (connects the orphan-file cleanup)
