from django.contrib import admin

from .models import Feedback, FeedbackEvent, Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("dossier", "access", "procedure", "officer", "result", "handling", "created_at")
    readonly_fields = [f.name for f in Rating._meta.fields]

    def has_add_permission(self, request):
        return False


class EventInline(admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "action", "from_status", "to_status")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("kind", "status", "dossier", "place", "agency", "sent_at", "due_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Feedback._meta.fields]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False
