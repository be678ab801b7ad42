"""Competent agencies (cơ quan có thẩm quyền): who decides a dossier once it is received."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.org import agency_codes
from motcua.units.models import AdministrativeUnit, UnitLevel

from .places import COMMUNE_CHOICES, PROVINCE_CHOICES


class AgencyKind(models.TextChoices):
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Ủy ban nhân dân tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
    PROVINCIAL_POLICE = "provincial_police", _("Công an tỉnh, thành phố")
    COMMUNE_COMMITTEE = "commune_committee", _("Ủy ban nhân dân xã, phường, đặc khu")
    COMMUNE_POLICE = "commune_police", _("Công an xã, phường, đặc khu")
    TAX = "tax", _("Cơ quan thuế")
    SOCIAL_INSURANCE = "social_insurance", _("Bảo hiểm xã hội")
    OTHER = "other", _("Cơ quan khác")


COMMUNE_KINDS = (AgencyKind.COMMUNE_COMMITTEE, AgencyKind.COMMUNE_POLICE)

_CODE_MESSAGES = {
    "format": _(
        "Mã định danh phải có dạng 000.00.00.H26: bốn nhóm chữ số hoặc chữ in hoa, dài 3, 2, 2, 3 ký tự, "
        "nhóm cuối bắt đầu bằng chữ cái."
    ),
    "gap": _("Mã định danh không được bỏ trống cấp trên khi đã dùng cấp dưới (ví dụ 000.05.00.H26)."),
}


def validate_agency_code(value: str) -> None:
    try:
        agency_codes.parse(value)
    except agency_codes.InvalidAgencyCode as exc:
        raise ValidationError(_CODE_MESSAGES[exc.reason], code=f"agency_code_{exc.reason}") from exc


class Agency(models.Model):
    code = models.CharField(
        _("mã định danh điện tử"),
        max_length=13,
        unique=True,
        validators=[validate_agency_code],
        help_text=_("Theo Quyết định 20/2020/QĐ-TTg, ví dụ 000.00.12.H26; là tiền tố của mã hồ sơ."),
    )
    kind = models.CharField(_("loại cơ quan"), max_length=24, choices=AgencyKind.choices, db_index=True)
    name = models.CharField(_("tên"), max_length=250)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="agencies",
        limit_choices_to=PROVINCE_CHOICES,
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường, đặc khu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COMMUNE_CHOICES,
        help_text=_("Bắt buộc với cơ quan cấp xã."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan có thẩm quyền")
        verbose_name_plural = pgettext_lazy("plural", "cơ quan có thẩm quyền")
        ordering = ["province__code", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=COMMUNE_KINDS) | Q(commune__isnull=False),
                name="org_commune_agency_has_commune",
                violation_error_code="commune_required",
                violation_error_message=_("Cơ quan cấp xã phải gắn với một xã, phường, đặc khu."),
            ),
        ]
        indexes = [models.Index(fields=["province", "kind"], name="org_agency_province_kind_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def parsed_code(self) -> agency_codes.AgencyCode:
        return agency_codes.parse(self.code)

    def clean_fields(self, exclude=None) -> None:
        # "000.00.12.h26 " is the same code: normalise before length and format checks.
        if self.code:
            self.code = agency_codes.normalise(self.code)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.kind in COMMUNE_KINDS and self.commune_id is None:
            errors["commune"] = ValidationError(
                _("Cơ quan cấp xã phải gắn với một xã, phường, đặc khu."), code="commune_required"
            )
        province = self.province if self.province_id else None
        if province is not None and province.level != UnitLevel.PROVINCE:
            errors["province"] = ValidationError(_("Phải là đơn vị cấp tỉnh."), code="not_a_province")
        commune = self.commune
        if (
            province is not None
            and commune is not None
            and (commune.level != UnitLevel.COMMUNE or commune.province_code != province.code)
        ):
            errors["commune"] = ValidationError(
                _("Xã, phường, đặc khu phải thuộc tỉnh của cơ quan."), code="commune_outside_province"
            )
        if self.parent_id is not None and self.parent_id == self.pk:
            errors["parent"] = ValidationError(
                _("Cơ quan không thể trực thuộc chính nó."), code="self_parent"
            )
        if errors:
            raise ValidationError(errors)
