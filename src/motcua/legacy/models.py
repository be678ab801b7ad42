"""Dossiers brought in from the former provinces' one-stop systems (`motcua migrate-legacy`).

A migrated dossier is a real `dossiers.Dossier` whose code is the old code (ADR 0042); `LegacyRecord`
keeps what the old system said that the dossier has no field for (old unit codes, the old agency and
procedure as written, the fingerprint that makes a rerun skip the line), and `AgencyMapping` is the
operator's table that overrides the agency rules.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AgencyRule(models.TextChoices):
    MAPPING = "mapping", _("Bảng ánh xạ của người vận hành")
    DEPARTMENT = "department", _("Sở cùng tên của tỉnh mới")
    COMMUNE = "commune", _("UBND xã kế thừa")
    DISTRICT = "district", _("Cơ quan cấp huyện: UBND xã kế thừa xã của hồ sơ")
    PROVINCE = "province", _("Cơ quan cấp tỉnh cùng tên")
    UNRESOLVED = "unresolved", _("Chưa xác định: chờ phân công")


class LegacyRecord(models.Model):
    """One imported line of an old system's export."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="legacy"
    )
    code = models.CharField(_("mã hồ sơ cũ"), max_length=40, unique=True)
    province = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("tỉnh mới"), on_delete=models.PROTECT, related_name="+"
    )
    fingerprint = models.CharField(_("dấu vân tay dòng dữ liệu"), max_length=64)
    old_province_code = models.CharField(_("mã tỉnh cũ"), max_length=4)
    old_district_code = models.CharField(_("mã huyện cũ"), max_length=5, blank=True)
    old_commune_code = models.CharField(_("mã xã cũ"), max_length=5)
    procedure_code = models.CharField(_("mã thủ tục (nguyên văn)"), max_length=40, blank=True)
    procedure_name = models.TextField(_("tên thủ tục (nguyên văn, đã chuyển mã)"), blank=True)
    procedure_known = models.BooleanField(_("thủ tục có trong danh mục"), default=True, db_index=True)
    agency_name = models.CharField(_("cơ quan cũ (đã chuyển mã)"), max_length=250, blank=True)
    agency_code = models.CharField(_("mã cơ quan cũ"), max_length=40, blank=True)
    agency_rule = models.CharField(_("cách xác định cơ quan"), max_length=12, choices=AgencyRule.choices)
    to_assign = models.BooleanField(_("chờ phân công cơ quan"), default=False)
    id_tail = models.CharField(
        _("số cuối giấy tờ tùy thân"),
        max_length=6,
        blank=True,
        help_text=_("Sáu chữ số cuối số CCCD/CMND: yếu tố thứ hai khi tra cứu bằng mã cũ (ADR 0043)."),
    )
    converted = models.JSONField(
        _("văn bản đã chuyển mã"),
        default=dict,
        blank=True,
        help_text=_("Trường → [bảng mã, nguyên văn, sau chuyển đổi]."),
    )
    imported_at = models.DateTimeField(_("chuyển đổi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ chuyển đổi")
        verbose_name_plural = pgettext_lazy("plural", "hồ sơ chuyển đổi")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["province", "to_assign"], name="legacy_province_assign_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class AgencyMapping(models.Model):
    """An old agency (by its code, or by its name when it had none) → an agency of the new province."""

    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh mới"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "province", "valid_to__isnull": True},
    )
    old_code = models.CharField(_("mã cơ quan cũ"), max_length=40, blank=True)
    old_name = models.CharField(
        _("tên cơ quan cũ"), max_length=250, blank=True, help_text=_("Dùng khi cơ quan cũ không có mã.")
    )
    old_name_key = models.CharField(max_length=250, editable=False, db_index=True)
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("cơ quan giải quyết mới"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ánh xạ cơ quan cũ")
        verbose_name_plural = pgettext_lazy("plural", "ánh xạ cơ quan cũ")
        ordering = ["province", "old_code", "old_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(old_code="") | ~Q(old_name=""),
                name="legacy_mapping_code_or_name",
                violation_error_message=_("Nhập mã hoặc tên cơ quan cũ."),
            ),
            models.UniqueConstraint(
                fields=["province", "old_code"], condition=~Q(old_code=""), name="legacy_mapping_code_unique"
            ),
            models.UniqueConstraint(
                fields=["province", "old_name_key"],
                condition=Q(old_code=""),
                name="legacy_mapping_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_code or self.old_name} → {self.agency}"

    def save(self, *args, **kwargs):
        from .rules import name_key

        self.old_code = self.old_code.strip().upper()
        self.old_name_key = name_key(self.old_name) if not self.old_code else ""
        super().save(*args, **kwargs)


class ImportRun(models.Model):
    """One run of the command: its totals and, per old unit and agency, lines imported/skipped/rejected."""

    province = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("tỉnh mới"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("tệp"), max_length=300)
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    imported = models.PositiveIntegerField(_("đã nhập"), default=0)
    skipped = models.PositiveIntegerField(_("bỏ qua (đã có)"), default=0)
    rejected = models.PositiveIntegerField(_("bị từ chối"), default=0)
    # "commune:<old code>" / "agency:<old name>" -> [imported, skipped, rejected]; reasons -> count.
    tallies = models.JSONField(_("thống kê"), default=dict, blank=True)
    reasons = models.JSONField(_("lý do từ chối"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần chuyển đổi")
        verbose_name_plural = pgettext_lazy("plural", "lần chuyển đổi")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} {self.started_at:%d/%m/%Y %H:%M}"
