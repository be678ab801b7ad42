"""What goes to (and comes from) the National Public Service Portal, kept apart from the dossier outbox.

A PortalEvent is one dossier status change to push, copied from the outbox when it is published. It
holds codes and moments only; the applicant's identity is read from the dossier when the event is sent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "delivered", _("Đã gửi")
    DEAD = "dead", _("Gửi không được (chờ xử lý)")
    SKIPPED = "skipped", _("Bỏ qua")


class PortalEvent(models.Model):
    event_id = models.CharField(_("mã sự kiện"), max_length=40, unique=True)  # the idempotency key
    outbox_id = models.BigIntegerField(_("sự kiện outbox"), unique=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=60)
    sequence = models.PositiveIntegerField(_("thứ tự trong hồ sơ"))
    status_code = models.PositiveSmallIntegerField(_("trạng thái (mã cổng)"))
    payload = models.JSONField(_("nội dung sự kiện"), default=dict)
    state = models.CharField(_("tình trạng"), max_length=10, choices=EventState.choices, default="pending")
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    # Refusals of this very event by the portal (not outages): N of them in a row make it dead.
    rejections = models.PositiveSmallIntegerField(_("số lần bị từ chối"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại từ"), null=True, blank=True)
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)
    occurred_at = models.DateTimeField(_("thay đổi lúc"), db_index=True)  # the change's own moment
    created_at = models.DateTimeField(_("ghi nhận lúc"), db_index=True)
    delivered_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("sự kiện gửi Cổng quốc gia")
        verbose_name_plural = _("sự kiện gửi Cổng quốc gia")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id"], condition=Q(state__in=["pending", "dead"]), name="nportal_open_idx"),
            models.Index(fields=["dossier_code", "sequence"], name="nportal_dossier_seq_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_code}#{self.sequence} ({self.status_code})"


class OperatorAction(models.Model):
    """An operator's decision on a dead event (retry, or skip with a reason): the audit trail."""

    class Kind(models.TextChoices):
        RETRY = "retry", _("Gửi lại")
        SKIP = "skip", _("Bỏ qua")

    event = models.ForeignKey(PortalEvent, verbose_name=_("sự kiện"), on_delete=models.CASCADE)
    kind = models.CharField(_("thao tác"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(_("lý do"), blank=True)
    previous_error = models.TextField(_("lỗi trước đó"), blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thao tác xử lý sự kiện lỗi")
        verbose_name_plural = _("thao tác xử lý sự kiện lỗi")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id}"


class InboundState(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    PARKED = "parked", _("Tạm giữ (chưa tiếp nhận được)")


class InboundDossier(models.Model):
    """A dossier submitted on the national portal for this province, fetched once (its portal code)."""

    portal_code = models.CharField(_("mã hồ sơ trên Cổng quốc gia"), max_length=60, unique=True)
    portal_seq = models.BigIntegerField(_("số thứ tự trên Cổng quốc gia"), default=0)  # the pull's cursor
    payload = models.JSONField(_("nội dung"), default=dict)
    state = models.CharField(_("tình trạng"), max_length=10, choices=InboundState.choices)
    reason = models.TextField(_("lý do tạm giữ"), blank=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=60, blank=True)
    fetched_at = models.DateTimeField(_("lấy về lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ nộp trên Cổng quốc gia")
        verbose_name_plural = _("hồ sơ nộp trên Cổng quốc gia")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.portal_code


class Reconciliation(models.Model):
    """A day's per-status counts, ours against the portal's report, and their differences."""

    day = models.DateField(_("ngày"), unique=True)
    ours = models.JSONField(_("số liệu của hệ thống"), default=dict)
    theirs = models.JSONField(_("số liệu của Cổng quốc gia"), default=dict)
    differences = models.JSONField(_("chênh lệch"), default=dict)
    checked_at = models.DateTimeField(_("đối soát lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đối soát với Cổng quốc gia")
        verbose_name_plural = _("đối soát với Cổng quốc gia")
        ordering = ["-day"]

    def __str__(self) -> str:
        return self.day.isoformat()
