"""The working-day index behind the clock (pure Python).

For every day of a range of whole years: `cum[i]`, the working time (µs) before day i, counted from
a fixed anchor day so that positions do not move when the range grows; and for every working day, its
midnight. A day is working iff cum[i + 1] > cum[i]; working day number n is `midnights[n + off]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from .durations import CalendarError
from .hours import TZ

MIN_YEAR, MAX_YEAR = 1900, 9998


class OutOfRange(CalendarError):
    code = "calendar.out_of_range"


@dataclass(frozen=True, slots=True)
class WorkdayIndex:
    first_year: int
    last_year: int
    base: int  # ordinal of 1 January of first_year
    cum: list[int]  # len = days + 1; 0 at the anchor day
    off: int  # list index of working day number 0 (the first one on or after the anchor)
    midnights: list[datetime]  # midnight (+07:00) of each working day
    days: int  # = len(cum) - 1

    def covers(self, first_year: int, last_year: int) -> bool:
        return self.first_year <= first_year and last_year <= self.last_year


def build_index(
    first_year: int, last_year: int, anchor: int, is_working: Callable[[date], bool], day_us: int
) -> WorkdayIndex:
    """Index of [first_year, last_year]; `anchor` (an ordinal inside the range) is position 0."""
    if first_year < MIN_YEAR or last_year > MAX_YEAR:
        raise OutOfRange(f"Ngoài phạm vi lịch ({MIN_YEAR}–{MAX_YEAR}).")
    base = date(first_year, 1, 1).toordinal()
    end = date(last_year + 1, 1, 1).toordinal()
    cum, midnights, total = [0], [], 0
    for ordinal in range(base, end):
        day = date.fromordinal(ordinal)
        if is_working(day):
            total += day_us
            midnights.append(datetime(day.year, day.month, day.day, tzinfo=TZ))
        cum.append(total)
    shift = cum[anchor - base]
    return WorkdayIndex(
        first_year, last_year, base, [c - shift for c in cum], shift // day_us, midnights, len(cum) - 1
    )


# Covers nothing, so the first question builds a real index (no None check on the hot path).
EMPTY_INDEX = WorkdayIndex(0, -1, 0, [0], 0, [], 0)
