from django.contrib import admin

from .models import QueueService, QueueSettings, Ticket, TicketEvent


@admin.register(QueueSettings)
class QueueSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "place",
        "days_ahead",
        "per_person_per_day",
        "per_field_per_day",
        "expiry",
        "slot_minutes",
    )
    raw_id_fields = ("place",)


@admin.register(QueueService)
class QueueServiceAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "place", "code", "field", "order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "place__name", "place__code")
    raw_id_fields = ("place", "field")


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "at", "actor", "counter", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: numbers change only through the queue services (each change leaves an audit row)."""

    list_display = (
        "number",
        "day",
        "place",
        "service",
        "channel",
        "priority",
        "status",
        "counter",
        "called_at",
    )
    list_filter = ("status", "channel", "priority", "day")
    search_fields = ("number", "place__code", "place__name")
    date_hierarchy = "day"
    inlines = [TicketEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
