"""A payment through a gateway and the log of everything that happened to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.dossiers.models import Dossier, Payment

from .states import TxnStatus


class TransactionStatus(models.TextChoices):
    PENDING = TxnStatus.PENDING.value, _("Đang chờ thanh toán")
    PAID = TxnStatus.PAID.value, _("Đã thanh toán")
    FAILED = TxnStatus.FAILED.value, _("Không thành công")
    CANCELLED = TxnStatus.CANCELLED.value, _("Đã hủy")
    EXPIRED = TxnStatus.EXPIRED.value, _("Hết hạn")
    REFUNDED = TxnStatus.REFUNDED.value, _("Đã hoàn tiền")


class PaymentTransaction(models.Model):
    """One attempt to pay a dossier's due fees online. `reference` is ours (sent to the gateway)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="payment_transactions"
    )
    payments = models.ManyToManyField(Payment, verbose_name=_("khoản phí"), related_name="transactions")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    plugin = models.CharField(_("cổng thanh toán"), max_length=40)
    reference = models.CharField(_("mã giao dịch"), max_length=40, unique=True)
    gateway_reference = models.CharField(_("mã giao dịch tại cổng"), max_length=100, blank=True)
    bank = models.CharField(_("ngân hàng"), max_length=40, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=TransactionStatus.choices, default=TransactionStatus.PENDING
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thanh toán"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payer_name = models.CharField(_("người nộp"), max_length=200, blank=True)
    refunded_amount = models.PositiveBigIntegerField(_("đã hoàn (đồng)"), default=0)
    needs_attention = models.CharField(
        _("cần xử lý"),
        max_length=200,
        blank=True,
        help_text=_("Vì sao giao dịch đã thanh toán cần cán bộ xem lại (ví dụ: phí đã nộp bằng cách khác)."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    settled_by = models.CharField(_("xác nhận qua"), max_length=10, blank=True)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)  # the write kernel's check

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = pgettext_lazy("plural", "giao dịch thanh toán")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="payments_txn_status_idx")]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount:,} đ ({self.get_status_display()})"


class EventKind(models.TextChoices):
    STARTED = "started", _("Bắt đầu thanh toán")
    RETURN = "return", _("Người nộp quay lại từ cổng")
    WEBHOOK = "webhook", _("Cổng thanh toán thông báo")
    POLL = "poll", _("Tra cứu trạng thái")
    REFUND = "refund", _("Hoàn tiền")
    EXPIRE = "expire", _("Hết hạn")


class PaymentEvent(models.Model):
    """Append-only: every message from or to the gateway, and every state change (the audit trail)."""

    transaction = models.ForeignKey(
        PaymentTransaction, verbose_name=_("giao dịch"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=EventKind.choices)
    effect = models.CharField(_("tác động"), max_length=20, blank=True)
    from_status = models.CharField(_("từ trạng thái"), max_length=10, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, blank=True)
    error_code = models.CharField(_("mã lỗi"), max_length=60, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện thanh toán")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện thanh toán")
        ordering = ["transaction", "id"]

    def __str__(self) -> str:
        return f"{self.transaction.reference} {self.kind} {self.effect}"
