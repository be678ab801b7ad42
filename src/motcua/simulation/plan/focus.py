"""The demo history's steering (Mix.focus): a share of the dossiers goes to the documented demo
accounts' agencies and places, with short time limits, so that every queue of their desks has work in
the few days of history (ADR 0026). Pure Python, mixed into the Planner."""

from __future__ import annotations

from datetime import date, datetime, time

from motcua.calendar.clock import TZ
from motcua.dossiers import deadlines

from .world import AgencyRef, PlaceRef, ProcedureRef

DAY = 8 * 3600  # one working day of working time


class Steering:
    """Needs the Planner's world, mix, cal, procedures, online_procedures, _weight, _place_in,
    _any_place and _draft; `_shorts` caches which limits are short."""

    def _focused(self, rng, channel):
        """A procedure of one of the demo accounts' agencies, and that agency (None: not steered)."""
        if not (self.mix.focus and self.world.focus_agencies) or rng.random() >= self.mix.focus:
            return None
        agency = self.world.agency(rng.choice(self.world.focus_agencies))
        wanted = [
            p
            for p in (self.online_procedures if channel == "online" else self.procedures)
            if (p.commune_level and agency.commune_id is not None)
            or (not p.commune_level and p.agency_id == agency.id)
        ]
        # Short time limits, so that within the few days of the history some are due, late, or back
        # from a supplement on the demo accounts' desks.
        wanted = [p for p in wanted if self._short(p, channel)] or wanted
        if not wanted:
            return None
        return rng.choices(wanted, weights=[self._weight(p) for p in wanted])[0], agency

    def _short(self, procedure: ProcedureRef, channel: str) -> bool:
        """Is the channel's time limit known and at most 3 working days?"""
        key = (procedure.id, channel)
        if key not in self._shorts:
            limit = procedure.limits[channel]
            monday = datetime.combine(date(2026, 11, 16), time(8), TZ)  # any working Monday morning
            due = deadlines.due(self.cal, monday, limit) if limit.has_due else None
            self._shorts[key] = due is not None and self.cal.elapsed(monday, due).total_seconds() <= 3 * DAY
        return self._shorts[key]

    def _focus_place(self, rng, agency: AgencyRef) -> PlaceRef | None:
        places = [self.world.place(pk) for pk in self.world.focus_places]
        places = [
            p
            for p in places
            if p.counters and (agency.commune_id is None or p.commune_id == agency.commune_id)
        ]
        return rng.choice(places) if places else None

    def _plan_focused(self, rng, index, arrival, procedure, agency):
        """A dossier for a demo account: at its agency, received at its place where it has one."""
        world = self.world
        home = (
            world.commune(agency.commune_id) if agency.commune_id is not None else rng.choice(world.communes)
        )
        place = None
        if arrival.channel != "online":
            place = self._focus_place(rng, agency)
            if place is None and agency.commune_id is not None:
                place = self._place_in(rng, agency.commune_id)
        if place is None:
            place = world.place(agency.online_place_id)
            if arrival.channel != "online" and not place.counters:
                place = self._any_place(rng)
        # The applicant lives in the agency's commune: no handling commune to pass.
        return self._draft(rng, index, arrival, procedure, agency, place, home, None, focused=True)
