from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexConfig(AppConfig):
    name = "motcua.index"
    label = "service_index"  # "index" alone reads like a database index in migrations and admin
    verbose_name = _("Chỉ số phục vụ (Quyết định 766/QĐ-TTg)")
    default_auto_field = "django.db.models.BigAutoField"
