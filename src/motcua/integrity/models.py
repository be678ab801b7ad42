"""Broker risk cases: one per contact and province, scored again by each scan, reviewed by a supervisor."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import scoring


class SubjectKind(models.TextChoices):
    SUBMITTER = scoring.SUBMITTER, _("Người nộp hồ sơ thay (số định danh)")
    PHONE = scoring.PHONE, _("Số điện thoại ghi trên hồ sơ")
    EMAIL = scoring.EMAIL, _("Thư điện tử ghi trên hồ sơ")
    ACCOUNT = scoring.ACCOUNT, _("Tài khoản nộp trực tuyến")
    BOOKER = scoring.BOOKER, _("Số điện thoại đặt lịch lấy số")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Chờ xem xét")
    WATCHING = "watching", _("Xác nhận, đang theo dõi")
    DISMISSED = "dismissed", _("Đã loại trừ")


class RiskCase(models.Model):
    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("loại đối tượng"), max_length=12, choices=SubjectKind.choices)
    value = models.CharField(_("đối tượng"), max_length=254)
    label = models.CharField(_("tên người nộp"), max_length=200, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm rủi ro"))
    evidence = models.JSONField(_("bằng chứng"), default=list)
    filings = models.PositiveIntegerField(_("số hồ sơ"), default=0)
    bookings = models.PositiveIntegerField(_("số lượt đặt lịch"), default=0)
    window_from = models.DateField(_("xét từ ngày"))
    window_to = models.DateField(_("xét đến ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    dismissed_score = models.PositiveSmallIntegerField(_("điểm khi loại trừ"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("phát hiện lúc"))
    scored_at = models.DateTimeField(_("chấm điểm lần cuối lúc"))
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)

    class Meta:
        verbose_name = _("nghi vấn cò hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "nghi vấn cò hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "kind", "value"], name="integrity_case_subject_unique"
            )
        ]
        indexes = [models.Index(fields=["province", "status", "-score"], name="integrity_case_queue_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class CaseAction(models.TextChoices):
    FLAGGED = "flagged", _("Phát hiện")
    RESCORED = "rescored", _("Chấm điểm lại")
    REOPENED = "reopened", _("Mở lại vì điểm tăng")
    DISMISSED = "dismissed", _("Loại trừ")
    WATCHING = "watching", _("Xác nhận, theo dõi")


class RiskCaseEvent(models.Model):
    """What happened to a case, by whom and why: append-only."""

    case = models.ForeignKey(RiskCase, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("lúc"))
    action = models.CharField(_("việc"), max_length=10, choices=CaseAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm"))
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("diễn biến nghi vấn")
        verbose_name_plural = pgettext_lazy("plural", "diễn biến nghi vấn")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
