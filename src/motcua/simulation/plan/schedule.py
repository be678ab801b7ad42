"""The schedule: which dossiers arrive when, through which channel, and what happens to each.

Pure Python (no Django). `arrivals` spreads the volume over the period (office hours for counter and
postal dossiers, the whole day for online ones, a realistic curve within the day, busier Mondays);
`plan_dossier` draws one dossier (procedure, applicant, place, officer) and its processing path, with
the due moments the legal clock gives, so that the planned share of late dossiers is the one asked for.
Every draw comes from a generator seeded by (seed, dossier index): the same seed gives the same
dossiers, whatever the machine.

An event is one call of a dossier service: `version` is the dossier version it expects (0: the call
creates the dossier), so a re-run can tell what was already done.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from itertools import accumulate

from motcua.calendar.clock import TZ, WorkCalendar
from motcua.dossiers import deadlines

from . import texts
from .focus import Steering
from .mix import COUNTER_HALF_HOURS, ONLINE_HOURS, WEEKDAY_FACTORS, Mix
from .people import Person, person, relative_of
from .world import AgencyRef, PlaceRef, ProcedureRef, World

APPLICANT = 0  # the actor of an applicant's own action (the owner of an online dossier)
HOUR = 3600
DAY = 8 * HOUR  # one working day of working time
CLOCK = {"counter": "counter", "online": "online", "postal": "postal"}


@dataclass(frozen=True)
class Event:
    at: datetime
    index: int
    version: int
    action: str
    actor: int
    args: tuple = ()

    def arg(self, name: str, default=None):
        for key, value in self.args:
            if key == name:
                return value
        return default


@dataclass
class DossierPlan:
    index: int
    arrival: datetime
    channel: str
    procedure: ProcedureRef
    agency_id: int
    commune_id: int | None  # the handling commune, passed when it is not the applicant's
    place_id: int
    counter_id: int | None
    applicant: Person
    result_delivery: str
    paid_method: str | None
    outcome: str
    late: bool
    events: list[Event] = field(default_factory=list)
    submitter: Person | None = None  # someone else hands it in: a relative, or a planted broker
    submitter_relation: str = ""


@dataclass(frozen=True, slots=True)
class Arrival:
    at: datetime
    channel: str


# ---- arrivals -------------------------------------------------------------------------------------


def volume(days: int, scale: float, dossiers: int | None = None) -> int:
    from .mix import HANOI_DAYS, HANOI_DOSSIERS

    if dossiers is not None:
        return dossiers
    return max(0, round(HANOI_DOSSIERS * scale * days / HANOI_DAYS))


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` shared by `weights` (largest remainder: the parts add up exactly)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _slots(channel: str, day: date, until: datetime | None):
    """(start moment, length in seconds, weight) of the day's arrival slots, cut at `until`."""
    if channel == "online":
        table = [(time(h), HOUR, w) for h, w in enumerate(ONLINE_HOURS)]
    else:
        table = [(time(h, m), HOUR // 2, w) for h, m, w in COUNTER_HALF_HOURS]
    out = []
    for start, length, weight in table:
        moment = datetime.combine(day, start, TZ)
        if until is not None:
            if moment >= until:
                continue
            length = min(length, int((until - moment).total_seconds()))
            weight *= length / (HOUR if channel == "online" else HOUR // 2)
        if length > 0:
            out.append((moment, length, weight))
    return out


def arrivals(
    *, cal: WorkCalendar, start: date, days: int, total: int, mix: Mix, seed, until: datetime | None = None
) -> list[Arrival]:
    """`total` arrivals between `start` and `start + days` (cut at `until`), in time order."""
    return list(iter_arrivals(cal=cal, start=start, days=days, total=total, mix=mix, seed=seed, until=until))


def iter_arrivals(
    *, cal: WorkCalendar, start: date, days: int, total: int, mix: Mix, seed, until: datetime | None = None
):
    """The same, day by day (one day in memory at a time: the bulk writer streams a million)."""
    online = round(total * mix.online)
    postal = round(total * mix.postal)
    counter = total - online - postal
    dates = [start + timedelta(days=i) for i in range(days)]
    working = [cal.is_working_day(d) for d in dates]
    full = {"counter": sum(w for _, _, w in COUNTER_HALF_HOURS), "online": sum(ONLINE_HOURS)}

    def day_weight(i, channel):
        kind = "online" if channel == "online" else "counter"
        factor = WEEKDAY_FACTORS[dates[i].weekday()]
        if not working[i]:
            factor = 0.0 if channel != "online" else mix.weekend_online
        cut = until is not None and dates[i] >= until.astimezone(TZ).date()
        share = sum(w for _, _, w in _slots(kind, dates[i], until)) / full[kind] if cut else 1.0
        return factor * share

    per_day = {
        channel: _split(count, [day_weight(i, channel) for i in range(days)])
        for channel, count in (("counter", counter), ("online", online), ("postal", postal))
    }
    for i, day in enumerate(dates):
        rng = random.Random(f"motcua-sim:{seed}:arrivals:{day.isoformat()}")
        found = []
        for channel in ("counter", "online", "postal"):
            n = per_day[channel][i]
            if not n:
                continue
            day_slots = _slots("online" if channel == "online" else "counter", day, until)
            cumulative = list(accumulate(w for _, _, w in day_slots))
            for _ in range(n):
                moment, length, _w = day_slots[bisect(cumulative, rng.random() * cumulative[-1])]
                found.append(Arrival(moment + timedelta(seconds=rng.randrange(length)), channel))
        found.sort(key=lambda a: (a.at, a.channel))
        yield from found


# ---- one dossier ------------------------------------------------------------------------------------


class Planner(Steering):
    """Draws dossiers over one world; `plan(index, arrival)` is deterministic for (seed, index)."""

    def __init__(self, world: World, cal: WorkCalendar, mix: Mix, seed, today: date):
        self.world, self.cal, self.mix, self.seed, self.today = world, cal, mix, seed, today
        procedures = [p for p in world.procedures if p.weight > 0]
        self.procedures = procedures
        self.cum = list(accumulate(self._weight(p) for p in procedures))
        self.online_procedures = [p for p in procedures if p.online]
        self.online_cum = list(accumulate(self._weight(p) for p in self.online_procedures))
        # Counter and postal dossiers arrive where there are counters (not at an online desk).
        self.reception = [p for p in world.places if p.officers and p.counters]
        weights = {"center": 4, "branch": 3, "service_point": 2, "commune_point": 1}
        self.reception_cum = list(accumulate(weights.get(p.kind, 1) for p in self.reception))
        self._shorts: dict[tuple[int, str], bool] = {}

    def _weight(self, procedure: ProcedureRef) -> float:
        timed = procedure.limits["counter"].has_due
        return procedure.weight * (1.0 if timed else self.mix.untimed_weight)

    def _procedure(self, rng, channel) -> ProcedureRef:
        items, cum = (
            (self.online_procedures, self.online_cum) if channel == "online" else (self.procedures, self.cum)
        )
        return items[bisect(cum, rng.random() * cum[-1])]

    def _any_place(self, rng) -> PlaceRef:
        return self.reception[bisect(self.reception_cum, rng.random() * self.reception_cum[-1])]

    def _place_in(self, rng, commune_id) -> PlaceRef | None:
        local = self.world.places_in(commune_id)
        if not local:
            return None
        weights = [3 if p.kind == "commune_point" else 1 for p in local]
        return rng.choices(local, weights=weights)[0]

    def plan(self, index: int, arrival: Arrival) -> DossierPlan:
        rng = random.Random(f"motcua-sim:{self.seed}:{index}")
        world, channel = self.world, arrival.channel
        focused = self._focused(rng, channel)
        if focused is not None:
            return self._plan_focused(rng, index, arrival, *focused)
        procedure = self._procedure(rng, channel)
        home = rng.choice(world.communes)
        commune_id = None
        if procedure.commune_level:
            handling = home.id
            if channel == "counter" and rng.random() < self.mix.away_from_home:
                place = self._any_place(rng)
                if place.commune_id in world.commune_agency:
                    handling = commune_id = place.commune_id
            agency = world.agency(world.commune_agency[handling])
        else:
            agency = world.agency(procedure.agency_id)
        if channel == "online":
            place = world.place(agency.online_place_id)
        elif procedure.commune_level:
            place = self._place_in(rng, agency.commune_id) if commune_id is None else place
            if place is None:
                place = world.place(agency.online_place_id)
        else:
            place = self._any_place(rng)
        return self._draft(rng, index, arrival, procedure, agency, place, home, commune_id)

    def _draft(self, rng, index, arrival, procedure, agency, place, home, commune_id, *, focused=False):
        world, channel = self.world, arrival.channel
        applicant = person(
            rng,
            commune_id=home.id,
            commune_name=home.full_name,
            province_code=world.province_code,
            province_name=world.province_name,
            today=self.today,
        )
        delivery, paid = self._delivery(rng, channel, procedure)
        draft = DossierPlan(
            index=index,
            arrival=arrival.at,
            channel=channel,
            procedure=procedure,
            agency_id=agency.id,
            commune_id=commune_id,
            place_id=place.id,
            counter_id=rng.choice(place.counters) if place.counters and channel != "online" else None,
            applicant=applicant,
            result_delivery=delivery,
            paid_method=paid,
            outcome="",
            late=False,
        )
        _Path(self, rng, draft, place, agency, focused=focused).build()
        if channel != "online" and (self.mix.brokers or self.mix.relatives):
            self._intermediary(draft)
        return draft

    @cached_property
    def brokers(self) -> list[Person]:
        """The planted brokers of this seed: people of the province who hand dossiers in for strangers."""
        rng = random.Random(f"motcua-sim:{self.seed}:brokers")
        world = self.world
        found = []
        for _ in range(self.mix.broker_count):
            home = rng.choice(world.communes)
            found.append(person(rng, commune_id=home.id, commune_name=home.full_name,
                                province_code=world.province_code, province_name=world.province_name,
                                today=self.today))  # fmt: skip
        return found

    def _intermediary(self, draft: DossierPlan) -> None:
        # A generator of its own: planting changes no other draw of the seed.
        rng = random.Random(f"motcua-sim:{self.seed}:{draft.index}:submitter")
        r = rng.random()
        if r < self.mix.brokers and self.brokers:
            draft.submitter, draft.submitter_relation = rng.choice(self.brokers), "người được ủy quyền"
        elif r < self.mix.brokers + self.mix.relatives:
            draft.submitter = relative_of(rng, draft.applicant, self.today)
            draft.submitter_relation = rng.choice(("con", "vợ", "chồng", "anh", "chị", "em"))

    def _delivery(self, rng, channel, procedure):
        if channel == "postal":
            return "postal", ("transfer" if procedure.fees.get("postal") else None)
        if channel == "online":
            r = rng.random()
            if r < self.mix.online_result_by_post:
                return "postal", None
            if r < self.mix.online_result_by_post + self.mix.online_result_at_counter:
                return "counter", None
            return "online", None
        delivery = "postal" if rng.random() < self.mix.postal_result else "counter"
        paid = None
        if procedure.fees.get("counter"):
            paid = "cash" if rng.random() < 0.7 else "transfer"
        return delivery, paid


class _Path:
    """The processing path of one dossier, event by event, each at a working instant after the last."""

    def __init__(
        self, planner: Planner, rng, d: DossierPlan, place: PlaceRef, agency: AgencyRef, *, focused=False
    ):
        self.p, self.rng, self.d, self.place, self.agency = planner, rng, d, place, agency
        self.cal, self.mix = planner.cal, planner.mix
        self.last: datetime | None = None
        self.focused = focused
        featured = planner.world.featured if focused else frozenset()
        self.officer = self._pick(rng, place.officers, featured)
        self.leader = self._pick(rng, agency.leaders, featured)
        self.specialist = self._pick(rng, agency.specialists, featured)

    @staticmethod
    def _pick(rng, people: tuple[int, ...], featured: frozenset[int]) -> int:
        """One of `people`; a demo account among them when the dossier is steered to them."""
        chosen = [u for u in people if u in featured]
        return rng.choice(chosen or people)

    def add(self, at: datetime, action: str, actor: int, **args) -> datetime:
        if self.last is not None and at <= self.last:
            at = self.work(self.last, 60)
        self.d.events.append(
            Event(at, self.d.index, len(self.d.events), action, actor, tuple(sorted(args.items())))
        )
        self.last = at
        return at

    def work(self, base: datetime, seconds: float) -> datetime:
        """The working instant `seconds` of working time after `base` (never a closing instant)."""
        moment = self.cal.due(base, timedelta(seconds=max(1, int(seconds))))
        if not self.cal.is_working_time(moment):
            moment = self.cal.due(moment, timedelta(minutes=1))
        return moment

    def end(self, outcome: str, late: bool = False) -> None:
        self.d.outcome, self.d.late = outcome, late

    def build(self) -> None:
        d, rng, mix, cal = self.d, self.rng, self.mix, self.cal
        limit = d.procedure.limits[d.channel]
        if d.channel == "online":
            self.add(d.arrival, "submit_online", APPLICANT)
            opening = cal.counting_start(self.last, "online")
            if rng.random() < mix.not_accepted:
                self.add(self.work(opening, rng.uniform(600, 6 * HOUR)), "refuse_acceptance", self.officer,
                         reason=rng.choice(texts.NOT_ACCEPTED))  # fmt: skip
                return self.end("not_accepted")
            late_acceptance = rng.random() < mix.late_acceptance
            delay = rng.uniform(8 * HOUR, 14 * HOUR) if late_acceptance else rng.uniform(300, 7 * HOUR)
            if self.focused and not late_acceptance:
                # A demo account's desk accepts most within 2 working hours ("received today" fills
                # early) and leaves a third until late in the 8 hours (some always wait to be accepted).
                slow = rng.random() < 0.35
                delay = rng.uniform(5 * HOUR, 7.5 * HOUR) if slow else rng.uniform(300, 2 * HOUR)
            start = self.add(self.work(opening, delay), "accept", self.officer)
            if d.procedure.fees.get("online"):
                self.add(
                    self.work(start, rng.uniform(60, 1200)), "record_payment", self.officer, method="online"
                )
        else:
            received = self.add(d.arrival, "receive", self.officer)
            start = cal.counting_start(received, CLOCK[d.channel])
        self.process(start, deadlines.due(cal, start, limit), limit)

    def window(self, start, due) -> float:
        if due is None:
            return 5 * DAY
        return max(60.0, self.cal.elapsed(start, due).total_seconds())

    def process(self, start, due, limit) -> None:
        d, rng, mix, cal = self.d, self.rng, self.mix, self.cal
        total = self.window(start, due)
        share = rng.uniform(0.01, 0.08)
        if self.focused and rng.random() < 0.35:
            share = rng.uniform(0.15, 0.3)  # a demo agency's new dossiers wait a while to be assigned
        self.add(self.work(start, share * total), "assign", self.leader, assignee=self.specialist)
        r = rng.random()
        outcome = "approved"
        for name, share in (("withdrawn", mix.withdrawal), ("stopped", mix.stop), ("refused", mix.refusal)):
            if r < share:
                outcome = name
                break
            r -= share
        if rng.random() < mix.supplement:
            asked = self.add(self.work(start, rng.uniform(0.1, 0.4) * total), "request_supplement",
                             self.specialist, items=rng.choice(texts.SUPPLEMENT_ITEMS),
                             reason=texts.SUPPLEMENT_REASON)  # fmt: skip
            if rng.random() < mix.supplement_never_back:
                return self.end("supplement_requested")
            back = self.work(asked, rng.uniform(0.3, 5) * DAY)
            actor = APPLICANT if d.channel == "online" else self.officer
            back = self.add(back, "receive_supplement", actor)
            start, due = self.after_supplement(asked, back, due, limit)
            total = self.window(start, due)
        if outcome in ("withdrawn", "stopped"):
            at = self.work(self.last, rng.uniform(0.05, 0.5) * total)
            if outcome == "withdrawn":
                actor = APPLICANT if d.channel == "online" else self.officer
                self.add(at, "withdraw", actor, reason=rng.choice(texts.WITHDRAWAL))
            else:
                self.add(at, "stop", self.leader, reason=rng.choice(texts.STOP))
            return self.end(outcome)
        late = due is not None and rng.random() < (mix.focus_late if self.focused else mix.late)
        if late:
            decision = self.late_decision(due)
        else:
            decision = self.work(start, rng.uniform(0.3, 0.97) * total)
            if decision <= self.last:
                decision = self.work(self.last, 120)
        handed = self.last
        if late and self.focused and due > self.last:
            handed = due  # the demo account's specialist is late too, not only the leader
        gap = cal.elapsed(handed, decision).total_seconds()
        self.add(self.work(handed, rng.uniform(0.5, 0.9) * gap), "finish_step", self.specialist,
                 next_assignee=self.leader)  # fmt: skip
        if outcome == "refused":
            decided = self.add(decision, "refuse", self.leader, reason=rng.choice(texts.REFUSAL),
                               e_copy_ref=self.e_copy_ref("tu-choi"))  # fmt: skip
        else:
            self.add(decision, "approve", self.leader)
            delay = rng.uniform(60, HOUR)
            if not late and due is not None:  # an on-time dossier's result is signed before the due moment
                delay = min(delay, max(1.0, 0.5 * cal.elapsed(decision, due).total_seconds()))
            decided = self.add(self.work(decision, delay), "issue_result", self.leader,
                               title=d.procedure.result_title[:300], number=self.number(decision),
                               e_copy_ref=self.e_copy_ref("ket-qua"))  # fmt: skip
        self.end(outcome, late)
        if d.result_delivery == "online":
            # The applicant takes the electronic result on the portal; a few never do and an officer
            # sends it to their account.
            if rng.random() < self.mix.online_result_sent:
                self.add(self.work(decided, rng.uniform(1.0, 3.0) * DAY), "return_result", self.officer,
                         method="online")  # fmt: skip
            else:
                self.add(self.work(decided, rng.uniform(0.02, 2.0) * DAY), "return_result", APPLICANT,
                         method="online")  # fmt: skip
            return
        method = "postal" if d.result_delivery == "postal" else "counter"
        wait = rng.uniform(0.2, 1.0) * DAY if method == "postal" else rng.uniform(0.05, 3.0) * DAY
        self.add(self.work(decided, wait), "return_result", self.officer, method=method)

    def late_decision(self, due: datetime) -> datetime:
        rng, cal = self.rng, self.cal
        left = cal.elapsed(self.last, due).total_seconds()
        if rng.random() < self.mix.apology and left > DAY + 1200:
            at = self.work(self.last, rng.uniform(60, left - DAY - 600))
            days = rng.randint(1, 3)
            promised = cal.due(due, timedelta(hours=8 * days))
            self.add(at, "extend", self.leader, new_appointment=promised, reason=rng.choice(texts.APOLOGY))
            return self.work(due, rng.uniform(0.05, 0.9) * days * DAY)
        return self.work(due, rng.uniform(0.05, self.mix.late_days) * DAY)

    def after_supplement(self, asked, back, due, limit):
        """The clock after the complete dossier is back (services/planning.after_supplement)."""
        cal = self.cal
        if self.p.world.supplement_mode == "resume":
            restart = cal.counting_start(back, "online")
            return restart, deadlines.resumed(cal, limit, asked, restart, due)
        start = cal.counting_start(back, CLOCK[self.d.channel])
        return start, deadlines.due(cal, start, limit)

    def e_copy_ref(self, kind: str) -> str:
        return f"motcua-sim:{self.p.seed}/{self.d.index}/{kind}.pdf"

    def number(self, at: datetime) -> str:
        return f"{self.d.index % 9000 + 1}/{at:%Y}/KQ-{self.agency.code.replace('.', '')}"


def plan_dossiers(planner: Planner, arrivals_):
    """Every dossier of the period, in arrival order (a generator: the bulk writer streams it)."""
    for index, arrival in enumerate(arrivals_, start=1):
        yield planner.plan(index, arrival)


def timeline(plans: list[DossierPlan], until: datetime | None = None) -> list[Event]:
    """Every event of every dossier before `until`, in the order the driver executes them."""
    events = [e for p in plans for e in p.events if until is None or e.at < until]
    events.sort(key=lambda e: (e.at, e.index, e.version))
    return events
