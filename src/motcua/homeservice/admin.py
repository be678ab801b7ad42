"""Read-only admin: requests change only through homeservice.services (audit rows, row locks)."""

from django.contrib import admin

from .models import HomeServiceEvent, HomeServiceRequest


class EventInline(admin.TabularInline):
    model = HomeServiceEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "action", "from_status", "to_status", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(HomeServiceRequest)
class HomeServiceRequestAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "status",
        "person_name",
        "commune",
        "reason",
        "officer",
        "slot_start",
        "created_at",
    )
    list_filter = ("status", "reason", "province")
    search_fields = ("code", "person_name")
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
