from django.contrib import admin

from .models import PaymentEvent, PaymentTransaction


class EventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "effect", "from_status", "to_status", "error_code", "actor")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaymentTransaction)
class PaymentTransactionAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "dossier",
        "amount",
        "status",
        "plugin",
        "created_at",
        "paid_at",
        "needs_attention",
    )
    list_filter = ("status", "plugin")
    search_fields = ("reference", "gateway_reference", "dossier__code")
    readonly_fields = [f.name for f in PaymentTransaction._meta.fields] + ["payments"]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
