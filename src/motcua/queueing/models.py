"""Queue numbers at reception places: what a place offers (services with a prefix), the numbers, their
status history, and the small rows that make allocation safe under concurrency (sequence per
place+day+prefix, booked load per slot, a lock row per person and day)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.catalog.models import Field
from motcua.org.models import Counter, ReceptionPlace

from . import rules


class TicketStatus(models.TextChoices):
    BOOKED = rules.Status.BOOKED, _("Đã đặt lịch")
    CHECKED_IN = rules.Status.CHECKED_IN, _("Đang chờ")
    CALLED = rules.Status.CALLED, _("Đã gọi")
    SERVING = rules.Status.SERVING, _("Đang phục vụ")
    DONE = rules.Status.DONE, _("Đã xong")
    NO_SHOW = rules.Status.NO_SHOW, _("Vắng mặt")
    EXPIRED = rules.Status.EXPIRED, _("Hết hạn")
    CANCELLED = rules.Status.CANCELLED, _("Đã huỷ")


class TicketChannel(models.TextChoices):
    ONLINE = rules.Channel.ONLINE, _("Đặt lịch trực tuyến")
    KIOSK = rules.Channel.KIOSK, _("Lấy số tại chỗ")


class PriorityCategory(models.TextChoices):
    NONE = rules.Priority.NONE, _("Không thuộc diện ưu tiên")
    ELDERLY = rules.Priority.ELDERLY, _("Người cao tuổi")
    DISABILITY = rules.Priority.DISABILITY, _("Người khuyết tật")
    PREGNANT = rules.Priority.PREGNANT, _("Phụ nữ có thai")
    SMALL_CHILD = rules.Priority.SMALL_CHILD, _("Người đưa theo con nhỏ")


class QueueSettings(models.Model):
    """A place's own queue rules; a place without a row uses the defaults of `rules.Policy`."""

    place = models.OneToOneField(
        ReceptionPlace,
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.CASCADE,
        related_name="queue_settings",
    )
    days_ahead = models.PositiveSmallIntegerField(_("số ngày được đặt trước"), default=6)
    per_person_per_day = models.PositiveSmallIntegerField(_("số lượt tối đa mỗi người mỗi ngày"), default=2)
    per_field_per_day = models.PositiveSmallIntegerField(
        _("số lượt tối đa mỗi người mỗi lĩnh vực mỗi ngày"), default=1
    )
    expiry = models.TimeField(_("giờ hết hạn số đã đặt"), default="16:00")
    slot_minutes = models.PositiveSmallIntegerField(_("độ dài khung giờ (phút)"), default=30)
    slot_capacity = models.PositiveSmallIntegerField(_("số người mỗi khung giờ"), default=4)
    priority_streak = models.PositiveSmallIntegerField(_("số lượt ưu tiên liên tiếp tối đa"), default=3)
    regular_wait_minutes = models.PositiveSmallIntegerField(
        _("thời gian chờ (phút) để được gọi xen lượt ưu tiên"), default=15
    )

    class Meta:
        verbose_name = _("cấu hình lấy số")
        verbose_name_plural = pgettext_lazy("plural", "cấu hình lấy số")

    def __str__(self) -> str:
        return str(self.place)

    def policy(self) -> rules.Policy:
        return rules.Policy(
            days_ahead=self.days_ahead,
            per_person_per_day=self.per_person_per_day,
            per_field_per_day=self.per_field_per_day,
            expiry=self.expiry,
            slot_minutes=self.slot_minutes,
            slot_capacity=self.slot_capacity,
            priority_streak=self.priority_streak,
            regular_wait_minutes=self.regular_wait_minutes,
        )


class QueueService(models.Model):
    """What a person queues for at a place: one field (lĩnh vực) or a group of them, with a prefix."""

    place = models.ForeignKey(
        ReceptionPlace,
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.CASCADE,
        related_name="queue_services",
    )
    code = models.SlugField(
        _("mã"),
        max_length=40,
        help_text=_("Quầy phục vụ dịch vụ này khi danh sách lĩnh vực của quầy chứa mã."),
    )
    prefix = models.CharField(_("chữ đầu số"), max_length=3, help_text=_("Ví dụ A: số A-001, A-002…"))
    name = models.CharField(_("tên"), max_length=200)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("dịch vụ lấy số")
        verbose_name_plural = pgettext_lazy("plural", "dịch vụ lấy số")
        ordering = ["place", "order", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["place", "prefix"], name="queueing_service_prefix_unique"),
            models.UniqueConstraint(fields=["place", "code"], name="queueing_service_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} – {self.name}"

    @property
    def field_key(self) -> str:
        """What "1 number per field per day" counts: the catalog field, or the service itself."""
        return f"f{self.field_id}" if self.field_id else f"s{self.pk}"

    def served_by(self, counter: Counter) -> bool:
        codes = counter.field_codes or []
        return not codes or self.code in codes or (self.field_id is not None and self.field.name in codes)


def _token() -> str:
    return secrets.token_urlsafe(12)


class Ticket(models.Model):
    place = models.ForeignKey(
        ReceptionPlace, verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="tickets"
    )
    service = models.ForeignKey(
        QueueService, verbose_name=_("dịch vụ"), on_delete=models.PROTECT, related_name="tickets"
    )
    day = models.DateField(_("ngày"))
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    number = models.CharField(_("số"), max_length=12)
    channel = models.CharField(_("kênh"), max_length=10, choices=TicketChannel.choices)
    slot = models.TimeField(_("khung giờ"), null=True, blank=True)
    priority = models.CharField(
        _("diện ưu tiên"), max_length=16, choices=PriorityCategory.choices, default="", blank=True
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=TicketStatus.choices, db_index=True)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    id_number = models.CharField(_("số CCCD"), max_length=12, blank=True, db_index=True)
    phone = models.CharField(_("điện thoại"), max_length=15, blank=True)
    token = models.CharField(max_length=24, unique=True, default=_token, editable=False)
    counter = models.ForeignKey(
        Counter,
        verbose_name=_("quầy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("cấp lúc"))
    checked_in_at = models.DateTimeField(_("có mặt lúc"), null=True, blank=True)
    queued_at = models.DateTimeField(_("xếp hàng từ"), null=True, blank=True)
    called_at = models.DateTimeField(_("gọi lúc"), null=True, blank=True)
    announced_at = models.DateTimeField(_("gọi (hoặc gọi lại) gần nhất lúc"), null=True, blank=True)
    served_at = models.DateTimeField(_("bắt đầu phục vụ lúc"), null=True, blank=True)
    done_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    calls = models.PositiveSmallIntegerField(_("số lần gọi"), default=0)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)  # the write kernel's check

    class Meta:
        verbose_name = _("số thứ tự")
        verbose_name_plural = pgettext_lazy("plural", "số thứ tự")
        ordering = ["-day", "place_id", "number"]  # place_id: no join (and no lock) on the place
        constraints = [
            models.UniqueConstraint(fields=["place", "day", "number"], name="queueing_ticket_number_unique"),
            models.CheckConstraint(
                condition=~Q(channel=rules.Channel.ONLINE) | Q(slot__isnull=False),
                name="queueing_online_has_slot",
            ),
        ]
        indexes = [
            models.Index(fields=["place", "day", "status", "queued_at"], name="queueing_ticket_line_idx"),
            models.Index(fields=["counter", "called_at"], name="queueing_ticket_counter_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.day:%d/%m/%Y})"

    @property
    def is_priority(self) -> bool:
        return bool(self.priority)

    @property
    def waited(self):
        if self.called_at and self.checked_in_at:
            return self.called_at - self.checked_in_at
        return None

    @property
    def service_time(self):
        if self.done_at and self.served_at:
            return self.done_at - self.served_at
        return None


class TicketEvent(models.Model):
    """One row per status change (the audit trail), never updated."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("từ trạng thái"), max_length=12, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=12)
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    counter = models.ForeignKey(Counter, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lịch sử số thứ tự")
        verbose_name_plural = pgettext_lazy("plural", "lịch sử số thứ tự")
        ordering = ["ticket", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class TicketSequence(models.Model):
    place = models.ForeignKey(ReceptionPlace, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    prefix = models.CharField(max_length=3)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["place", "day", "prefix"], name="queueing_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day}: {self.last}"


class SlotLoad(models.Model):
    """How many numbers are booked in one slot of one service: incremented only while below capacity."""

    service = models.ForeignKey(QueueService, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    slot = models.TimeField()
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "day", "slot"], name="queueing_slot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.slot}: {self.booked}"


class PersonDay(models.Model):
    """A lock row per person (CCCD) and day: one person's bookings of a day are checked one at a time."""

    day = models.DateField()
    id_number = models.CharField(max_length=12)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "id_number"], name="queueing_person_day_unique")
        ]

    def __str__(self) -> str:
        return str(self.day)
