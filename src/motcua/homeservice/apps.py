from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeServiceConfig(AppConfig):
    name = "motcua.homeservice"
    label = "homeservice"
    verbose_name = _("Phục vụ tại nhà")
    default_auto_field = "django.db.models.BigAutoField"
