"""The province's reference data read from the database, as the planner's plain values (plan/world.py),
plus what the driver needs to call the services (the objects behind the ids)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from motcua.catalog.demand import is_popular, procedure_weight
from motcua.catalog.models import ProvinceProcedure
from motcua.catalog.selectors import current_versions
from motcua.core.errors import DomainError
from motcua.dossiers.services import planning, routing
from motcua.org import selectors as org
from motcua.org.demo.plan import ACCOUNT_PREFIXES
from motcua.org.models import Agency, AgencyKind, Counter, ReceptionPlace, StaffAssignment
from motcua.org.roles import RoleCode, ScopeKind
from motcua.org.scopes import Scope, covers
from motcua.units.models import AdministrativeUnit

from .plan.world import AgencyRef, CommuneRef, PlaceRef, ProcedureRef, World

CHANNELS = ("counter", "online", "postal")


@dataclass
class Intake:
    """What a reception call needs for one procedure: the version in force, its case, what is handed in."""

    procedure: object
    version: object
    case: object
    provided: dict[int, tuple[int, int]]


@dataclass
class Loaded:
    world: World
    province: AdministrativeUnit
    intake: dict[int, Intake]
    users: dict[int, object]
    places: dict[int, ReceptionPlace]
    counters: dict[int, Counter]
    communes: dict[int, AdministrativeUnit]
    dropped: dict[str, int] = field(default_factory=dict)  # why procedures were left out, how many


def _staff(role: str, day: date) -> list[tuple[int, Scope]]:
    """Who holds `role` on `day`, each with one assignment as the pure value the access rule reads."""
    rows = StaffAssignment.objects.valid_on(day).filter(role__code=role, user__is_active=True)
    fields = ("user_id", "scope_kind", "province_id", "place_id", "agency_id", "commune_id")
    return [
        (user_id, Scope(str(role), ScopeKind(kind), province_id, place_id, agency_id, commune_id))
        for user_id, kind, province_id, place_id, agency_id, commune_id in rows.values_list(*fields)
    ]


def _who_can_act(staff: list[tuple[int, Scope]], target) -> tuple[int, ...]:
    """The users of `staff` who may act at `target` (a place or an agency), by the rule the dossier
    services apply (`org.scopes.covers`, what `dossiers.access.roles_for` asks): a two-tier commune
    center is a center of its own, where the provincial center's officers do not act."""
    pure = org.target_of(target)
    return tuple(sorted({user_id for user_id, scope in staff if covers(scope, pure)}))


def load(province_code: str, day: date) -> Loaded:
    province = AdministrativeUnit.objects.current().provinces().get(code=province_code)
    communes = {
        c.pk: c for c in AdministrativeUnit.objects.current().communes().filter(province_code=province_code)
    }
    places = {
        p.pk: p for p in ReceptionPlace.objects.filter(province=province, is_active=True).order_by("code")
    }
    officers = _staff(RoleCode.RECEPTION_OFFICER, day)
    counters = defaultdict(list)
    counter_rows = {}
    for counter in Counter.objects.filter(place__in=list(places), is_active=True).order_by(
        "place_id", "number"
    ):
        counters[counter.place_id].append(counter.pk)
        counter_rows[counter.pk] = counter
    place_refs = []
    for pk, place in places.items():
        # An officer of a center or branch acts at the places under it, never at another center.
        place_refs.append(
            PlaceRef(
                pk,
                place.code,
                place.kind,
                place.commune_id,
                tuple(counters[pk]),
                _who_can_act(officers, place),
            )
        )
    agencies = list(Agency.objects.filter(province=province, is_active=True).order_by("code"))
    specialists, leaders = _staff(RoleCode.SPECIALIST, day), _staff(RoleCode.LEADER, day)
    agency_refs, online_place = {}, {}
    for agency in agencies:
        place = routing.online_place(agency, province)
        agency_specialists, agency_leaders = _who_can_act(specialists, agency), _who_can_act(leaders, agency)
        if place is None or not agency_specialists or not agency_leaders:
            continue
        online_place[agency.pk] = place.pk
        agency_refs[agency.pk] = AgencyRef(
            agency.pk,
            agency.code,
            agency.commune_id,
            place.pk,
            agency_specialists,
            agency_leaders,
        )
    commune_agency = {
        a.commune_id: a.pk
        for a in agencies
        if a.kind == AgencyKind.COMMUNE_COMMITTEE and a.pk in agency_refs and a.commune_id in communes
    }
    procedures, intake, dropped = _procedures(province, day, agency_refs, commune_agency, communes)
    user_ids = {u for p in place_refs for u in p.officers}
    user_ids |= {u for a in agency_refs.values() for u in (*a.specialists, *a.leaders)}
    users = get_user_model().objects.in_bulk(user_ids)
    featured = frozenset(u.pk for u in users.values() if u.username.startswith(ACCOUNT_PREFIXES))
    # Where the demo accounts work: the places of its reception officers (and the People's Committee
    # of each such place's commune), the agencies of its specialists and leaders.
    assigned = {scope.place_id for user_id, scope in officers if user_id in featured}
    focus_places = [p for p in place_refs if p.id in assigned]
    focus_agencies = {a.id for a in agency_refs.values() if featured & {*a.specialists, *a.leaders}}
    focus_agencies |= {commune_agency[p.commune_id] for p in focus_places if p.commune_id in commune_agency}
    world = World(
        province_code=province.code,
        province_name=province.full_name,
        procedures=tuple(procedures),
        communes=tuple(
            CommuneRef(c.pk, c.code, c.full_name)
            for c in sorted(communes.values(), key=lambda c: c.code)
            if c.pk in commune_agency
        ),
        places=tuple(place_refs),
        agencies=tuple(agency_refs.values()),
        commune_agency=commune_agency,
        featured=featured,
        focus_places=tuple(p.id for p in focus_places),
        focus_agencies=tuple(sorted(focus_agencies)),
    )
    return Loaded(world, province, intake, users, places, counter_rows, communes, dropped)


def _procedures(province, day, agencies, commune_agency, communes):
    adoptions = {
        a.procedure_id: a
        for a in ProvinceProcedure.objects.filter(province=province, active=True).select_related("agency")
    }
    versions = (
        current_versions(day)
        .filter(procedure_id__in=list(adoptions))
        .select_related("procedure", "field")
        .prefetch_related("channel_terms", Prefetch("cases"), "results", "documents")
        .order_by("procedure__code")
    )
    sample_commune = next(iter(communes.values()), None)
    candidates, dropped = [], defaultdict(int)
    for version in versions:
        adoption = adoptions[version.procedure_id]
        try:
            agency = routing.resolve_agency(
                version=version, adoption=adoption, province=province, commune=sample_commune
            )
        except DomainError:
            dropped["no_competent_agency"] += 1
            continue
        commune_level = agency.commune_id is not None
        if commune_level and agency.kind != AgencyKind.COMMUNE_COMMITTEE:
            dropped["commune_police_not_in_org"] += 1
            continue
        if agency.pk not in agencies or (commune_level and not commune_agency):
            dropped["agency_without_staff"] += 1
            continue
        if version.online_level == "none":
            pass
        candidates.append((version, adoption, agency, commune_level))
    ranked = defaultdict(list)
    for item in candidates:
        version = item[0]
        ranked[version.field.name if version.field else ""].append(item)
    procedures, intake = [], {}
    for field_name, items in ranked.items():
        items.sort(key=lambda i: (not is_popular(i[0].name), i[0].procedure.code))
        for rank, (version, adoption, agency, commune_level) in enumerate(items):
            cases = sorted(version.cases.all(), key=lambda c: (c.position, c.pk))
            case = cases[0] if cases else None
            documents = _checklist(version, case)
            provided = {
                d.pk: (max(d.originals, 1 if not d.copies else 0), d.copies) for d in documents if d.required
            }
            results = sorted(version.results.all(), key=lambda r: (r.position, r.pk))
            title = results[0].name if results else f"Kết quả giải quyết: {version.name}"
            procedures.append(
                ProcedureRef(
                    id=version.procedure_id,
                    code=version.procedure.code,
                    name=version.name,
                    field=field_name,
                    commune_level=commune_level,
                    limits={ch: planning.limit_for(version, ch) for ch in CHANNELS},
                    online=version.online_level != "none",
                    fees={ch: _fee(version, adoption, ch) for ch in CHANNELS},
                    agency_id=None if commune_level else agency.pk,
                    weight=procedure_weight(field_name, version.name, rank),
                    result_title=" ".join(title.split())[:300],
                )
            )
            intake[version.procedure_id] = Intake(version.procedure, version, case, provided)
    procedures.sort(key=lambda p: p.code)
    return procedures, intake, dict(dropped)


def _checklist(version, case):
    """dossiers.selectors.checklist on the prefetched documents (one query for the whole catalog):
    the documents of the case and those common to every case, by position."""
    wanted = {None, getattr(case, "pk", None)}
    return sorted(
        (d for d in version.documents.all() if d.case_id in wanted), key=lambda d: (d.position, d.pk)
    )


def _fee(version, adoption, channel) -> int:
    """What services/planning.fee_payments charges at reception for this channel."""
    if adoption.fee_kind == "amount":
        return adoption.fee_amount or 0
    if adoption.fee_kind:
        return 0
    term = planning.channel_term(version, channel)
    if term is not None and term.fee_kind == "amount":
        return term.fee_amount or 0
    return 0
