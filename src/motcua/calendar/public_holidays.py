"""National public holidays and official swapped days, from the `holidays` package.

Pure Python. `holidays` knows Tết, Hùng Kings' day, the fixed holidays and the swaps the government
decided for past years (a weekday off in exchange for a working Saturday, `weekend_workdays`). Swaps
of future years are decided yearly, so the clock also takes overrides as data (see clock.WorkCalendar).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import holidays


@dataclass(frozen=True)
class YearExceptions:
    """Exceptions to the Monday–Friday week: days off with their name, working weekend days."""

    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)


def vietnam(years: Iterable[int]) -> YearExceptions:
    """Vietnam's public holidays (names in Vietnamese) and official working Saturdays for `years`."""
    merged = YearExceptions()
    for year in sorted(set(years)):
        one = _vietnam_year(year)
        merged.days_off.update(one.days_off)
        merged.working_days.update(one.working_days)
    return merged


@lru_cache(maxsize=256)
def _vietnam_year(year: int) -> YearExceptions:
    # Building a year in `holidays` takes milliseconds; every provincial calendar shares the result.
    table = holidays.country_holidays("VN", language="vi", years=year)
    days_off = {day: str(name) for day, name in table.items() if day.year == year}
    # The weekday off that a working Saturday pays for is named "Ngày nghỉ (thay cho ngày ...)".
    working = {day: "Ngày làm việc bù" for day in getattr(table, "weekend_workdays", ()) if day.year == year}
    return YearExceptions(days_off=days_off, working_days=working)


def none(years: Iterable[int]) -> YearExceptions:
    """No public holidays at all: only weekends and explicit overrides (tests, other countries)."""
    return YearExceptions()
