"""Vietnamese admin, read-mostly: dossiers change through the services only (the workspace and the API),
so the admin shows them with their tracking sheet and lets an operator edit processing settings."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core.masking import mask_id, mask_phone

from .models import (
    Applicant,
    CounterSlip,
    Dossier,
    DossierStep,
    OutboxMessage,
    Payment,
    ProcessingSetting,
    Result,
    Submitter,
    SupplementRequest,
    TrackingEntry,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TrackingInline(ReadOnlyInline):
    model = TrackingEntry
    fields = (
        "at",
        "actor_name",
        "action",
        "from_status",
        "to_status",
        "to_agency",
        "step_name",
        "step_due_at",
        "note",
    )
    readonly_fields = fields
    ordering = ("at", "id")
    verbose_name_plural = _("phiếu kiểm soát quá trình giải quyết (mẫu 06)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_agency")


class StepInline(ReadOnlyInline):
    model = DossierStep
    fields = ("position", "name", "role", "due_at", "started_at", "finished_at", "assignee")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assignee")


class ApplicantInline(admin.StackedInline):
    model = Applicant
    can_delete = False
    fields = ("kind", "full_name", "masked_id", "birth_date", "masked_phone", "email", "address", "tax_code")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("số định danh cá nhân"))
    def masked_id(self, obj):
        return mask_id(obj.id_number)

    @admin.display(description=_("số điện thoại"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)


class SubmitterInline(ApplicantInline):
    model = Submitter
    fields = ("full_name", "masked_id", "masked_phone", "relation", "authorisation")
    readonly_fields = fields


class SupplementInline(ReadOnlyInline):
    model = SupplementRequest
    fields = ("requested_at", "items", "reason", "received_at", "mode")
    readonly_fields = fields


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ("kind", "amount", "status", "method", "reference", "paid_at")
    readonly_fields = fields


class ResultInline(ReadOnlyInline):
    model = Result
    fields = ("kind", "title", "number", "issued_at", "e_copy", "e_copy_ref")
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "status",
        "channel",
        "procedure",
        "agency",
        "received_at",
        "due_at",
        "appointment_at",
    )
    list_filter = ("status", "channel", "province")
    search_fields = ("code",)
    list_select_related = ("procedure", "agency")
    date_hierarchy = "received_at"
    show_full_result_count = False
    inlines = (
        ApplicantInline,
        SubmitterInline,
        StepInline,
        SupplementInline,
        PaymentInline,
        ResultInline,
        TrackingInline,
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # view only: a change made here would bypass the lock, the version and the history


@admin.register(CounterSlip)
class CounterSlipAdmin(admin.ModelAdmin):
    list_display = ("issued_at", "kind", "applicant_name", "place", "procedure_version")
    list_filter = ("kind",)
    list_select_related = ("place", "procedure_version__procedure")
    exclude = ("applicant_id_number", "applicant_phone")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ("id", "topic", "key", "created_at", "published_at", "attempts")
    list_filter = ("topic",)
    search_fields = ("key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProcessingSetting)
class ProcessingSettingAdmin(admin.ModelAdmin):
    list_display = ("province", "procedure", "supplement_mode", "updated_at")
    list_filter = ("supplement_mode",)
    raw_id_fields = ("province", "procedure")
