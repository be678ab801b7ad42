"""Admin of the administrative map: read-only (the history is data, loaded by `motcua units load`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AdministrativeUnit, UnitSuccession
from .text import search_key


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ValidityFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [("current", _("Đang có hiệu lực")), ("ended", _("Đã hết hiệu lực"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "ended":
            return queryset.filter(valid_to__isnull=False)
        return queryset


class PredecessionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    verbose_name = _("đơn vị tiền thân")
    verbose_name_plural = pgettext_lazy("plural", "đơn vị tiền thân")
    fields = ("predecessor", "effective_on", "partial", "primary", "legal_basis")
    readonly_fields = fields
    extra = 0


class SuccessionInline(PredecessionInline):
    fk_name = "predecessor"
    verbose_name = _("đơn vị kế thừa")
    verbose_name_plural = pgettext_lazy("plural", "đơn vị kế thừa")
    fields = ("successor", "effective_on", "partial", "primary", "legal_basis")
    readonly_fields = fields


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "full_name", "level", "kind", "province_code", "valid_from", "valid_to")
    list_filter = (ValidityFilter, "level", "kind", "province_code")
    search_fields = ("code", "search_name")
    ordering = ("level", "code", "valid_from")
    list_per_page = 50
    show_full_result_count = False
    fields = (
        "code",
        "level",
        "kind",
        "name",
        "full_name",
        "name_en",
        "province_code",
        "parent",
        "valid_from",
        "valid_from_exact",
        "valid_to",
        "legal_basis",
    )
    readonly_fields = fields
    inlines = (PredecessionInline, SuccessionInline)

    def get_search_results(self, request, queryset, search_term):
        # Names are searched on the folded column, so "dong da" and "Đống Đa" both find Phường Đống Đa.
        return super().get_search_results(request, queryset, search_key(search_term))


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("predecessor", "successor", "effective_on", "partial", "primary")
    list_filter = ("effective_on", "partial", "predecessor__level")
    list_select_related = ("predecessor", "successor")
    search_fields = (
        "predecessor__code",
        "successor__code",
        "predecessor__search_name",
        "successor__search_name",
    )
    show_full_result_count = False
    fields = ("predecessor", "successor", "effective_on", "partial", "primary", "legal_basis")
    readonly_fields = fields

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_key(search_term))
