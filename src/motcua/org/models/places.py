"""Where dossiers are received: one tree of reception places, and the counters in them.

One table holds centers, branches, service points and commune points (`kind`); `ServiceCenter`, `Branch`
and `ServicePoint` are proxies of it so code and admin can use the domain's names. Every row carries its
`province` (so "all places of a province" and "the place's province" need no join) and, below a center,
its `center` (so a center's whole tree is one indexed filter). See docs/decisions/0004.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.units.models import AdministrativeUnit, UnitLevel

PROVINCE_CHOICES = {"level": UnitLevel.PROVINCE, "valid_to__isnull": True}
COMMUNE_CHOICES = {"level": UnitLevel.COMMUNE, "valid_to__isnull": True}


class PlaceKind(models.TextChoices):
    CENTER = "center", _("Trung tâm Phục vụ hành chính công")
    BRANCH = "branch", _("Chi nhánh")
    SERVICE_POINT = "service_point", _("Điểm phục vụ")
    COMMUNE_POINT = "commune_point", _("Điểm tiếp nhận cấp xã")


class CenterModel(models.TextChoices):
    ONE_LEVEL = "one_level", _("Một cấp (trung tâm với chi nhánh, điểm phục vụ)")
    TWO_TIER = "two_tier", _("Hai cấp (trung tâm cấp tỉnh và trung tâm cấp xã)")


POINT_KINDS = (PlaceKind.SERVICE_POINT, PlaceKind.COMMUNE_POINT)


class ReceptionPlaceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_province(self, province):
        return self.filter(province=province)

    def centers(self):
        return self.filter(kind=PlaceKind.CENTER)

    def provincial_centers(self):
        return self.filter(kind=PlaceKind.CENTER, parent__isnull=True)

    def commune_centers(self):
        return self.filter(kind=PlaceKind.CENTER, parent__isnull=False)

    def within(self, place):
        """`place` and the places under it in the same center (never another center)."""
        return self.filter(subtree_q(place.pk))


def subtree_q(place_id: int) -> Q:
    # Inside a center the tree is at most center → branch → point: the center's rows all point to it
    # through `center`, a branch's points through `parent`.
    return Q(pk=place_id) | Q(center_id=place_id) | (Q(parent_id=place_id) & ~Q(kind=PlaceKind.CENTER))


class ReceptionPlace(models.Model):
    default_kind: str = ""

    code = models.CharField(
        _("mã"), max_length=20, unique=True, help_text=_("Mã nội bộ duy nhất, ví dụ 01.CN03, 31.TTX11311.")
    )
    kind = models.CharField(_("loại"), max_length=16, choices=PlaceKind.choices, db_index=True)
    name = models.CharField(_("tên"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    center = models.ForeignKey(
        "self",
        verbose_name=_("trung tâm"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Trung tâm quản lý nơi này (trống với chính trung tâm)."),
    )
    center_model = models.CharField(
        _("mô hình tổ chức"),
        max_length=10,
        choices=CenterModel.choices,
        blank=True,
        help_text=_("Chỉ với trung tâm."),
    )
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="reception_places",
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
        help_text=_("Nơi đặt trụ sở; với trung tâm cấp xã và điểm tiếp nhận cấp xã: xã được phục vụ."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    online_desk = models.ForeignKey(
        "self",
        verbose_name=_("nơi tiếp nhận hồ sơ trực tuyến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Chỉ với trung tâm: nơi (trong trung tâm) có cán bộ tiếp nhận hồ sơ nộp trực tuyến cho các cơ "
            "quan không có điểm tiếp nhận riêng; để trống thì là chính trung tâm."
        ),
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = ReceptionPlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("nơi tiếp nhận")
        verbose_name_plural = _("nơi tiếp nhận (tất cả)")
        ordering = ["province__code", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=PlaceKind.CENTER) & ~Q(center_model=""))
                | (~Q(kind=PlaceKind.CENTER) & Q(center_model="")),
                name="org_place_model_only_on_centers",
                violation_error_code="center_model",
                violation_error_message=_("Chỉ trung tâm mới có (và phải có) mô hình tổ chức."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=PlaceKind.CENTER) & Q(center__isnull=True))
                | (~Q(kind=PlaceKind.CENTER) & Q(center__isnull=False) & Q(parent__isnull=False)),
                name="org_place_below_a_center",
                violation_error_code="invalid_parent",
                violation_error_message=_("Chi nhánh, điểm phục vụ phải trực thuộc một trung tâm."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=PlaceKind.COMMUNE_POINT) | Q(commune__isnull=False),
                name="org_commune_point_has_commune",
                violation_error_code="commune_required",
                violation_error_message=_("Điểm tiếp nhận cấp xã phải gắn với một xã, phường, đặc khu."),
            ),
            models.UniqueConstraint(
                fields=["province"],
                condition=Q(kind=PlaceKind.CENTER, parent__isnull=True),
                name="org_one_provincial_center",
                violation_error_code="center_exists",
                violation_error_message=_("Tỉnh, thành phố này đã có Trung tâm Phục vụ hành chính công."),
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(kind=PlaceKind.CENTER, parent__isnull=False),
                name="org_one_commune_center_per_commune",
                violation_error_code="commune_center_exists",
                violation_error_message=_("Xã, phường, đặc khu này đã có trung tâm cấp xã."),
            ),
        ]
        indexes = [models.Index(fields=["province", "kind"], name="org_place_province_kind_idx")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.kind and self.default_kind:
            self.kind = self.default_kind

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    @property
    def is_commune_center(self) -> bool:
        return self.kind == PlaceKind.CENTER and self.parent_id is not None

    @property
    def lineage_ids(self) -> frozenset[int]:
        """This place and the places above it up to its center."""
        ids = {self.pk}
        if self.kind != PlaceKind.CENTER:
            ids.update({self.parent_id, self.center_id})
        return frozenset(i for i in ids if i is not None)

    def derive(self) -> None:
        """Fill what follows from the parent: province, center, the commune center's model."""
        parent = self.parent
        if parent is None:
            self.center = None
            return
        if not self.province_id:
            self.province_id = parent.province_id
        if self.kind == PlaceKind.CENTER:
            self.center = None
            self.center_model = CenterModel.TWO_TIER
        else:
            self.center_id = parent.pk if parent.kind == PlaceKind.CENTER else parent.center_id
            self.center_model = ""

    def clean(self) -> None:
        self.derive()
        errors: dict[str, ValidationError] = {}
        self._check_parent(errors)
        self._check_units(errors)
        self._check_online_desk(errors)
        if errors:
            raise ValidationError(errors)

    def _check_parent(self, errors: dict) -> None:
        parent = self.parent
        if self.kind == PlaceKind.CENTER:
            if parent is None:
                if not self.center_model:
                    errors["center_model"] = ValidationError(
                        _("Trung tâm phải có mô hình tổ chức."), code="center_model_required"
                    )
                return
            if parent.kind != PlaceKind.CENTER or parent.parent_id is not None:
                errors["parent"] = ValidationError(
                    _("Trung tâm cấp xã phải trực thuộc trung tâm cấp tỉnh."), code="invalid_parent"
                )
            elif parent.center_model != CenterModel.TWO_TIER:
                errors["parent"] = ValidationError(
                    _("Chỉ trung tâm theo mô hình hai cấp mới có trung tâm cấp xã."), code="not_two_tier"
                )
            if self.commune_id is None:
                errors["commune"] = ValidationError(
                    _("Trung tâm cấp xã phải gắn với một xã, phường, đặc khu."), code="commune_required"
                )
            return
        allowed = (
            (PlaceKind.CENTER,) if self.kind == PlaceKind.BRANCH else (PlaceKind.CENTER, PlaceKind.BRANCH)
        )
        if parent is None or parent.kind not in allowed:
            message = (
                _("Chi nhánh phải trực thuộc một trung tâm.")
                if self.kind == PlaceKind.BRANCH
                else _("Điểm phục vụ phải trực thuộc một trung tâm hoặc chi nhánh.")
            )
            errors["parent"] = ValidationError(message, code="invalid_parent")
        if self.kind == PlaceKind.COMMUNE_POINT and self.commune_id is None:
            errors["commune"] = ValidationError(
                _("Điểm tiếp nhận cấp xã phải gắn với một xã, phường, đặc khu."), code="commune_required"
            )

    def _check_online_desk(self, errors: dict) -> None:
        desk = self.online_desk
        if desk is None:
            return
        if self.kind != PlaceKind.CENTER:
            errors["online_desk"] = ValidationError(
                _("Chỉ trung tâm mới chọn nơi tiếp nhận hồ sơ trực tuyến."), code="online_desk_not_center"
            )
        elif desk.pk != self.pk and desk.center_id != self.pk:
            errors["online_desk"] = ValidationError(
                _("Nơi tiếp nhận hồ sơ trực tuyến phải thuộc chính trung tâm này."),
                code="online_desk_outside",
            )

    def _check_units(self, errors: dict) -> None:
        if not self.province_id:
            return
        province = self.province
        if province.level != UnitLevel.PROVINCE:
            errors["province"] = ValidationError(_("Phải là đơn vị cấp tỉnh."), code="not_a_province")
            return
        if self.parent is not None and self.parent.province_id != self.province_id:
            errors["province"] = ValidationError(
                _("Nơi tiếp nhận phải cùng tỉnh với nơi nó trực thuộc."), code="province_mismatch"
            )
        commune = self.commune
        if commune is not None and (
            commune.level != UnitLevel.COMMUNE or commune.province_code != province.code
        ):
            errors["commune"] = ValidationError(
                _("Xã, phường, đặc khu phải thuộc tỉnh của nơi tiếp nhận."), code="commune_outside_province"
            )


class _KindManager(models.Manager.from_queryset(ReceptionPlaceQuerySet)):
    def __init__(self, *kinds: str):
        super().__init__()
        self.kinds = kinds

    def get_queryset(self):
        return super().get_queryset().filter(kind__in=self.kinds)


class ServiceCenter(ReceptionPlace):
    """A Public Administrative Service Center: a province's (parent empty) or, in the two-tier model, a
    commune's (parent = the provincial center)."""

    default_kind = PlaceKind.CENTER
    objects = _KindManager(PlaceKind.CENTER)

    class Meta:
        proxy = True
        verbose_name = _("trung tâm phục vụ hành chính công")
        verbose_name_plural = pgettext_lazy("plural", "trung tâm phục vụ hành chính công")


class Branch(ReceptionPlace):
    default_kind = PlaceKind.BRANCH
    objects = _KindManager(PlaceKind.BRANCH)

    class Meta:
        proxy = True
        verbose_name = _("chi nhánh")
        verbose_name_plural = pgettext_lazy("plural", "chi nhánh")


class ServicePoint(ReceptionPlace):
    """A service point, or a commune point (kind COMMUNE_POINT) that receives for one commune."""

    default_kind = PlaceKind.SERVICE_POINT
    objects = _KindManager(*POINT_KINDS)

    class Meta:
        proxy = True
        verbose_name = _("điểm phục vụ")
        verbose_name_plural = _("điểm phục vụ, điểm tiếp nhận cấp xã")


class Counter(models.Model):
    place = models.ForeignKey(
        ReceptionPlace, verbose_name=_("nơi tiếp nhận"), on_delete=models.CASCADE, related_name="counters"
    )
    number = models.PositiveSmallIntegerField(_("số quầy"))
    name = models.CharField(_("tên quầy"), max_length=150, blank=True)
    # Field (lĩnh vực) codes of the catalog; empty = every field. Becomes a relation once catalog.Field
    # exists.
    field_codes = models.JSONField(
        _("lĩnh vực phục vụ"), default=list, blank=True, help_text=_("Mã lĩnh vực; để trống: mọi lĩnh vực.")
    )
    is_priority = models.BooleanField(
        _("quầy ưu tiên"), default=False, help_text=_("Người cao tuổi, người khuyết tật, phụ nữ có thai.")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("quầy")
        verbose_name_plural = pgettext_lazy("plural", "quầy")
        ordering = ["place", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "number"],
                name="org_counter_number_unique",
                violation_error_code="counter_exists",
                violation_error_message=_("Nơi tiếp nhận đã có quầy số này."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="org_counter_number_positive",
                violation_error_code="counter_number",
                violation_error_message=_("Số quầy bắt đầu từ 1."),
            ),
        ]

    def __str__(self) -> str:
        label = _("Quầy số %(number)s") % {"number": self.number}
        return f"{label} – {self.place}"

    def clean(self) -> None:
        codes = self.field_codes
        if not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
            message = _("Danh sách mã lĩnh vực phải là các chuỗi không rỗng.")
            raise ValidationError({"field_codes": ValidationError(message, code="invalid_field_codes")})
