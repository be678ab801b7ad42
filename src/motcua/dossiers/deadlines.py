"""Due moments of a dossier and of its steps, from the procedure's time limit and the legal clock.

Pure Python (no Django): takes a `WorkCalendar` and plain values. Limits in working days/hours and
"same day" run on the working-time line; limits the catalog gives in calendar days or months run on
the wall clock; "not regulated" (and limits the catalog could not parse) have no due moment.

Steps share the dossier's working time by their `time_share` (percent, cumulative from the counting
start, so rounding never drifts); the last step always ends exactly at the dossier's due moment.
"""

from __future__ import annotations

import calendar as _months
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from motcua.calendar.clock import WorkCalendar
from motcua.calendar.durations import Duration

WORKING_UNITS = {"working_days", "working_hours", "hours", "same_day"}


@dataclass(frozen=True)
class Limit:
    """A procedure's time limit. kind: "working" (duration), "calendar" (days/months), "none"."""

    kind: str
    duration: Duration | None = None
    days: int = 0
    months: int = 0
    text: str = ""

    @classmethod
    def from_catalog(cls, value: Decimal | None, unit: str) -> Limit:
        if unit == "same_day":
            return cls("working", Duration.same_day(), text="trong ngày")
        if value is None or value <= 0 or unit in {"not_regulated", "unknown", ""}:
            return cls("none", text="không quy định" if unit == "not_regulated" else "chưa xác định")
        if unit == "working_days":
            duration = Duration.working_days(value)
            return cls("working", duration, text=duration.vietnamese())
        if unit in {"working_hours", "hours"}:
            duration = Duration.working_hours(value)
            return cls("working", duration, text=duration.vietnamese())
        whole = int(value.to_integral_value()) if isinstance(value, Decimal) else int(value)
        if unit == "calendar_days":
            return cls("calendar", days=whole, text=f"{whole} ngày")
        if unit == "months":
            return cls("calendar", months=whole, text=f"{whole} tháng")
        return cls("none", text="chưa xác định")

    @property
    def has_due(self) -> bool:
        return self.kind != "none"


def due(cal: WorkCalendar, start: datetime, limit: Limit) -> datetime | None:
    if limit.kind == "working":
        return cal.due(start, limit.duration)
    if limit.kind == "calendar":
        return add_months(start, limit.months) + timedelta(days=limit.days)
    return None


def add_months(moment: datetime, months: int) -> datetime:
    if not months:
        return moment
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, _months.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


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
    from `restart` (working time for working limits, wall-clock time for calendar limits). A due moment
    already passed when the clock stopped stays where it was: the dossier is late either way."""
    if old is None:
        return None
    if limit.kind == "calendar":
        return old + max(restart - paused, timedelta(0)) if old > paused else old
    left = cal.elapsed(paused, old)
    if left <= timedelta(0):
        return old
    return cal.due(restart, left)
