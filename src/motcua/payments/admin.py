from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import DomainError

from . import services
from .errors import message_for
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
    actions = ["refund_in_full", "check_with_gateway"]

    @admin.action(description=gettext_lazy("Hoàn lại toàn bộ số tiền qua cổng thanh toán"))
    def refund_in_full(self, request, queryset):
        for txn in queryset:
            try:
                services.refund(txn, actor=request.user, reason=_("Hoàn tiền từ trang quản trị"))
            except DomainError as exc:
                self.message_user(request, f"{txn.reference}: {message_for(exc.code)}", messages.ERROR)
            else:
                self.message_user(request, _("%(ref)s: đã hoàn tiền.") % {"ref": txn.reference})

    @admin.action(description=gettext_lazy("Tra cứu trạng thái tại cổng thanh toán"))
    def check_with_gateway(self, request, queryset):
        for txn in queryset:
            try:
                applied = services.poll(txn)
            except DomainError as exc:
                self.message_user(request, f"{txn.reference}: {message_for(exc.code)}", messages.ERROR)
            else:
                status = applied.transaction.get_status_display()
                self.message_user(request, f"{txn.reference}: {status}")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
