"""Due moments of a dossier and of its steps, from the procedure's time limit and the legal clock.

Pure Python (no Django): takes a `WorkCalendar` and plain values. The clock knows every kind of limit
the catalog uses (working days/hours, "same day", calendar days, hours, months: see ADR 0002);
"not regulated" and limits the catalog could not parse have no due moment.

Steps share the dossier's working time by their `time_share` (percent, cumulative from the counting
start, so rounding never drifts); the last step always ends exactly at the dossier's due moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from motcua.calendar.clock import WorkCalendar
from motcua.calendar.durations import CalendarError, Duration

from . import lifecycle

_CATALOG_UNITS = {
    "working_days": Duration.working_days,
    "working_hours": Duration.working_hours,
    "calendar_days": Duration.calendar_days,
    "hours": Duration.hours,
    "months": Duration.months,
}


@dataclass(frozen=True)
class Limit:
    """A procedure's time limit as the clock understands it; no duration: no due moment."""

    duration: Duration | None
    text: str

    @classmethod
    def from_catalog(cls, value: Decimal | None, unit: str) -> Limit:
        if unit == "same_day":
            return cls(Duration.same_day(), "trong ngày")
        make = _CATALOG_UNITS.get(unit)
        if make is None or value is None:
            return cls(None, "không quy định" if unit == "not_regulated" else "chưa xác định")
        try:
            duration = make(value if unit.startswith("working") else _whole(value))
        except CalendarError:
            return cls(None, "chưa xác định")
        return cls(duration, duration.vietnamese())

    @property
    def has_due(self) -> bool:
        return self.duration is not None

    @property
    def on_wall_clock(self) -> bool:
        """Calendar days, hours, months: they run through nights and weekends (pauses shift them)."""
        return self.duration is not None and not (self.duration.is_working_time or self.duration.is_same_day)


def _whole(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def due(cal: WorkCalendar, start: datetime, limit: Limit) -> datetime | None:
    return None if limit.duration is None else cal.due(start, limit.duration)


def step_dues(
    cal: WorkCalendar, start: datetime, final: datetime | None, shares: list[Decimal]
) -> list[datetime | None]:
    """The due moment of each step: its cumulative share of the working time from `start` to `final`.

    Shares that do not add up to 100 are scaled; all zero: equal shares. No final due: no step dues.
    """
    if final is None:
        return [None] * len(shares)
    total = cal.elapsed(start, final)
    shares = [max(Decimal(s), Decimal(0)) for s in shares]
    whole = sum(shares)
    if whole == 0:
        shares, whole = [Decimal(1)] * len(shares), Decimal(len(shares))
    dues: list[datetime | None] = []
    running = Decimal(0)
    for position, share in enumerate(shares):
        running += share
        if position == len(shares) - 1 or total <= timedelta(0):
            dues.append(final if position == len(shares) - 1 else start)
            continue
        part = timedelta(microseconds=int(total // timedelta(microseconds=1) * running / whole))
        dues.append(cal.due(start, part) if part > timedelta(0) else start)
    return dues


def resumed(cal: WorkCalendar, limit: Limit, paused: datetime, restart: datetime, old: datetime | None):
    """A due moment after a pause from `paused` to `restart`: what was left at the pause, counted again
    from `restart` (working time for working limits, wall-clock time for the others). A due moment
    already passed when the clock stopped stays where it was: the dossier is late either way."""
    if old is None:
        return None
    if limit.on_wall_clock:
        return old + max(restart - paused, timedelta(0)) if old > paused else old
    left = cal.elapsed(paused, old)
    if left <= timedelta(0):
        return old
    return cal.due(restart, left)


def apology_late(cal: WorkCalendar, at: datetime, due: datetime) -> bool:
    """Is an apology letter (form 04) written at `at` late? It is due no later than one working day
    before the due moment (Decree 118); a letter after that, or after the due moment itself, is still
    written — the applicant is owed it all the more — and recorded as late."""
    return cal.remaining(at, due) < cal.working_day_length


# ---- which due moment applies, and whether the clock runs (ADR 0033) -----------------------------------

ACCEPTANCE = "acceptance"  # an online dossier waits for an officer to accept it (8 working hours)
RESULT = "result"  # the dossier waits for its result


@dataclass(frozen=True)
class Due:
    kind: str  # ACCEPTANCE or RESULT
    at: datetime | None


def due_moment(dossier, *, promised: bool = False) -> Due:
    """The moment the dossier's clock counts towards: acceptance while an online dossier waits for it,
    else the legal due moment (`promised`: the appointment given to the applicant, which an apology
    letter may have moved; the legal one stays for the index). Reads `status`, `acceptance_due_at`,
    `due_at`, `appointment_at`."""
    if dossier.status == lifecycle.State.PENDING_ACCEPTANCE:
        return Due(ACCEPTANCE, dossier.acceptance_due_at)
    if promised:
        return Due(RESULT, getattr(dossier, "appointment_at", None) or dossier.due_at)
    return Due(RESULT, dossier.due_at)


def clock_runs(status: str) -> bool:
    """Does the legal clock count in this state (the lifecycle table says)?"""
    return lifecycle.info(status).clock_running


def clock_paused(status: str) -> bool:
    """Is the clock stopped until the applicant completes the dossier (it resumes or restarts then)?"""
    return lifecycle.info(status).clock_paused
