from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulationConfig(AppConfig):
    name = "motcua.simulation"
    label = "simulation"
    verbose_name = _("Mô phỏng vận hành thử")
