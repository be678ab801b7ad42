"""The administrative map of Vietnam, with its history.

A row is one unit during one period: when a unit changes (merged, renamed, re-typed as thành phố), the
old row gets `valid_to` and a new row starts; nothing is overwritten. `UnitSuccession` links old units
to the units that took over their territory (old → new is many-to-many: a commune may be split).
`parent` is the parent row in force on the row's last day (the current one for current rows); rows are
loaded from the owned data file by `motcua units load` (docs/decisions/0003-administrative-units-data.md).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (trước 1/7/2025)")
    COMMUNE = "commune", _("Cấp xã")


class UnitKind(models.TextChoices):
    # Provincial level
    TINH = "tinh", _("Tỉnh")
    THANH_PHO_TW = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    # District level (legacy, before 1 July 2025)
    QUAN = "quan", _("Quận")
    HUYEN = "huyen", _("Huyện")
    THI_XA = "thi_xa", _("Thị xã")
    THANH_PHO_THUOC_TINH = "thanh_pho_thuoc_tinh", _("Thành phố thuộc tỉnh")
    THANH_PHO_THUOC_TP = "thanh_pho_thuoc_tp", _("Thành phố thuộc thành phố trực thuộc trung ương")
    # Commune level
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    DAC_KHU = "dac_khu", _("Đặc khu")
    THI_TRAN = "thi_tran", _("Thị trấn")


class AdministrativeUnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def at(self, day):
        """Units in force on `day` (a date)."""
        return self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day)))

    def provinces(self):
        return self.filter(level=UnitLevel.PROVINCE)

    def communes(self):
        return self.filter(level=UnitLevel.COMMUNE)


class AdministrativeUnit(models.Model):
    code = models.CharField(
        _("mã"), max_length=10, db_index=True, help_text=_("Mã GSO: tỉnh '01', xã '00004'.")
    )
    level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices)
    kind = models.CharField(_("loại"), max_length=24, choices=UnitKind.choices)
    name = models.CharField(_("tên"), max_length=100)
    full_name = models.CharField(_("tên đầy đủ"), max_length=150)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=150, blank=True)
    # Lower-case, no diacritics, đ -> d: what search compares against (see motcua.units.text.search_key).
    search_name = models.CharField(_("tên tìm kiếm"), max_length=150, db_index=True, editable=False)
    search_short_name = models.CharField(_("tên ngắn tìm kiếm"), max_length=100, editable=False, default="")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province_code = models.CharField(_("mã tỉnh"), max_length=2, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Trống: đang có hiệu lực.")
    )
    valid_from_exact = models.BooleanField(
        _("ngày bắt đầu chính xác"),
        default=True,
        help_text=_("Không: đơn vị có trước ngày này (dữ liệu cũ chỉ biết đơn vị tồn tại đến 30/6/2025)."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị hành chính")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "level", "valid_from"], name="unit_code_level_from_unique"
            ),
            models.UniqueConstraint(
                fields=["code", "level"], condition=Q(valid_to__isnull=True), name="unit_one_current_per_code"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_window",
            ),
        ]
        indexes = [
            models.Index(fields=["province_code", "level", "valid_to"], name="unit_province_level_idx")
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"

    def save(self, *args, **kwargs):
        self.fill_search_fields()
        super().save(*args, **kwargs)

    def fill_search_fields(self) -> None:
        """Also called by the bulk loader, which bypasses save()."""
        from .text import search_key

        self.search_name = search_key(self.full_name)
        self.search_short_name = search_key(self.name)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class UnitSuccession(models.Model):
    """`predecessor`'s territory passed (wholly or in part) to `successor` on `effective_on`."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        related_name="predecessions",
    )
    effective_on = models.DateField(_("ngày hiệu lực"))
    partial = models.BooleanField(
        _("một phần"), default=False, help_text=_("Chỉ một phần địa bàn chuyển sang.")
    )
    primary = models.BooleanField(
        _("kế thừa chính"),
        default=True,
        help_text=_("Khi đơn vị cũ bị chia: đơn vị mới được chọn mặc định khi chuyển đổi địa chỉ cũ."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
