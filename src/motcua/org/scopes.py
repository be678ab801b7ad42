"""Whether an assignment covers a place, an agency or a commune (pure Python, no Django).

The selectors turn database rows into these small values; the rule itself lives here once, so the
counter UI, the API and the dossier engine cannot disagree about who may act where.
"""

from __future__ import annotations

from dataclasses import dataclass

from .roles import ScopeKind


@dataclass(frozen=True)
class Scope:
    """One current assignment: `role` may act within the given scope. Ids are database ids."""

    role: str
    kind: ScopeKind
    province_id: int | None = None
    place_id: int | None = None
    agency_id: int | None = None
    commune_id: int | None = None


@dataclass(frozen=True)
class PlaceTarget:
    id: int
    province_id: int
    commune_id: int | None
    # The place itself and the places above it up to its center (a commune center of the two-tier model
    # is a center of its own: the provincial center's staff do not act there by inheritance).
    lineage: frozenset[int]


@dataclass(frozen=True)
class AgencyTarget:
    id: int
    province_id: int
    commune_id: int | None


@dataclass(frozen=True)
class CommuneTarget:
    id: int
    province_id: int


Target = PlaceTarget | AgencyTarget | CommuneTarget


def covers(scope: Scope, target: Target) -> bool:
    match scope.kind:
        case ScopeKind.SYSTEM:
            return True
        case ScopeKind.PROVINCE:
            return target.province_id == scope.province_id
        case ScopeKind.PLACE:
            return isinstance(target, PlaceTarget) and scope.place_id in target.lineage
        case ScopeKind.AGENCY:
            return isinstance(target, AgencyTarget) and target.id == scope.agency_id
        case ScopeKind.COMMUNE:
            if isinstance(target, CommuneTarget):
                return target.id == scope.commune_id
            return target.commune_id is not None and target.commune_id == scope.commune_id
    return False


def any_covers(scopes: list[Scope], role: str, target: Target) -> bool:
    return any(scope.role == role and covers(scope, target) for scope in scopes)
