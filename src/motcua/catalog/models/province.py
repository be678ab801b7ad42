"""A province adopts national procedures: its own agency and fee, never a copy of the national text.

The agency: `agency` links the province's `org.Agency` when it is known; kind + name stay for provinces
whose agencies are not (yet) in `org`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import AgencyKind, FeeKind
from .procedure import Procedure


class ProvinceProcedure(models.Model):
    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": "province"},
        related_name="adopted_procedures",
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="adoptions"
    )
    agency_kind = models.CharField(
        _("loại cơ quan thực hiện"),
        max_length=24,
        choices=AgencyKind.choices,
        blank=True,
        help_text=_("Trống: theo danh mục quốc gia."),
    )
    agency_name = models.CharField(_("cơ quan thực hiện tại địa phương"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan thực hiện (danh mục cơ quan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalog_adoptions",
    )
    fee_kind = models.CharField(
        _("loại phí tại địa phương"),
        max_length=10,
        choices=FeeKind.choices,
        blank=True,
        help_text=_("Trống: theo danh mục quốc gia."),
    )
    fee_amount = models.PositiveBigIntegerField(_("mức thu tại địa phương (đồng)"), null=True, blank=True)
    fee_note = models.TextField(_("ghi chú phí, lệ phí"), blank=True)
    boundary_free = models.BooleanField(_("tiếp nhận không phụ thuộc địa giới hành chính"), default=False)
    active = models.BooleanField(_("đang áp dụng"), default=True)
    adopted_on = models.DateField(_("áp dụng từ"), null=True, blank=True)
    decision_no = models.CharField(_("quyết định công bố của tỉnh"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thủ tục áp dụng tại tỉnh")
        verbose_name_plural = pgettext_lazy("plural", "thủ tục áp dụng tại tỉnh")
        ordering = ["province__code", "procedure__code"]
        constraints = [
            models.UniqueConstraint(fields=["province", "procedure"], name="catalog_adoption_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} @ {self.province.code}"
