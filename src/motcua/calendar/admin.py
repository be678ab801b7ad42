"""Admin of the calendar (for the catalog administrator): days off, swapped working days, office hours.

National public holidays are not rows here: they come from the `holidays` package. Rows here add or
correct days, nationwide (empty province) or for one province.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError

from .models import CalendarOverride, OfficeHoursSetting
from .presentation import weekday_name
from .selectors import check_province


class ProvinceCheckedForm(forms.ModelForm):
    def clean_province_code(self):
        code = self.cleaned_data.get("province_code", "")
        try:
            return check_province(code).code
        except DomainError as error:
            raise ValidationError(error.message, code=error.code) from None


class NationwideFilter(admin.SimpleListFilter):
    title = _("phạm vi")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("nation", _("Toàn quốc")), ("province", _("Một tỉnh"))]

    def queryset(self, request, queryset):
        if self.value() == "nation":
            return queryset.filter(province_code="")
        if self.value() == "province":
            return queryset.exclude(province_code="")
        return queryset


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = ProvinceCheckedForm
    list_display = ["date", "weekday", "kind", "scope", "reason", "legal_basis"]
    list_filter = ["kind", NationwideFilter, "province_code"]
    search_fields = ["reason", "legal_basis", "province_code"]
    date_hierarchy = "date"
    fields = ["date", "kind", "province_code", "reason", "legal_basis"]
    ordering = ["-date"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return weekday_name(obj.date)

    @admin.display(description=_("phạm vi"), ordering="province_code")
    def scope(self, obj):
        return obj.province_code or _("Toàn quốc")


@admin.register(OfficeHoursSetting)
class OfficeHoursSettingAdmin(admin.ModelAdmin):
    form = ProvinceCheckedForm
    list_display = ["__str__", "cutoff", "legal_basis", "updated_at"]
    fields = [
        "province_code",
        ("morning_start", "morning_end"),
        ("afternoon_start", "afternoon_end"),
        "cutoff",
        "legal_basis",
    ]
