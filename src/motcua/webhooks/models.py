"""Subscriptions of other systems to event topics, and the log of what was posted to them."""

from __future__ import annotations

import fnmatch
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _validate_topics(value) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(t, str) and t.strip() for t in value):
        raise ValidationError(_('Ghi ít nhất một chủ đề, ví dụ ["dossier.*"] hoặc ["dossier.receive"].'))


class Subscription(models.Model):
    name = models.CharField(_("hệ thống nhận"), max_length=200)
    url = models.URLField(_("địa chỉ nhận (URL)"), max_length=500)
    secret = models.CharField(
        _("khóa ký HMAC"),
        max_length=200,
        default=new_secret,
        help_text=_("Bên nhận dùng khóa này để kiểm tra chữ ký X-Motcua-Signature."),
    )
    topics = models.JSONField(
        _("chủ đề"),
        default=list,
        validators=[_validate_topics],
        help_text=_(
            'Danh sách chủ đề, cho phép dấu *: ["dossier.*"], ["dossier.receive", "dossier.return_result"].'
        ),
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký nhận webhook")
        verbose_name_plural = _("đăng ký nhận webhook")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, topic: str) -> bool:
        return any(fnmatch.fnmatchcase(topic, pattern.strip()) for pattern in self.topics)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "delivered", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi, sẽ gửi lại")
    DEAD = "dead", _("Ngừng gửi (quá số lần)")


class WebhookDelivery(models.Model):
    """One event for one subscription (unique): a redelivered event is not posted again."""

    subscription = models.ForeignKey(
        Subscription, verbose_name=_("đăng ký"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.BigIntegerField(_("sự kiện (outbox)"))
    topic = models.CharField(_("chủ đề"), max_length=60)
    payload = models.JSONField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("mã HTTP lần cuối"), null=True, blank=True)
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("gửi được lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_id"], name="webhook_delivery_once")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "failed"]),
                name="webhook_delivery_due_idx",
            ),
            models.Index(fields=["id"], condition=models.Q(status="dead"), name="webhook_delivery_dead_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} → {self.subscription}"
