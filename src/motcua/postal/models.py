"""Postal items, hand-over records and the audit trail of every status report.
Rows change only through postal.services."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.core.masking import mask_phone

from .tracking import KIND_LABELS, LABELS, Kind, Outcome, Status

STATUS_CHOICES = [(s.value, _(label)) for s, label in LABELS.items()]
KIND_CHOICES = [(k.value, _(label)) for k, label in KIND_LABELS.items()]


class Direction(models.TextChoices):
    TO_POST = "to_post", _("Trung tâm bàn giao cho bưu chính")
    FROM_POST = "from_post", _("Bưu chính bàn giao cho Trung tâm")


class Source(models.TextChoices):
    AGENT = "agent", _("Nhân viên bưu chính")
    OPERATOR = "operator", _("Hệ thống của doanh nghiệp bưu chính")
    OFFICER = "officer", _("Cán bộ")
    SYSTEM = "system", _("Hệ thống")


OUTCOME_CHOICES = [
    (Outcome.APPLIED.value, _("Đã cập nhật")),
    (Outcome.DUPLICATE.value, _("Trùng lặp")),
    (Outcome.STALE.value, _("Cũ hơn trạng thái hiện tại")),
    (Outcome.REJECTED.value, _("Không áp dụng được")),
]


class HandoverBatch(models.Model):
    """Biên bản bàn giao: a list of items handed over between a reception place and the postal service,
    confirmed by the officer and by the postal agent, each with their own account."""

    code = models.CharField(_("số biên bản"), max_length=20, unique=True)
    direction = models.CharField(_("chiều bàn giao"), max_length=10, choices=Direction.choices)
    place = models.ForeignKey(
        "org.ReceptionPlace", verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("lập lúc"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officer_signed_at = models.DateTimeField(_("cán bộ xác nhận lúc"), null=True, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nhân viên bưu chính ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agent_signed_at = models.DateTimeField(_("nhân viên bưu chính xác nhận lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)  # the write kernel's check

    class Meta:
        verbose_name = _("biên bản bàn giao")
        verbose_name_plural = pgettext_lazy("plural", "biên bản bàn giao")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(officer__isnull=True, officer_signed_at__isnull=True)
                | Q(officer__isnull=False, officer_signed_at__isnull=False),
                name="postal_batch_officer_signature",
            ),
            models.CheckConstraint(
                condition=Q(agent__isnull=True, agent_signed_at__isnull=True)
                | Q(agent__isnull=False, agent_signed_at__isnull=False),
                name="postal_batch_agent_signature",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def signed(self) -> bool:
        return self.officer_signed_at is not None and self.agent_signed_at is not None


class Shipment(models.Model):
    """One postal item (bưu gửi): a result going to the applicant, or a dossier collected from them."""

    code = models.CharField(_("mã bưu gửi"), max_length=20, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=KIND_CHOICES)
    status = models.CharField(_("trạng thái"), max_length=12, choices=STATUS_CHOICES, db_index=True)
    status_at = models.DateTimeField(_("trạng thái lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    province = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(
        "org.ReceptionPlace",
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Nơi gửi kết quả, hoặc nơi nhận hồ sơ thu gom."),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shipments",
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("họ tên người nhận, người gửi"), max_length=200)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300)
    commune = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    full_address = models.CharField(_("địa chỉ đầy đủ"), max_length=500)
    batch = models.ForeignKey(
        HandoverBatch,
        verbose_name=_("biên bản bàn giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    tracking_number = models.CharField(_("số hiệu bưu gửi của doanh nghiệp"), max_length=40, blank=True)
    order_ref = models.CharField(
        _("mã đơn thu gom của doanh nghiệp"),
        max_length=80,
        blank=True,
        help_text=_("Đơn thu gom do doanh nghiệp bưu chính gửi sang; một đơn chỉ tạo một bưu gửi."),
    )
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    return_error = models.CharField(
        _("lỗi ghi nhận trả kết quả"),
        max_length=60,
        blank=True,
        help_text=_("Trống: đã ghi nhận hoặc chưa cần."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bưu gửi")
        verbose_name_plural = pgettext_lazy("plural", "bưu gửi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["place", "kind", "status"], name="postal_place_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="postal_status_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in Kind]), name="postal_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"<Shipment {self.code} {self.kind} {self.status} phone={mask_phone(self.phone)}>"


class ShipmentEvent(models.Model):
    """Every status report received, applied or not (duplicates and stale reports are recorded too)."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    recorded_at = models.DateTimeField(_("ghi nhận lúc"))
    occurred_at = models.DateTimeField(_("xảy ra lúc"))
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_id = models.CharField(_("mã sự kiện của doanh nghiệp"), max_length=80, blank=True)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, blank=True)
    status = models.CharField(_("trạng thái báo"), max_length=12)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=OUTCOME_CHOICES)
    note = models.CharField(_("ghi chú, lý do"), max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký bưu gửi")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký bưu gửi")
        ordering = ["recorded_at", "id"]
        constraints = [
            # One recorded (non-duplicate) row per operator event: a retried callback cannot apply twice.
            models.UniqueConstraint(
                fields=["shipment", "source", "external_id"],
                condition=~Q(external_id="") & ~Q(outcome="duplicate"),
                name="postal_event_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id} {self.status} {self.outcome}"

    @property
    def status_label(self) -> str:
        return str(dict(STATUS_CHOICES).get(self.status, self.status))
