"""One simulation, start to end: the run record, the world, the schedule, the writing, the summary.

`simulate(...)` is what the `motcua simulate` command and `motcua bootstrap` call; tests call it too.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for

from . import world as world_loader
from .driver import Driver, Outcome
from .models import SimulationRun
from .plan import mix as mixes
from .plan.schedule import Planner, iter_arrivals, plan_dossiers, timeline, volume
from .summary import summarise

MIXES = {"realistic": mixes.REALISTIC, "demo": mixes.DEMO}


@dataclass
class Parameters:
    province: str = "01"
    start: date | None = None
    days: int = 21
    seed: str = "1"
    scale: float = 1.0
    dossiers: int | None = None
    mix: str = "realistic"
    until: datetime | None = None  # arrivals stop here (the history of `bootstrap`: now)
    bulk: bool = False
    outbox_published: bool = False  # bulk only: outbox events marked delivered at write time
    workers: int = 1  # bulk on PostgreSQL only: processes writing at once (each its share of agencies)
    brokers: float = 0.0  # share of counter dossiers handed in by planted brokers (motcua.integrity)
    relatives: float = 0.0  # share handed in by a relative at the applicant's address

    @property
    def planned_mix(self):
        mix = MIXES[self.mix]
        if self.brokers or self.relatives:
            mix = mix.with_overrides(brokers=self.brokers, relatives=self.relatives)
        return mix

    def resolved(self) -> Parameters:
        start = self.start or (timezone.localdate() - timedelta(days=self.days))
        return Parameters(**{**self.__dict__, "start": start})

    @property
    def total(self) -> int:
        return volume(self.days, self.scale, self.dossiers)

    @property
    def key(self) -> str:
        key = f"{self.province}-s{self.seed}-{self.start:%Y%m%d}-{self.days}d-{self.total}-{self.mix}"
        if self.until is not None:
            key += f"-u{self.until.astimezone(TZ):%Y%m%d%H%M}"
        if self.brokers or self.relatives:
            key += f"-b{self.brokers:g}r{self.relatives:g}"
        return key[:80]

    @property
    def end(self) -> datetime:
        return datetime.combine(self.start + timedelta(days=self.days), datetime.min.time(), TZ)


@dataclass
class Report:
    run: SimulationRun
    planned: int
    events: int
    outcome: Outcome
    summary: dict
    plan_seconds: float


def schedule(params: Parameters, *, stream: bool = False):
    """The world and every dossier plan of the parameters (deterministic); `stream`: a generator."""
    loaded = world_loader.load(params.province, params.start)
    cal = calendar_for(params.province)
    mix = params.planned_mix
    planned = iter_arrivals(
        cal=cal, start=params.start, days=params.days, total=params.total, mix=mix, seed=params.seed,
        until=params.until,
    )  # fmt: skip
    plans = plan_dossiers(Planner(loaded.world, cal, mix, params.seed, params.start), planned)
    return loaded, (plans if stream else list(plans))


def simulate(params: Parameters, *, now: datetime | None = None, progress=None) -> Report:
    params = params.resolved()
    began = time.perf_counter()
    loaded, plans = schedule(params, stream=params.bulk)
    plan_seconds = time.perf_counter() - began
    run, _ = SimulationRun.objects.get_or_create(
        key=params.key,
        defaults={
            "province_code": params.province,
            "seed": params.seed,
            "start": params.start,
            "days": params.days,
            "dossiers": params.total,
            "mix": params.mix,
            "mode": "bulk" if params.bulk else "services",
            "until": params.until,
        },
    )
    horizon = min(params.end, now or timezone.now())
    if params.until is not None:
        horizon = min(horizon, max(params.until, now or timezone.now()))
    if params.bulk:
        from .bulk import BulkWriter

        outcome = BulkWriter(
            loaded,
            run,
            plans,
            horizon=horizon,
            progress=progress,
            outbox_published=params.outbox_published,
            workers=params.workers,
        ).write()
        events = [None] * (outcome.applied + outcome.skipped)
    else:
        events = timeline(plans, horizon)
        driver = Driver(loaded, run, plans, progress=progress)
        outcome = driver.execute(events)
    summary = summarise(run)
    summary["wall_seconds"] = round(outcome.seconds, 2)
    summary["dossiers_per_second"] = (
        round(summary["dossiers"] / outcome.seconds, 1) if outcome.seconds else None
    )
    summary["failures"] = dict(outcome.failures)
    run.horizon = horizon
    run.events_applied = SimulationRun.objects.filter(pk=run.pk).values_list("events_applied", flat=True)[0]
    run.events_applied += outcome.applied
    run.summary = summary
    run.save(update_fields=["horizon", "events_applied", "summary", "updated_at"])
    return Report(run, params.total, len(events), outcome, summary, plan_seconds)


def history_parameters(province: str = "01", *, dossiers: int = 300, working_days: int = 4,
                       now: datetime | None = None) -> Parameters:  # fmt: skip
    """The small history `motcua bootstrap` loads: the last few working days before today, to now."""
    now = (now or timezone.now()).astimezone(TZ)
    cal = calendar_for(province)
    start, found = now.date(), 0
    while found < working_days:
        start -= timedelta(days=1)
        found += cal.is_working_day(start)
    days = (now.date() - start).days + 1
    return Parameters(province=province, start=start, days=days, seed="history", dossiers=dossiers,
                      mix="demo", until=now.replace(second=0, microsecond=0))  # fmt: skip
