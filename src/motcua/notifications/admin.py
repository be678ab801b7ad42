from django.contrib import admin

from .models import Delivery, InAppNotification, OptOut, Preference


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "channel", "dossier", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "channel", "kind")
    search_fields = ("dossier__code",)
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(OptOut)
class OptOutAdmin(admin.ModelAdmin):
    list_display = ("contact", "channel", "reason", "created_at")
    search_fields = ("contact",)


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("contact", "channels", "updated_at")
    search_fields = ("contact",)


@admin.register(InAppNotification)
class InAppNotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
    readonly_fields = [f.name for f in InAppNotification._meta.fields]
