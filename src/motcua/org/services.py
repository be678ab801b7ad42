"""Writes of the org app: one function per use case, one transaction each, domain errors on failure."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.units.models import AdministrativeUnit, UnitLevel

from .models import Agency, Counter, PlaceKind, ReceptionPlace, Role, StaffAssignment
from .roles import ROLE_DEFINITIONS, RoleCode


def _validated(instance):
    """full_clean → InvalidInput with a stable code (org.<first error code>) and every message."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
        first = next(iter(errors.values()))[0]
        messages = {field: [str(m) for e in errs for m in e.messages] for field, errs in errors.items()}
        summary = "; ".join(m for msgs in messages.values() for m in msgs)
        raise InvalidInput(summary, code=f"org.{first.code or 'invalid'}", details=messages) from exc
    return instance


def ensure_roles() -> dict[str, Role]:
    """Create the standard roles that are missing (never overwrites an operator's renaming)."""
    roles = {}
    for definition in ROLE_DEFINITIONS:
        role, _created = Role.objects.get_or_create(
            code=definition.code.value,
            defaults={
                "name": definition.name,
                "description": definition.description,
                "allowed_scopes": [kind.value for kind in definition.allowed_scopes],
            },
        )
        roles[role.code] = role
    return roles


def get_role(code: str | RoleCode) -> Role:
    try:
        return Role.objects.get(code=str(code))
    except Role.DoesNotExist as exc:
        raise NotFound(_("Không có vai trò “%(code)s”.") % {"code": code}, code="org.role_not_found") from exc


@transaction.atomic
def create_center(
    *,
    province: AdministrativeUnit,
    code: str,
    name: str,
    center_model: str,
    commune: AdministrativeUnit | None = None,
    address: str = "",
) -> ReceptionPlace:
    """The province's center (one per province)."""
    if ReceptionPlace.objects.provincial_centers().filter(province=province).exists():
        raise Conflict(
            _("%(province)s đã có Trung tâm Phục vụ hành chính công.") % {"province": province.full_name},
            code="org.center_exists",
        )
    place = ReceptionPlace(
        kind=PlaceKind.CENTER,
        code=code,
        name=name,
        center_model=center_model,
        province=province,
        commune=commune,
        address=address,
    )
    _validated(place).save()
    return place


@transaction.atomic
def add_place(
    *,
    parent: ReceptionPlace,
    kind: str,
    code: str,
    name: str,
    commune: AdministrativeUnit | None = None,
    address: str = "",
) -> ReceptionPlace:
    """A branch, a service point, a commune point, or (kind CENTER under a two-tier provincial center) a
    commune center."""
    place = ReceptionPlace(
        kind=kind,
        code=code,
        name=name,
        parent=parent,
        province_id=parent.province_id,
        commune=commune,
        address=address,
    )
    _validated(place).save()
    return place


@transaction.atomic
def add_counter(
    *,
    place: ReceptionPlace,
    number: int | None = None,
    name: str = "",
    field_codes: list[str] | None = None,
    is_priority: bool = False,
) -> Counter:
    """A counter; numbered after the place's last one unless `number` is given."""
    locked = ReceptionPlace.objects.select_for_update().get(pk=place.pk)
    if number is None:
        number = (locked.counters.aggregate(top=Max("number"))["top"] or 0) + 1
    elif locked.counters.filter(number=number).exists():
        raise Conflict(
            _("%(place)s đã có quầy số %(number)s.") % {"place": locked, "number": number},
            code="org.counter_exists",
        )
    counter = Counter(
        place=locked, number=number, name=name, field_codes=field_codes or [], is_priority=is_priority
    )
    _validated(counter).save()
    return counter


@transaction.atomic
def create_agency(
    *,
    province: AdministrativeUnit,
    kind: str,
    code: str,
    name: str,
    commune: AdministrativeUnit | None = None,
    parent: Agency | None = None,
    short_name: str = "",
    address: str = "",
) -> Agency:
    agency = Agency(
        province=province,
        kind=kind,
        code=code,
        name=name,
        commune=commune,
        parent=parent,
        short_name=short_name,
        address=address,
    )
    _validated(agency).save()
    return agency


def _scope_fields(target) -> dict:
    if target is None:
        return {}
    if isinstance(target, ReceptionPlace):
        return {"place": target}
    if isinstance(target, Agency):
        return {"agency": target}
    if isinstance(target, AdministrativeUnit):
        if target.level == UnitLevel.COMMUNE:
            return {"commune": target}
        if target.level == UnitLevel.PROVINCE:
            return {"province": target}
    raise InvalidInput(_("Phạm vi phân công không hợp lệ."), code="org.invalid_scope")


@transaction.atomic
def assign_staff(
    *,
    user,
    role: Role | str,
    target=None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    note: str = "",
) -> StaffAssignment:
    """Let `user` act as `role` within `target`: a reception place, an agency, a commune, a province,
    or None for the whole system. The role decides which of these it may be given."""
    role = role if isinstance(role, Role) else get_role(role)
    assignment = StaffAssignment(
        user=user,
        role=role,
        valid_from=valid_from or timezone.localdate(),
        valid_to=valid_to,
        note=note,
        **_scope_fields(target),
    )
    assignment.derive()
    _validated(assignment)
    same = StaffAssignment.objects.filter(
        user=user,
        role=role,
        scope_kind=assignment.scope_kind,
        place=assignment.place,
        agency=assignment.agency,
        commune=assignment.commune,
        province=assignment.province,
    )
    overlapping = same.filter(valid_to__isnull=True) | same.filter(valid_to__gt=assignment.valid_from)
    if assignment.valid_to is not None:
        overlapping = overlapping.filter(valid_from__lt=assignment.valid_to)
    if overlapping.exists():
        raise Conflict(
            _("Cán bộ đã được phân công vai trò này tại phạm vi này trong thời gian đó."),
            code="org.assignment_exists",
        )
    assignment.save()
    return assignment


@transaction.atomic
def end_assignment(assignment: StaffAssignment, *, on: date | None = None) -> StaffAssignment:
    """The assignment stops being valid from `on` (default today); history is kept."""
    locked = StaffAssignment.objects.select_for_update().get(pk=assignment.pk)
    on = on or timezone.localdate()
    if locked.valid_to is not None and locked.valid_to <= on:
        return locked
    if on <= locked.valid_from:
        raise InvalidInput(_("Ngày kết thúc phải sau ngày bắt đầu phân công."), code="org.invalid_window")
    locked.valid_to = on
    locked.save(update_fields=["valid_to"])
    return locked
