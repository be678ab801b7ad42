from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "motcua.calendar"
    label = "calendar"
    verbose_name = _("Lịch làm việc")

    def ready(self):
        from motcua.core.fast import reference

        from .models import CalendarOverride, OfficeHoursSetting

        reference.watch(CalendarOverride, OfficeHoursSetting)  # calendar_for is cached against the stamp
