from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import DeliveryStatus, Subscription, WebhookDelivery


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "topics", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "url")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.forget_cache()


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "subscription", "topic", "status", "attempts", "last_status_code", "created_at")
    list_filter = ("status", "subscription")
    search_fields = ("topic",)
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Gửi lại ngay"))
    def retry_now(self, request, queryset):
        chosen = list(queryset.exclude(status=DeliveryStatus.DELIVERED))
        WebhookDelivery.objects.filter(pk__in=[d.pk for d in chosen]).update(
            status=DeliveryStatus.FAILED, next_attempt_at=None
        )
        for delivery in chosen:
            self.log_change(request, delivery, "Gửi lại ngay")  # the admin's history: who retried what
            services.send(delivery.pk)
        self.message_user(request, _("Đã gửi lại %(n)s lần gửi.") % {"n": len(chosen)})
