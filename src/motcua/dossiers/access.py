"""Who sees and who acts on which dossier. The coverage rule itself is motcua.org.scopes.covers.

- Only the roles whose work reads dossiers (`org.roles.DOSSIER_READERS`) see any: a catalog
  administrator or a postal agent sees none through these rules, whatever their scope (ADR 0051).
- Officers see the dossiers received at their reception place (and the places under it) or routed to
  their agency or commune; supervisors see their province; the system scope sees everything; an
  applicant sees the dossiers of their own account.
- Acting needs a role the lifecycle allows for the action, held where the role works: a reception
  officer at the dossier's reception place or for its agency's commune; specialists and leaders for the
  dossier's agency. `applicant` is the owner of an online dossier. A specialist who is not the
  assignee cannot act on an assigned dossier's processing steps.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.org import selectors as org
from motcua.org.roles import DOSSIER_READERS, ScopeKind
from motcua.org.scopes import any_covers

from . import fees, lifecycle, reference
from .lifecycle import APPLICANT, LEADER, OFFICER, SPECIALIST, Action
from .models import ApologyLetter, Dossier

# Where each role must be able to act for the dossier: "place" (its reception place) or "agency".
ROLE_TARGETS = {OFFICER: ("place", "agency"), SPECIALIST: ("agency",), LEADER: ("agency",)}
ASSIGNEE_ONLY = {Action.FINISH_STEP, Action.REQUEST_SUPPLEMENT}


def visible_dossiers(user, *, materialise: bool = False) -> QuerySet[Dossier]:
    """`materialise`: read the place and agency ids first (two small queries) and filter on the id
    lists, so that PostgreSQL combines index scans instead of scanning every dossier for the OR of two
    sub-selects (what the workspace's lists need at a million dossiers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Dossier.objects.none()
    if materialise:
        return Dossier.objects.filter(any_of(rule_parts(user)))
    condition = Q(owner=user)
    if org.scopes_for(user, roles=DOSSIER_READERS):
        condition |= Q(received_place__in=org.places_for(user, roles=DOSSIER_READERS).values("pk"))
        condition |= Q(agency__in=org.agencies_for(user, roles=DOSSIER_READERS).values("pk"))
    return Dossier.objects.filter(condition)


def rule_parts(user) -> list[Q]:
    """The conditions whose OR is what `user` sees, with the place and agency ids read first (the
    owner's condition last); none for an inactive or anonymous user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    scopes = reading_scopes(user)
    return [*_materialised(user, scopes), Q(owner=user)] if scopes else [Q(owner=user)]


def reading_scopes(user) -> list:
    """Today's assignments of `user` in the roles that read dossiers (cached per request's stamp)."""
    return [s for s in reference.scopes(user, timezone.localdate()) if s.role in DOSSIER_READERS]


def sees_identity(user, dossier: Dossier, *, roles: set[str] | None = None) -> bool:
    """Does `user` need the applicant's full ID and phone numbers for this dossier: the applicant, or an
    officer who acts on it (counter, specialist, leader). Those who only watch it (a supervisor, a
    system administrator) see them masked (ADR 0051)."""
    held = roles_for(user, dossier) if roles is None else roles
    return bool(held & {APPLICANT, OFFICER, SPECIALIST, LEADER})


def any_of(parts: list[Q]) -> Q:
    """The OR of `rule_parts` (the owner first, as the rule reads)."""
    condition = parts[-1]
    for part in parts[:-1]:
        condition |= part
    return condition


def disjoint(parts: list[Q]) -> list[Q]:
    """The same rule as conditions a dossier meets exactly one of: each part minus the earlier ones.
    Counts per part add up to the count of the rule, and each part alone is one column and its ids,
    which an index serves without reading the table; the OR of a supervisor's `province = p` with
    `owner = user` makes PostgreSQL read every visible row instead (ADR 0018)."""
    out, before = [], None
    for part in parts:
        out.append(part if before is None else part & ~before)
        before = part if before is None else before | part
    return out


def _materialised(user, scopes) -> list[Q]:
    """The same rule with ids read first, as the conditions whose OR it is (empty lists left out). A
    province scope covers every place and agency of the province, and a dossier's reception place and
    agency are always of its own province (reception and transfer never leave it), so it is
    `province = p`: one index for a supervisor's million dossiers."""
    if any(s.kind == ScopeKind.SYSTEM for s in scopes):
        return [Q(pk__isnull=False)]
    provinces, places, agencies = reference.rule_ids(user, timezone.localdate(), scopes)
    found = [("province_id__in", provinces), ("received_place__in", places), ("agency__in", agencies)]
    return [Q(**{lookup: list(ids)}) for lookup, ids in found if ids]


def roles_for(user, dossier: Dossier) -> set[str]:
    """The lifecycle roles `user` holds for `dossier` (today's assignments)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = {APPLICANT} if dossier.owner_id is not None and dossier.owner_id == user.pk else set()
    scopes = reference.scopes(user, timezone.localdate())
    if not scopes:
        return roles
    targets = {"agency": org.target_of(dossier.agency)}
    if dossier.received_place_id is not None:
        targets["place"] = org.target_of(dossier.received_place)
    for role, kinds in ROLE_TARGETS.items():
        if any(kind in targets and any_covers(scopes, role, targets[kind]) for kind in kinds):
            roles.add(role)
    return roles


def _allowed(roles: set[str], user, dossier: Dossier, transition: lifecycle.Transition) -> bool:
    usable = roles & transition.roles
    if (
        usable == {SPECIALIST}
        and transition.action in ASSIGNEE_ONLY
        and dossier.assignee_id is not None
        and dossier.assignee_id != user.pk
    ):
        return False
    return bool(usable)


def can_fire(user, dossier: Dossier, action: str, *, roles: set[str] | None = None) -> bool:
    """Does `user` hold a role allowed to fire `action` on this dossier (whatever its state)?"""
    transition = lifecycle.transition(action)
    return _allowed(roles_for(user, dossier) if roles is None else roles, user, dossier, transition)


def can_act_on(user, dossier: Dossier, action: str) -> bool:
    """May `user` fire `action` on `dossier` now: the state allows it and the user holds the role."""
    transition = lifecycle.transition(action)
    if lifecycle.State(dossier.status) not in transition.sources:
        return False
    return can_fire(user, dossier, action)


def available_actions(dossier: Dossier, user) -> list[lifecycle.Transition]:
    """The transitions `user` may fire on `dossier` now, in the table's order (the UI's buttons)."""
    roles = roles_for(user, dossier)
    if not roles:
        return []
    return [
        t
        for t in lifecycle.actions_from(dossier.status)
        if _allowed(roles, user, dossier, t) and still_possible(dossier, t.action)
    ]


def still_possible(dossier: Dossier, action: str) -> bool:
    """What the dossier's own records rule out, whatever the state: a second supplement request or
    apology letter, a fee recorded again (the services refuse these with their own codes)."""
    if action == Action.REQUEST_SUPPLEMENT:
        return dossier.supplement_count < 1
    if action == Action.EXTEND:
        return not ApologyLetter.objects.filter(dossier_id=dossier.pk).exists()
    if action == Action.RECORD_PAYMENT:
        known = getattr(dossier, "known_fee_statuses", None)  # set when the dossier was just created
        return not fees.settled(known if known is not None else (p.status for p in dossier.payments.all()))
    return True
