"""Deliveries to citizens (one row per event, message kind and channel), their choices, officers' inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.masking import mask_phone


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo OA")


class Kind(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận hồ sơ")
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung hồ sơ")
    PAYMENT = "payment", _("Yêu cầu nộp phí, lệ phí")
    APOLOGY = "apology", _("Xin lỗi và hẹn lại ngày trả kết quả")
    RESULT_READY = "result_ready", _("Có kết quả")
    RETURNED = "returned", _("Đã trả kết quả")


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi, sẽ gửi lại")
    DEAD = "dead", _("Không gửi được")
    SKIPPED = "skipped", _("Không gửi (người dân từ chối nhận)")
    UNCERTAIN = "uncertain", _("Không rõ đã gửi chưa")


class Delivery(models.Model):
    """One message for one event on one channel: the unique key is what makes a redelivered event send
    nothing more (ADR 0036)."""

    event_id = models.BigIntegerField(_("sự kiện (outbox)"))
    kind = models.CharField(_("loại thông báo"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.CharField(_("người nhận"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    provider = models.CharField(_("nhà cung cấp"), max_length=30, blank=True)
    provider_reference = models.CharField(_("mã tin của nhà cung cấp"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("bắt đầu gửi lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo gửi người dân")
        verbose_name_plural = _("thông báo gửi người dân")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["event_id", "kind", "channel"], name="notify_delivery_once")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "failed"]),
                name="notify_delivery_due_idx",
            ),
            models.Index(  # the dead letters' gauge counts on it
                fields=["id"],
                condition=models.Q(status__in=["dead", "uncertain"]),
                name="notify_delivery_dead_idx",
            ),
        ]

    def __str__(self) -> str:
        to = self.recipient if self.channel == Channel.EMAIL else mask_phone(self.recipient)
        return f"{self.get_kind_display()} → {to} ({self.get_channel_display()})"


class Preference(models.Model):
    """The channels a person chose, keyed by the contact they gave (phone number or e-mail address)."""

    contact = models.CharField(_("số điện thoại hoặc thư điện tử"), max_length=254, unique=True)
    channels = models.JSONField(_("kênh nhận thông báo"), default=list)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("lựa chọn kênh nhận thông báo")
        verbose_name_plural = _("lựa chọn kênh nhận thông báo")

    def __str__(self) -> str:
        return f"{self.contact}: {', '.join(self.channels)}"


class OptOut(models.Model):
    """A person who asked to receive nothing more (on one channel, or on every channel when blank)."""

    contact = models.CharField(_("số điện thoại hoặc thư điện tử"), max_length=254)
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices, blank=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("từ chối nhận thông báo")
        verbose_name_plural = _("từ chối nhận thông báo")
        constraints = [models.UniqueConstraint(fields=["contact", "channel"], name="notify_optout_once")]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_channel_display() or _('mọi kênh')})"


class InAppNotification(models.Model):
    """Something that landed on an officer's or a leader's desk."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event_id = models.BigIntegerField(_("sự kiện (outbox)"))
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=60, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo cho cán bộ")
        verbose_name_plural = _("thông báo cho cán bộ")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["user", "event_id"], name="notify_inapp_once")]
        indexes = [
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notify_unread_idx")
        ]

    def __str__(self) -> str:
        return self.title


class PreferenceChange(models.Model):
    """The audit trail of a citizen's choice of channels (append-only): who chose what, from which page."""

    at = models.DateTimeField(_("thời điểm"))
    contacts = models.JSONField(_("số điện thoại, thư điện tử"), default=list)
    channels = models.JSONField(_("kênh nhận thông báo"), default=list)
    opted_out = models.BooleanField(_("từ chối mọi thông báo"), default=False)
    via = models.CharField(_("từ trang"), max_length=10)  # "tracking" (code + factor) or "account"
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lịch sử lựa chọn nhận thông báo")
        verbose_name_plural = _("lịch sử lựa chọn nhận thông báo")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.dossier_code} {self.at:%Y-%m-%d %H:%M}"
