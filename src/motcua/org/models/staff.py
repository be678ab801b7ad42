"""Staff: roles as data, and assignments saying who may act in which role, where, and when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.org.roles import ScopeKind
from motcua.units.models import AdministrativeUnit, UnitLevel

from .agencies import Agency
from .places import COMMUNE_CHOICES, PROVINCE_CHOICES, ReceptionPlace

SCOPE_LABELS = {
    ScopeKind.PLACE: _("Nơi tiếp nhận"),
    ScopeKind.AGENCY: _("Cơ quan"),
    ScopeKind.COMMUNE: _("Xã, phường, đặc khu"),
    ScopeKind.PROVINCE: _("Toàn tỉnh"),
    ScopeKind.SYSTEM: _("Toàn hệ thống"),
}
SCOPE_CHOICES = [(kind.value, SCOPE_LABELS[kind]) for kind in ScopeKind]


class Role(models.Model):
    code = models.SlugField(_("mã vai trò"), max_length=40, unique=True)
    name = models.CharField(_("tên vai trò"), max_length=100)
    description = models.TextField(_("mô tả"), blank=True)
    allowed_scopes = models.JSONField(
        _("phạm vi được giao"), default=list, help_text=_("Các loại phạm vi có thể giao cho vai trò này.")
    )

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = pgettext_lazy("plural", "vai trò")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        known = {kind.value for kind in ScopeKind}
        if not isinstance(self.allowed_scopes, list) or not set(self.allowed_scopes) <= known:
            message = _("Chỉ dùng các loại phạm vi: %(kinds)s.") % {"kinds": ", ".join(sorted(known))}
            raise ValidationError({"allowed_scopes": ValidationError(message, code="invalid_scopes")})


def _scope_condition(kind: ScopeKind, *present: str) -> Q:
    targets = ("place", "agency", "commune")
    condition = Q(scope_kind=kind.value)
    for field in targets:
        condition &= Q(**{f"{field}__isnull": field not in present})
    return condition & Q(province__isnull=kind == ScopeKind.SYSTEM)


class StaffAssignmentQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day)))


class StaffAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    role = models.ForeignKey(Role, verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="+")
    scope_kind = models.CharField(_("phạm vi"), max_length=10, choices=SCOPE_CHOICES)
    place = models.ForeignKey(
        ReceptionPlace,
        verbose_name=_("nơi tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("xã, phường, đặc khu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COMMUNE_CHOICES,
    )
    # Always the province of the scope (empty only for the whole system): supervisors' and selectors'
    # filters use it without joins.
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=PROVINCE_CHOICES,
        help_text=_("Tự điền theo nơi tiếp nhận, cơ quan hoặc xã; chỉ nhập khi phạm vi là toàn tỉnh."),
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True, help_text=_("Trống: đang giao."))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    objects = StaffAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = pgettext_lazy("plural", "phân công cán bộ")
        ordering = ["user", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=_scope_condition(ScopeKind.PLACE, "place")
                | _scope_condition(ScopeKind.AGENCY, "agency")
                | _scope_condition(ScopeKind.COMMUNE, "commune")
                | _scope_condition(ScopeKind.PROVINCE)
                | _scope_condition(ScopeKind.SYSTEM),
                name="org_assignment_scope_consistent",
                violation_error_code="invalid_scope",
                violation_error_message=_(
                    "Phạm vi phân công không khớp với nơi, cơ quan, xã hoặc tỉnh đã chọn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="org_assignment_valid_window",
                violation_error_code="invalid_window",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu."),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "valid_to"], name="org_assignment_user_idx"),
            models.Index(fields=["province", "role"], name="org_assignment_province_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role} – {self.scope_label}"

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    @property
    def scope_target(self):
        return self.place or self.agency or self.commune or self.province

    @property
    def scope_label(self) -> str:
        if self.scope_kind == ScopeKind.SYSTEM:
            return str(SCOPE_LABELS[ScopeKind.SYSTEM])
        return str(self.scope_target or "")

    def derive(self) -> None:
        """Set the scope kind from the target given and the province from the target."""
        if self.place_id:
            self.scope_kind = ScopeKind.PLACE
            self.province_id = self.place.province_id
        elif self.agency_id:
            self.scope_kind = ScopeKind.AGENCY
            self.province_id = self.agency.province_id
        elif self.commune_id:
            self.scope_kind = ScopeKind.COMMUNE
            self.province = (
                AdministrativeUnit.objects.current()
                .provinces()
                .filter(code=self.commune.province_code)
                .first()
            )
        elif self.province_id:
            self.scope_kind = ScopeKind.PROVINCE
        else:
            self.scope_kind = ScopeKind.SYSTEM

    def clean(self) -> None:
        targets = [name for name in ("place", "agency", "commune") if getattr(self, f"{name}_id")]
        if len(targets) > 1:
            raise ValidationError(_("Chỉ chọn một trong: nơi tiếp nhận, cơ quan, xã."), code="several_scopes")
        self.derive()
        errors: dict[str, ValidationError] = {}
        if self.commune_id and self.commune.level != UnitLevel.COMMUNE:
            errors["commune"] = ValidationError(_("Phải là đơn vị cấp xã."), code="not_a_commune")
        if self.scope_kind == ScopeKind.PROVINCE and self.province.level != UnitLevel.PROVINCE:
            errors["province"] = ValidationError(_("Phải là đơn vị cấp tỉnh."), code="not_a_province")
        if self.role_id and self.scope_kind not in self.role.allowed_scopes:
            errors["role"] = ValidationError(
                _("Vai trò “%(role)s” không được giao phạm vi “%(scope)s”.")
                % {"role": self.role.name, "scope": SCOPE_LABELS[ScopeKind(self.scope_kind)]},
                code="scope_not_allowed",
            )
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            errors["valid_to"] = ValidationError(
                _("Ngày hết hiệu lực phải sau ngày bắt đầu."), code="invalid_window"
            )
        if errors:
            raise ValidationError(errors)
