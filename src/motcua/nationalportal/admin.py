from django.contrib import admin

from .models import InboundDossier, OperatorAction, PortalEvent, Reconciliation


class ReadOnly(admin.ModelAdmin):
    """Records of the link: changed by the delivery and the operators' screen, read here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PortalEvent)
class PortalEventAdmin(ReadOnly):
    list_display = (
        "dossier_code",
        "sequence",
        "status_code",
        "state",
        "attempts",
        "occurred_at",
        "delivered_at",
    )
    list_filter = ("state", "status_code")
    search_fields = ("dossier_code", "event_id")


@admin.register(OperatorAction)
class OperatorActionAdmin(ReadOnly):
    list_display = ("at", "kind", "actor", "event", "reason")


@admin.register(InboundDossier)
class InboundDossierAdmin(ReadOnly):
    list_display = ("portal_code", "state", "dossier_code", "reason", "fetched_at")
    list_filter = ("state",)


@admin.register(Reconciliation)
class ReconciliationAdmin(ReadOnly):
    list_display = ("day", "differences", "checked_at")
