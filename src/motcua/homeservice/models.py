"""A home-service request and its audit trail. Rows change only through homeservice.services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.core.masking import mask_id, mask_phone

from .flow import STATUS_LABELS, Status
from .reasons import REASONS

STATUS_CHOICES = [(s.value, _(label)) for s, label in STATUS_LABELS.items()]
REASON_CHOICES = [(r.reason.value, _(r.label)) for r in REASONS]
DAY_LABELS = (_("thứ Hai"), _("thứ Ba"), _("thứ Tư"), _("thứ Năm"), _("thứ Sáu"), _("thứ Bảy"))
WINDOW_LABELS = {"morning": _("buổi sáng"), "afternoon": _("buổi chiều")}
COMMUNES = {"level": "commune", "valid_to__isnull": True}


class HomeServiceRequest(models.Model):
    code = models.CharField(_("mã yêu cầu"), max_length=16, unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=STATUS_CHOICES, default=Status.REQUESTED
    )
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)

    # Who needs the visit, and who asks for them.
    person_name = models.CharField(_("họ tên người cần phục vụ"), max_length=200)
    person_id_number = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    person_phone = models.CharField(_("số điện thoại"), max_length=15, db_index=True)
    requester_name = models.CharField(_("người yêu cầu thay"), max_length=200, blank=True)
    requester_phone = models.CharField(_("điện thoại người yêu cầu thay"), max_length=15, blank=True)
    requester_relation = models.CharField(_("quan hệ với người cần phục vụ"), max_length=100, blank=True)
    reason = models.CharField(_("lý do"), max_length=20, choices=REASON_CHOICES)
    reason_detail = models.CharField(_("hoàn cảnh cụ thể"), max_length=500, blank=True)

    # Where, what, when.
    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("xã, phường, đặc khu"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COMMUNES,
    )
    address = models.CharField(_("địa chỉ"), max_length=300)
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục cần làm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    preferred_days = models.JSONField(
        _("ngày mong muốn"), default=list, help_text=_("0 = thứ Hai … 5 = thứ Bảy.")
    )
    preferred_windows = models.JSONField(_("buổi mong muốn"), default=list)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    # The visit.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="home_visits",
    )
    place = models.ForeignKey(
        "org.ReceptionPlace",
        verbose_name=_("nơi tiếp nhận phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    slot_start = models.DateTimeField(_("đến từ"), null=True, blank=True, db_index=True)
    slot_end = models.DateTimeField(_("đến trước"), null=True, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ đã tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="home_service_request",
    )
    outcome_note = models.CharField(_("lý do, kết quả"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("yêu cầu phục vụ tại nhà")
        verbose_name_plural = pgettext_lazy("plural", "yêu cầu phục vụ tại nhà")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["province", "status"], name="homeservice_province_idx"),
            models.Index(fields=["officer", "status"], name="homeservice_officer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]), name="homeservice_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(slot_start__isnull=True) | models.Q(slot_end__gt=models.F("slot_start")),
                name="homeservice_slot_order",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return (
            f"<HomeServiceRequest {self.code} {self.status} id={mask_id(self.person_id_number)} "
            f"phone={mask_phone(self.person_phone)}>"
        )

    @property
    def preferred_text(self) -> str:
        days = [str(DAY_LABELS[d]) for d in self.preferred_days if 0 <= d < len(DAY_LABELS)]
        windows = [str(WINDOW_LABELS[w]) for w in self.preferred_windows if w in WINDOW_LABELS]
        return "; ".join(part for part in (", ".join(days), ", ".join(windows)) if part)


class HomeServiceEvent(models.Model):
    """One row per change of a request: who, when, from/to, note (the audit trail)."""

    request = models.ForeignKey(HomeServiceRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("thao tác"), max_length=16)
    from_status = models.CharField(_("từ trạng thái"), max_length=16, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=16)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký yêu cầu phục vụ tại nhà")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký yêu cầu phục vụ tại nhà")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.to_status}"

    @property
    def from_label(self) -> str:
        return str(dict(STATUS_CHOICES).get(self.from_status, "—"))

    @property
    def to_label(self) -> str:
        return str(dict(STATUS_CHOICES).get(self.to_status, self.to_status))
