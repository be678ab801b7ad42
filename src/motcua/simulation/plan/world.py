"""A province's reference data as plain values: what the planner needs to know, with database ids.

Built from the database by motcua.simulation.world (the Django side); tests build it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.dossiers.deadlines import Limit


@dataclass(frozen=True)
class ProcedureRef:
    id: int
    code: str
    name: str
    field: str
    commune_level: bool  # routed to the People's Committee of the handling commune
    limits: dict[str, Limit]  # per dossier channel: counter, online, postal
    online: bool = True
    fees: dict[str, int] = field(default_factory=dict)  # per channel, what reception charges (đồng)
    agency_id: int | None = None  # province level: the competent agency
    weight: float = 1.0  # relative popularity (see mix.py)
    result_title: str = "Kết quả giải quyết thủ tục hành chính"


@dataclass(frozen=True)
class CommuneRef:
    id: int
    code: str
    full_name: str


@dataclass(frozen=True)
class PlaceRef:
    id: int
    code: str
    kind: str  # center, branch, service_point, commune_point
    commune_id: int | None
    counters: tuple[int, ...] = ()
    officers: tuple[int, ...] = ()  # user ids of reception officers who may act here


@dataclass(frozen=True)
class AgencyRef:
    id: int
    code: str
    commune_id: int | None
    online_place_id: int | None  # where its online dossiers are accepted and returned
    specialists: tuple[int, ...] = ()
    leaders: tuple[int, ...] = ()


@dataclass(frozen=True)
class World:
    province_code: str
    province_name: str
    procedures: tuple[ProcedureRef, ...]
    communes: tuple[CommuneRef, ...]
    places: tuple[PlaceRef, ...]
    agencies: tuple[AgencyRef, ...]
    commune_agency: dict[int, int]  # commune id -> its People's Committee (agency id)
    supplement_mode: str = "restart"
    # The documented demo accounts (user ids) and where they work: the demo history steers a share of
    # its dossiers to them (mix.focus) so that each has work in every queue of its desk.
    featured: frozenset[int] = frozenset()
    focus_places: tuple[int, ...] = ()
    focus_agencies: tuple[int, ...] = ()
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def place(self, pk: int) -> PlaceRef:
        return self._lookup("place", self.places, pk)

    def agency(self, pk: int) -> AgencyRef:
        return self._lookup("agency", self.agencies, pk)

    def commune(self, pk: int) -> CommuneRef:
        return self._lookup("commune", self.communes, pk)

    def _lookup(self, kind: str, items, pk: int):
        table = self._index.get(kind)
        if table is None:
            table = self._index[kind] = {item.id: item for item in items}
        return table[pk]

    def places_in(self, commune_id: int) -> list[PlaceRef]:
        key = ("in", commune_id)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = [p for p in self.places if p.commune_id == commune_id and p.officers]
        return found
