"""Write a demo plan: bulk inserts of what is missing, so a second run creates nothing.

Rows are matched on natural keys (place code, counter number, agency code, username, assignment
scope); existing rows are never modified, so an operator's edits and passwords survive a rerun.
"""

from __future__ import annotations

from collections import Counter as Tally
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from motcua.org.models import Agency, Counter, PlaceKind, ReceptionPlace, StaffAssignment
from motcua.org.roles import ScopeKind
from motcua.org.services import ensure_roles
from motcua.units.models import AdministrativeUnit, UnitLevel

from .plan import ASSIGNED_FROM, DEMO_PASSWORD, Plan, Unit

BATCH = 500


def units_for_demo(province_codes) -> dict[str, tuple[Unit, list[Unit]]]:
    """Current provinces and their current communes, in code order."""
    current = AdministrativeUnit.objects.current()
    out = {}
    for province in current.provinces().filter(code__in=province_codes):
        communes = current.communes().filter(province_code=province.code).order_by("code")
        out[province.code] = (
            Unit(province.code, province.name, province.full_name),
            [Unit(c.code, c.name, c.full_name) for c in communes],
        )
    return out


class _Loader:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.created: Tally = Tally()
        current = AdministrativeUnit.objects.current()
        self.provinces = dict(current.provinces().values_list("code", "pk"))
        wanted = {s.commune_code for s in plan.places} | {s.commune_code for s in plan.agencies}
        self.communes = dict(current.communes().filter(code__in=wanted).values_list("code", "pk"))

    def places(self) -> dict[str, ReceptionPlace]:
        codes = [s.code for s in self.plan.places]
        known = {p.code: p for p in ReceptionPlace.objects.filter(code__in=codes)}
        pending = [s for s in self.plan.places if s.code not in known]
        while pending:  # parents before children: one bulk insert per depth
            ready = [s for s in pending if s.parent_code is None or s.parent_code in known]
            rows = [self._place(s, known.get(s.parent_code)) for s in ready]
            for row in ReceptionPlace.objects.bulk_create(rows, batch_size=BATCH):
                known[row.code] = row
            self.created["places"] += len(rows)
            pending = [s for s in pending if s.code not in known]
            if not ready:
                raise ValueError(f"demo places without a parent: {[s.code for s in pending][:5]}")
        self._online_desks(known)
        return known

    def _online_desks(self, known: dict[str, ReceptionPlace]) -> None:
        """Each center's online desk, set where none is (an operator's choice is kept)."""
        for spec in self.plan.places:
            center = known[spec.code]
            if spec.online_desk_code and center.online_desk_id is None:
                center.online_desk = known[spec.online_desk_code]
                center.save(update_fields=["online_desk"])
                self.created["online_desks"] += 1

    def _place(self, spec, parent: ReceptionPlace | None) -> ReceptionPlace:
        center_id = None
        if spec.kind != PlaceKind.CENTER:
            center_id = parent.pk if parent.kind == PlaceKind.CENTER else parent.center_id
        return ReceptionPlace(
            code=spec.code,
            kind=spec.kind,
            name=spec.name,
            parent=parent,
            center_id=center_id,
            center_model=spec.center_model,
            province_id=self.provinces[spec.province_code],
            commune_id=self.communes.get(spec.commune_code),
            address=spec.address,
        )

    def counters(self, places: dict[str, ReceptionPlace]) -> None:
        ids = [places[s.code].pk for s in self.plan.places]
        existing = set(Counter.objects.filter(place_id__in=ids).values_list("place_id", "number"))
        rows = [
            Counter(place_id=places[s.code].pk, number=c.number, name=c.name, is_priority=c.is_priority)
            for s in self.plan.places
            for c in s.counters
            if (places[s.code].pk, c.number) not in existing
        ]
        Counter.objects.bulk_create(rows, batch_size=BATCH)
        self.created["counters"] += len(rows)

    def agencies(self) -> dict[str, tuple[int, int]]:
        codes = [s.code for s in self.plan.agencies]
        existing = set(Agency.objects.filter(code__in=codes).values_list("code", flat=True))
        rows = [
            Agency(
                code=s.code,
                kind=s.kind,
                name=s.name,
                short_name=s.short_name,
                province_id=self.provinces[s.province_code],
                commune_id=self.communes.get(s.commune_code),
            )
            for s in self.plan.agencies
            if s.code not in existing
        ]
        Agency.objects.bulk_create(rows, batch_size=BATCH)
        self.created["agencies"] += len(rows)
        rows = Agency.objects.filter(code__in=codes).values_list("code", "pk", "province_id")
        return {code: (pk, province_id) for code, pk, province_id in rows}

    def users(self) -> dict[str, int]:
        User = get_user_model()
        names = [s.username for s in self.plan.staff]
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        missing = [s for s in self.plan.staff if s.username not in existing]
        # Hashed once and shared: a thousand PBKDF2 hashes would take minutes.
        password = make_password(DEMO_PASSWORD) if missing else ""
        rows = [
            User(
                username=s.username,
                full_name=s.full_name,
                email=s.email,
                password=password,
                is_staff=s.is_superuser,
                is_superuser=s.is_superuser,
            )
            for s in missing
        ]
        User.objects.bulk_create(rows, batch_size=BATCH)
        self.created["users"] += len(rows)
        return dict(User.objects.filter(username__in=names).values_list("username", "pk"))

    def assignments(self, users, places, agencies) -> None:
        roles = {code: role.pk for code, role in ensure_roles().items()}
        start = date.fromisoformat(ASSIGNED_FROM)
        existing = set(
            StaffAssignment.objects.filter(user_id__in=users.values()).values_list(
                "user_id", "role_id", "scope_kind", "place_id", "agency_id", "commune_id", "province_id"
            )
        )
        rows = []
        for spec in self.plan.staff:
            scope = self._scope(spec, places, agencies)
            row = StaffAssignment(
                user_id=users[spec.username], role_id=roles[spec.role], valid_from=start, **scope
            )
            key = (row.user_id, row.role_id, row.scope_kind, row.place_id, row.agency_id)
            key += (row.commune_id, row.province_id)
            if key not in existing:
                existing.add(key)
                rows.append(row)
        StaffAssignment.objects.bulk_create(rows, batch_size=BATCH)
        self.created["assignments"] += len(rows)

    def _scope(self, spec, places, agencies) -> dict:
        kind, key = spec.scope.kind, spec.scope.key
        match kind:
            case ScopeKind.PLACE:
                place = places[key]
                return {"scope_kind": kind.value, "place_id": place.pk, "province_id": place.province_id}
            case ScopeKind.AGENCY:
                agency_id, province_id = agencies[key]
                return {"scope_kind": kind.value, "agency_id": agency_id, "province_id": province_id}
            case ScopeKind.PROVINCE:
                return {"scope_kind": kind.value, "province_id": self.provinces[key]}
            case ScopeKind.COMMUNE:
                province = AdministrativeUnit.objects.get(pk=self.communes[key]).province_code
                return {
                    "scope_kind": kind.value,
                    "commune_id": self.communes[key],
                    "province_id": self.provinces[province],
                }
        return {"scope_kind": ScopeKind.SYSTEM.value}


@transaction.atomic
def load(plan: Plan) -> Tally:
    """Create what the plan has and the database lacks; returns how many rows of each kind were made."""
    loader = _Loader(plan)
    places = loader.places()
    loader.counters(places)
    agencies = loader.agencies()
    users = loader.users()
    loader.assignments(users, places, agencies)
    return loader.created


def missing_units(province_codes) -> list[str]:
    present = set(
        AdministrativeUnit.objects.current()
        .filter(level=UnitLevel.PROVINCE, code__in=province_codes)
        .values_list("code", flat=True)
    )
    return [code for code in province_codes if code not in present]
