"""Reads of the org app: who may act where. The coverage rule itself is `motcua.org.scopes.covers`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.units.models import AdministrativeUnit, UnitLevel

from .models import Agency, Counter, ReceptionPlace, StaffAssignment
from .models.places import subtree_q
from .roles import RoleCode, ScopeKind
from .scopes import AgencyTarget, CommuneTarget, PlaceTarget, Scope, Target, any_covers


def _day(on: date | None) -> date:
    return on or timezone.localdate()


def scopes_for(
    user, *, role: str | None = None, roles: Iterable[str] | None = None, on: date | None = None
) -> list[Scope]:
    """The user's assignments valid on `on` (default today), as pure values, of `role` or of one of
    `roles` when given. Inactive users have none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    rows = StaffAssignment.objects.filter(user=user).valid_on(_day(on))
    if role is not None:
        rows = rows.filter(role__code=str(role))
    if roles is not None:
        rows = rows.filter(role__code__in=[str(r) for r in roles])
    return [
        Scope(
            role=role_code,
            kind=ScopeKind(kind),
            province_id=province_id,
            place_id=place_id,
            agency_id=agency_id,
            commune_id=commune_id,
        )
        for role_code, kind, province_id, place_id, agency_id, commune_id in rows.values_list(
            "role__code", "scope_kind", "province_id", "place_id", "agency_id", "commune_id"
        )
    ]


def supervised_provinces(user, *, on: date | None = None) -> set[int] | None:
    """Province ids where `user` supervises (a province scope); None: every province (system scope).
    An empty set: supervises nowhere."""
    scopes = [
        s
        for s in scopes_for(user, role=RoleCode.SUPERVISOR, on=on)
        if s.kind in (ScopeKind.PROVINCE, ScopeKind.SYSTEM)
    ]
    if any(s.kind == ScopeKind.SYSTEM for s in scopes):
        return None
    return {s.province_id for s in scopes}


def target_of(obj) -> Target:
    """A reception place, counter, agency or commune, as the pure value `covers` understands."""
    if isinstance(obj, Counter):
        obj = obj.place
    if isinstance(obj, ReceptionPlace):
        return PlaceTarget(
            id=obj.pk, province_id=obj.province_id, commune_id=obj.commune_id, lineage=obj.lineage_ids
        )
    if isinstance(obj, Agency):
        return AgencyTarget(id=obj.pk, province_id=obj.province_id, commune_id=obj.commune_id)
    if isinstance(obj, AdministrativeUnit) and obj.level == UnitLevel.COMMUNE:
        province_id = (
            AdministrativeUnit.objects.current()
            .provinces()
            .filter(code=obj.province_code)
            .values_list("pk", flat=True)
            .first()
        )
        return CommuneTarget(id=obj.pk, province_id=province_id)
    raise TypeError(f"not a place, counter, agency or commune: {obj!r}")


def can_act(user, role: str, target, *, on: date | None = None) -> bool:
    """May `user` act as `role` at/for `target` (place, counter, agency, commune) on `on`?"""
    return any_covers(scopes_for(user, role=role, on=on), str(role), target_of(target))


def _places_q(scope: Scope) -> Q | None:
    match scope.kind:
        case ScopeKind.SYSTEM:
            return Q()
        case ScopeKind.PROVINCE:
            return Q(province_id=scope.province_id)
        case ScopeKind.PLACE:
            return subtree_q(scope.place_id)
        case ScopeKind.COMMUNE:
            return Q(commune_id=scope.commune_id)
    return None


def _agencies_q(scope: Scope) -> Q | None:
    match scope.kind:
        case ScopeKind.SYSTEM:
            return Q()
        case ScopeKind.PROVINCE:
            return Q(province_id=scope.province_id)
        case ScopeKind.AGENCY:
            return Q(pk=scope.agency_id)
        case ScopeKind.COMMUNE:
            return Q(commune_id=scope.commune_id)
    return None


def _union(queryset: QuerySet, conditions: list[Q | None]) -> QuerySet:
    conditions = [c for c in conditions if c is not None]
    if not conditions:
        return queryset.none()
    combined = Q()
    for condition in conditions:
        if not condition:  # an empty Q: everything
            return queryset
        combined |= condition
    return queryset.filter(combined)


def places_for(
    user, *, role: str | None = None, roles: Iterable[str] | None = None, on: date | None = None
) -> QuerySet[ReceptionPlace]:
    """Reception places where the user may act (a supervisor: the whole province)."""
    scopes = scopes_for(user, role=role, roles=roles, on=on)
    return _union(ReceptionPlace.objects.all(), [_places_q(s) for s in scopes])


def agencies_for(
    user, *, role: str | None = None, roles: Iterable[str] | None = None, on: date | None = None
) -> QuerySet[Agency]:
    """Agencies the user may act for (a supervisor: every agency of the province)."""
    scopes = scopes_for(user, role=role, roles=roles, on=on)
    return _union(Agency.objects.all(), [_agencies_q(s) for s in scopes])


def staff_who_can_act(role: str, target, *, on: date | None = None) -> QuerySet:
    """Active users whose assignment lets them act as `role` at `target` (e.g. the specialists of an
    agency, to route a dossier to)."""
    pure = target_of(target)
    covering = Q(scope_kind=ScopeKind.SYSTEM) | Q(scope_kind=ScopeKind.PROVINCE, province_id=pure.province_id)
    if isinstance(pure, PlaceTarget):
        covering |= Q(scope_kind=ScopeKind.PLACE, place_id__in=pure.lineage)
    if isinstance(pure, AgencyTarget):
        covering |= Q(scope_kind=ScopeKind.AGENCY, agency_id=pure.id)
    commune_id = pure.id if isinstance(pure, CommuneTarget) else pure.commune_id
    if commune_id is not None:
        covering |= Q(scope_kind=ScopeKind.COMMUNE, commune_id=commune_id)
    user_ids = (
        StaffAssignment.objects.valid_on(_day(on)).filter(covering, role__code=str(role)).values("user_id")
    )
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def places_of_province(province: AdministrativeUnit) -> QuerySet[ReceptionPlace]:
    return ReceptionPlace.objects.filter(province=province)


def place_tree(center: ReceptionPlace) -> QuerySet[ReceptionPlace]:
    """A center and everything under it (branches, points; not the commune centers of a two-tier one)."""
    return ReceptionPlace.objects.within(center)
