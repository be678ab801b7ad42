"""Read-only admin: postal rows change only through postal.services (audit rows, row locks)."""

from django.contrib import admin

from .models import HandoverBatch, Shipment, ShipmentEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ShipmentEvent
    extra = 0
    can_delete = False
    fields = (
        "occurred_at",
        "recorded_at",
        "source",
        "actor",
        "external_id",
        "from_status",
        "status",
        "outcome",
        "note",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Shipment)
class ShipmentAdmin(ReadOnly):
    list_display = ("code", "kind", "status", "status_at", "name", "place", "batch", "return_error")
    list_filter = ("kind", "status")
    search_fields = ("code", "tracking_number", "name")
    inlines = [EventInline]


@admin.register(HandoverBatch)
class HandoverBatchAdmin(ReadOnly):
    list_display = (
        "code",
        "direction",
        "place",
        "created_at",
        "officer",
        "officer_signed_at",
        "agent",
        "agent_signed_at",
    )
    list_filter = ("direction",)
    search_fields = ("code",)
