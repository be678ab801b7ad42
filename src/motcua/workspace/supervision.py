"""The supervisor's table: per branch, per agency and per officer, the agencies filtered (kind, name,
branch) and paged; the officers of one agency (or the busiest ones); the alert list.

Same two grouped queries as `selectors.supervisor_overview` (ADR 0018: counts from index ranges, a query
count that does not grow with the dossiers); the filters on kind and name apply to the few hundred
agency rows in Python, the branch filter narrows the grouped query to the branch's places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from motcua.core.collation import sort_key as vietnamese
from motcua.core.text import fold
from motcua.dossiers.models import ApologyLetter, Dossier
from motcua.org.models import Agency, AgencyKind, ReceptionPlace

from .selectors import QUEUED_STATES, RUNNING, Moments, Tally, _branch_of, listed, tally_conditions, visible

PAGE_SIZE = 25
OFFICERS = 25  # the busiest officers shown when no agency is chosen
ALERTS = 30


@dataclass
class AgencyFilter:
    kind: str = ""
    name: str = ""
    branch: int | None = None  # a branch's place id: only dossiers received at it or its points
    page: int = 1
    agency: int | None = None  # the agency whose officers are listed

    @classmethod
    def from_query(cls, query) -> AgencyFilter:
        kind = query.get("loai", "")
        branch = query.get("chi-nhanh", "")
        page = query.get("trang", "")
        agency = query.get("co-quan", "")
        return cls(
            agency=int(agency) if agency.isdigit() else None,
            kind=kind if kind in AgencyKind.values else "",
            name=query.get("ten", "").strip()[:100],
            branch=int(branch) if branch.isdigit() else None,
            page=max(int(page), 1) if page.isdigit() else 1,
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.name or self.branch)


@dataclass
class Overview:
    branches: list[Tally]
    agencies: list[Tally]  # this page's
    total: Tally
    matching: int  # agencies that pass the filter, on every page
    pages: int
    page: int
    kinds: list[tuple[str, str]] = field(default_factory=list)  # the kinds present, for the filter
    officers: list[Tally] = field(default_factory=list)
    officers_of: str = ""  # the agency whose officers are listed ("": the busiest of all)

    def __getitem__(self, key):  # templates and tests read overview["branches"] as before
        return getattr(self, key)


def _aggregates(m):
    conditions = tally_conditions(m)
    relevant = Q()
    for cond in conditions.values():
        relevant |= cond
    return {name: Count("pk", filter=cond) for name, cond in conditions.items()}, relevant


def _apologies(base, group: str) -> dict:
    """Open dossiers with an apology letter, per `group` (a Dossier column): the letters are few, so
    this reads the letters' table and joins the dossiers it names (not the other way round)."""
    rows = (
        ApologyLetter.objects.filter(dossier__in=base.filter(status__in=QUEUED_STATES).values("pk"))
        .values(f"dossier__{group}")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r[f"dossier__{group}"]: r["n"] for r in rows}


def overview(user, m, wanted: AgencyFilter) -> Overview:
    base = visible(user).order_by()
    aggregates, relevant = _aggregates(m)
    by_place = list(base.filter(relevant).values("received_place").annotate(**aggregates))
    deciding = base.filter(relevant)
    if wanted.branch:
        deciding = deciding.filter(
            Q(received_place_id=wanted.branch) | Q(received_place__parent_id=wanted.branch)
        )
    by_agency = list(deciding.values("agency").annotate(**aggregates))
    for rows, group in ((by_place, "received_place"), (by_agency, "agency")):
        letters = _apologies(base, group)
        for row in rows:
            row["apology"] = letters.get(row[group], 0)
    places = ReceptionPlace.objects.filter(pk__in=[r["received_place"] for r in by_place]).select_related(
        "parent"
    )
    places = {p.pk: p for p in places}
    branches: dict[int, Tally] = {}
    for row in by_place:
        branch = _branch_of(places.get(row["received_place"]))
        key = branch.pk if branch else 0
        branches.setdefault(key, Tally(f"place:{key}", branch.name if branch else "")).add(row)
    total = Tally("all", "")
    for tally in branches.values():
        total.add(tally.__dict__)
    agencies = {
        a[0]: a
        for a in Agency.objects.filter(pk__in=[r["agency"] for r in by_agency]).values_list(
            "pk", "name", "kind"
        )
    }
    labels = dict(AgencyKind.choices)
    needle = fold(wanted.name)
    listed_, kinds = [], set()
    for row in by_agency:
        _pk, name, kind = agencies.get(row["agency"], (None, "", ""))
        kinds.add(kind)
        if (wanted.kind and kind != wanted.kind) or (needle and needle not in fold(name)):
            continue
        tally = Tally(f"agency:{row['agency']}", name)
        tally.add(row)
        listed_.append(tally)
    listed_.sort(key=lambda t: vietnamese(t.name))
    pages = max((len(listed_) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(wanted.page, pages)
    officers, officers_of = _officers(base, aggregates, relevant, wanted.agency)
    return Overview(
        branches=sorted(branches.values(), key=lambda t: vietnamese(t.name)),
        agencies=listed_[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=total,
        matching=len(listed_),
        pages=pages,
        page=page,
        kinds=[(k, str(labels[k])) for k in AgencyKind.values if k in kinds],
        officers=officers,
        officers_of=officers_of,
    )


def _officers(base, aggregates, relevant, agency: int | None) -> tuple[list[Tally], str]:
    """Per officer holding dossiers (the assignee): of one agency, or the busiest of all."""
    held = base.filter(relevant, assignee__isnull=False)
    name = ""
    if agency:
        held = held.filter(agency_id=agency)
        name = Agency.objects.filter(pk=agency).values_list("name", flat=True).first() or ""
    # The name comes with the group (a join on the few thousand users): one query however many officers.
    rows = list(held.values("assignee", "assignee__full_name").annotate(**aggregates))
    letters = _apologies(base.filter(agency_id=agency) if agency else base, "assignee")
    tallies = []
    for row in rows:
        row["apology"] = letters.get(row["assignee"], 0)
        tally = Tally(f"officer:{row['assignee']}", row["assignee__full_name"] or "")
        tally.add(row)
        tallies.append(tally)
    if agency:
        return sorted(tallies, key=lambda t: vietnamese(t.name)), name
    tallies.sort(key=lambda t: (-(t.late + t.at_risk), -t.in_progress, vietnamese(t.name)))
    return tallies[:OFFICERS], name


def alerts(user, m: Moments, *, limit: int = ALERTS) -> list[Dossier]:
    """Dossiers at risk (at most one working day left) or late, the most overdue first: the running
    states' partial index in due order, cut at the risk bound."""
    bound = m.risk or m.soon
    rows = visible(user).filter(status__in=RUNNING, due_at__lte=bound)
    return list(listed(rows).order_by("due_at", "id")[:limit])
