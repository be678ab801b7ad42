"""The supervisor's table: per branch, per agency and per officer, the agencies filtered (kind, name,
branch) and paged; the officers of one agency (or the busiest ones); the alert list.

Rows per (place, agency, officer), added up here; the filters on kind, name and branch apply to the few
hundred groups in Python. The rows come from the maintained aggregates the index app registers with
`use_rows` (ADR 0049); without them, from one grouped pass over the relevant dossiers (ADR 0040).
"""

from __future__ import annotations

from collections.abc import Callable
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


KEYS = ("received_place", "agency", "assignee", "assignee__full_name")


def _apologies(base) -> dict:
    """Open dossiers with an apology letter, per (place, agency, officer): the letters are few, so this
    reads the letters' table and joins the dossiers it names (not the other way round)."""
    rows = (
        ApologyLetter.objects.filter(dossier__in=base.filter(status__in=QUEUED_STATES).values("pk"))
        .values(*(f"dossier__{k}" for k in KEYS))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {tuple(r[f"dossier__{k}"] for k in KEYS): r["n"] for r in rows}


def _rows(base, aggregates, relevant) -> list[dict]:
    """One grouped pass over the relevant dossiers per (place, agency, officer): a few hundred rows
    for a province, added up here into branches, agencies and officers (three passes cost three scans)."""
    rows = list(base.filter(relevant).values(*KEYS).annotate(**aggregates))
    letters = _apologies(base)
    for row in rows:
        row["apology"] = letters.pop(tuple(row[k] for k in KEYS), 0)
    for key, n in letters.items():  # letters of open dossiers counted in no other figure
        rows.append({**dict(zip(KEYS, key, strict=True)), "apology": n})
    return rows


RowSource = Callable[[object, Moments], list[dict]]
_source: list[RowSource] = []


def use_rows(source: RowSource) -> None:
    """Read the rows from `source(user, m)` instead of the dossiers: the index app's maintained
    aggregates register here (this layer cannot import them, ADR 0049)."""
    _source[:] = [source]


def direct_rows(user, m) -> list[dict]:
    """The rows from the dossiers themselves (one grouped pass): the reference the aggregates equal."""
    aggregates, relevant = _aggregates(m)
    return _rows(visible(user).order_by(), aggregates, relevant)


def overview(user, m, wanted: AgencyFilter) -> Overview:
    rows = _source[0](user, m) if _source else direct_rows(user, m)
    places = ReceptionPlace.objects.filter(pk__in={r["received_place"] for r in rows}).select_related(
        "parent"
    )
    places = {p.pk: p for p in places}
    branches: dict[int, Tally] = {}
    for row in rows:
        branch = _branch_of(places.get(row["received_place"]))
        key = branch.pk if branch else 0
        branches.setdefault(key, Tally(f"place:{key}", branch.name if branch else "")).add(row)
    total = Tally("all", "")
    for tally in branches.values():
        total.add(tally.__dict__)

    def in_branch(row) -> bool:
        place = places.get(row["received_place"])
        return place is not None and wanted.branch in (place.pk, place.parent_id)

    by_agency: dict[int, Tally] = {}
    for row in rows:
        if not wanted.branch or in_branch(row):
            by_agency.setdefault(row["agency"], Tally(f"agency:{row['agency']}", "")).add(row)
    agencies = {
        a[0]: a for a in Agency.objects.filter(pk__in=list(by_agency)).values_list("pk", "name", "kind")
    }
    labels = dict(AgencyKind.choices)
    needle = fold(wanted.name)
    listed_, kinds = [], set()
    for pk, tally in by_agency.items():
        _pk, name, kind = agencies.get(pk, (None, "", ""))
        kinds.add(kind)
        if (wanted.kind and kind != wanted.kind) or (needle and needle not in fold(name)):
            continue
        tally.name = name
        listed_.append(tally)
    listed_.sort(key=lambda t: vietnamese(t.name))
    pages = max((len(listed_) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(wanted.page, pages)
    officers, officers_of = _officers(rows, wanted.agency, agencies)
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


def _officers(rows, agency: int | None, agencies: dict) -> tuple[list[Tally], str]:
    """Per officer holding dossiers (the assignee): of one agency, or the busiest of all."""
    people: dict[int, Tally] = {}
    for row in rows:
        if row["assignee"] is None or (agency and row["agency"] != agency):
            continue
        name = row["assignee__full_name"] or ""
        people.setdefault(row["assignee"], Tally(f"officer:{row['assignee']}", name)).add(row)
    tallies = list(people.values())
    if agency:
        name = agencies[agency][1] if agency in agencies else ""
        return sorted(tallies, key=lambda t: vietnamese(t.name)), name
    tallies.sort(key=lambda t: (-(t.late + t.at_risk), -t.in_progress, vietnamese(t.name)))
    return tallies[:OFFICERS], ""


def alerts(user, m: Moments, *, limit: int = ALERTS) -> list[Dossier]:
    """Dossiers at risk (at most one working day left) or late, the most overdue first: the running
    states' partial index in due order, cut at the risk bound."""
    bound = m.risk or m.soon
    rows = visible(user).filter(status__in=RUNNING, due_at__lte=bound)
    return list(listed(rows).order_by("due_at", "id")[:limit])
