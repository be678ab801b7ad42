"""Procedure identity and its versions.

A version's window is half-open: in force from `valid_from` (inclusive) to `valid_to` (exclusive, empty =
open-ended). Published windows of one procedure never overlap: a partial unique index (every database)
allows one open-ended published version per procedure, an exclusion constraint (PostgreSQL, added in
migration 0002) forbids any overlap, and `services.publish` checks under a row lock everywhere.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import AgencyKind, OnlineLevel, VersionStatus


class Field(models.Model):
    """Lĩnh vực: e.g. Hộ tịch, Đất đai, Cư trú."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = pgettext_lazy("plural", "lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """A national procedure identity: the code never changes, what it says lives in versions."""

    code = models.CharField(
        _("mã thủ tục"), max_length=32, unique=True, help_text=_("Mã quốc gia, ví dụ 1.001193.")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = pgettext_lazy("plural", "thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ProcedureVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)

    def in_force_on(self, day):
        """Published versions whose window contains `day`."""
        return self.published().filter(
            Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        )


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Trống: hiệu lực không thời hạn.")
    )
    decision_no = models.CharField(_("quyết định công bố"), max_length=255, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)

    name = models.TextField(_("tên thủ tục"))
    field = models.ForeignKey(
        Field,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versions",
    )
    level_text = models.CharField(_("cấp thực hiện (nguyên văn)"), max_length=255, blank=True)
    at_ministry = models.BooleanField(_("cấp bộ"), default=False)
    at_province = models.BooleanField(_("cấp tỉnh"), default=False)
    at_commune = models.BooleanField(_("cấp xã"), default=False)
    at_other = models.BooleanField(_("cơ quan khác"), default=False)
    procedure_type = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    agency_kind = models.CharField(
        _("loại cơ quan thực hiện"), max_length=24, choices=AgencyKind.choices, default=AgencyKind.UNKNOWN
    )
    agency_name = models.TextField(_("cơ quan thực hiện"), blank=True)
    competent_authority = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    applicant_kinds = models.TextField(_("đối tượng thực hiện"), blank=True)
    online_level = models.CharField(
        _("mức độ trực tuyến"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.UNKNOWN
    )
    boundary_free = models.BooleanField(_("tiếp nhận không phụ thuộc địa giới hành chính"), default=False)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    results_text = models.TextField(_("kết quả (nguyên văn)"), blank=True)

    needs_review = models.BooleanField(_("cần rà soát"), default=False, db_index=True)
    parse_notes = models.JSONField(_("ghi chú khi phân tích dữ liệu"), default=list, blank=True)
    # What an administrator must still check: [{"field": "fee", "reason": "fee_implausible",
    # "detail": "1 đồng"}]. needs_review is true exactly when this list is not empty.
    review_reasons = models.JSONField(_("lý do cần rà soát"), default=list, blank=True)
    # Citations of a curated overlay, per fact: {"terms.in_person.time": "Điều 16 Luật Hộ tịch 2014", …}.
    sources = models.JSONField(_("trích dẫn nguồn"), default=dict, blank=True)
    source = models.JSONField(_("dữ liệu nguồn (nguyên văn)"), default=dict, blank=True)
    source_hash = models.CharField(_("mã băm dữ liệu nguồn"), max_length=64, blank=True, db_index=True)

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retired_at = models.DateTimeField(_("bãi bỏ lúc"), null=True, blank=True)

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = pgettext_lazy("plural", "phiên bản thủ tục")
        ordering = ["procedure__code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="catalog_version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"], condition=Q(status="draft"), name="catalog_one_draft_per_procedure"
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published", valid_to__isnull=True),
                name="catalog_one_open_published",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=False, valid_to__gte=models.F("valid_from")),
                name="catalog_version_window",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(valid_from__isnull=False),
                name="catalog_published_has_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "valid_from", "valid_to"], name="catalog_version_window_idx")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    @property
    def levels(self) -> list[str]:
        """Level codes: "ministry", "province", "commune", "other"."""
        flags = {
            "ministry": self.at_ministry,
            "province": self.at_province,
            "commune": self.at_commune,
            "other": self.at_other,
        }
        return [code for code, on in flags.items() if on]

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT
