"""The supervisor's table: per branch and per agency, the agencies filtered (kind, name, branch) and paged.

Same two grouped queries as `selectors.supervisor_overview` (ADR 0018: counts from index ranges, a query
count that does not grow with the dossiers); the filters on kind and name apply to the few hundred
agency rows in Python, the branch filter narrows the grouped query to the branch's places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from motcua.core.text import fold
from motcua.org.models import Agency, AgencyKind, ReceptionPlace

from .selectors import Tally, _branch_of, tally_conditions, visible
from .sorting import vietnamese

PAGE_SIZE = 25


@dataclass
class AgencyFilter:
    kind: str = ""
    name: str = ""
    branch: int | None = None  # a branch's place id: only dossiers received at it or its points
    page: int = 1

    @classmethod
    def from_query(cls, query) -> AgencyFilter:
        kind = query.get("loai", "")
        branch = query.get("chi-nhanh", "")
        page = query.get("trang", "")
        return cls(
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

    def __getitem__(self, key):  # templates and tests read overview["branches"] as before
        return getattr(self, key)


def _aggregates(m):
    conditions = tally_conditions(m)
    relevant = Q()
    for cond in conditions.values():
        relevant |= cond
    return {name: Count("pk", filter=cond) for name, cond in conditions.items()}, relevant


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
    listed, kinds = [], set()
    for row in by_agency:
        _pk, name, kind = agencies.get(row["agency"], (None, "", ""))
        kinds.add(kind)
        if (wanted.kind and kind != wanted.kind) or (needle and needle not in fold(name)):
            continue
        tally = Tally(f"agency:{row['agency']}", name)
        tally.add(row)
        listed.append(tally)
    listed.sort(key=lambda t: vietnamese(t.name))
    pages = max((len(listed) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(wanted.page, pages)
    return Overview(
        branches=sorted(branches.values(), key=lambda t: vietnamese(t.name)),
        agencies=listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=total,
        matching=len(listed),
        pages=pages,
        page=page,
        kinds=[(k, str(labels[k])) for k in AgencyKind.values if k in kinds],
    )
