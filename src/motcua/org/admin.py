"""Admin in Vietnamese: centers, branches, points and their counters; agencies; roles; assignments."""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.units.models import AdministrativeUnit

from .models import (
    Agency,
    Branch,
    Counter,
    PlaceKind,
    ReceptionPlace,
    Role,
    ServiceCenter,
    ServicePoint,
    StaffAssignment,
)

PLACE_UNIT_FIELDS = ("province", "commune")


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0
    fields = ("number", "name", "field_codes", "is_priority", "is_active")


class AssignmentInline(admin.TabularInline):
    model = StaffAssignment
    extra = 0
    fields = ("user", "role", "valid_from", "valid_to", "note")
    autocomplete_fields = ("user",)
    verbose_name_plural = _("cán bộ được phân công")


class PlaceAssignmentInline(AssignmentInline):
    fk_name = "place"


class AgencyAssignmentInline(AssignmentInline):
    fk_name = "agency"


class ProvinceFilter(admin.SimpleListFilter):
    """Only the provinces that have rows, by name (the unit FK would list every historic unit)."""

    title = _("tỉnh, thành phố")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        ids = model_admin.model._default_manager.order_by().values("province_id").distinct()
        return AdministrativeUnit.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(province_id=self.value())
        return queryset


class PlaceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "province", "commune", "parent", "counter_count", "is_active")
    list_filter = (ProvinceFilter, "kind", "is_active")
    search_fields = ("code", "name", "address", "commune__name")
    list_select_related = ("province", "commune", "parent")
    raw_id_fields = ("commune",)
    autocomplete_fields = ("parent", "online_desk")
    inlines = (CounterInline, PlaceAssignmentInline)
    fields = (
        "code",
        "kind",
        "name",
        "parent",
        "province",
        "commune",
        "address",
        "phone",
        "email",
        "online_desk",
        "is_active",
    )
    kinds: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(counter_total=Count("counters"))

    @admin.display(description=_("số quầy"), ordering="counter_total")
    def counter_count(self, obj) -> int:
        return obj.counter_total

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind" and self.kinds:
            kwargs["choices"] = [(k, label) for k, label in PlaceKind.choices if k in self.kinds]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(ReceptionPlace)
class ReceptionPlaceAdmin(PlaceAdmin):
    """Every place at once; also what the counter and assignment pickers search."""


@admin.register(ServiceCenter)
class ServiceCenterAdmin(PlaceAdmin):
    list_display = (
        "code",
        "name",
        "center_model",
        "province",
        "commune",
        "parent",
        "counter_count",
        "is_active",
    )
    list_filter = (ProvinceFilter, "center_model", "is_active")
    fields = (
        "code",
        "name",
        "center_model",
        "parent",
        "province",
        "commune",
        "address",
        "phone",
        "email",
        "is_active",
    )


@admin.register(Branch)
class BranchAdmin(PlaceAdmin):
    list_display = ("code", "name", "province", "commune", "parent", "counter_count", "is_active")
    list_filter = (ProvinceFilter, "is_active")
    fields = ("code", "name", "parent", "province", "commune", "address", "phone", "email", "is_active")


@admin.register(ServicePoint)
class ServicePointAdmin(PlaceAdmin):
    kinds = (PlaceKind.SERVICE_POINT, PlaceKind.COMMUNE_POINT)


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ("__str__", "number", "name", "place", "is_priority", "is_active")
    list_filter = ("is_priority", "is_active", "place__kind")
    search_fields = ("name", "place__name", "place__code")
    list_select_related = ("place",)
    autocomplete_fields = ("place",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "province", "commune", "is_active")
    list_filter = (ProvinceFilter, "kind", "is_active")
    search_fields = ("code", "name", "short_name", "commune__name")
    list_select_related = ("province", "commune")
    raw_id_fields = ("commune",)
    autocomplete_fields = ("parent",)
    inlines = (AgencyAssignmentInline,)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "allowed_scopes")
    search_fields = ("code", "name")

    def get_readonly_fields(self, request, obj=None):
        # The code is what the dossier engine checks: fixed once the role exists.
        return ("code",) if obj else ()


class CurrentFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return (("yes", _("Đang hiệu lực")), ("no", _("Đã hết hiệu lực")))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.valid_on(today)
        if self.value() == "no":
            return queryset.filter(valid_to__lte=today)
        return queryset


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "scope_kind", "scope_display", "valid_from", "valid_to")
    list_filter = ("role", "scope_kind", ProvinceFilter, CurrentFilter)
    search_fields = ("user__username", "user__full_name", "place__name", "agency__name")
    list_select_related = ("user", "role", "place", "agency", "commune", "province")
    autocomplete_fields = ("user", "place", "agency")
    raw_id_fields = ("commune",)
    readonly_fields = ("scope_kind",)
    fields = (
        "user",
        "role",
        "place",
        "agency",
        "commune",
        "province",
        "scope_kind",
        "valid_from",
        "valid_to",
        "note",
    )
    date_hierarchy = "valid_from"

    @admin.display(description=_("phạm vi cụ thể"))
    def scope_display(self, obj) -> str:
        return obj.scope_label
