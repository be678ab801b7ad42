"""Is a visit slot acceptable? Inside the office hours of one working day of the legal clock, not in the
past, at least `MIN_LENGTH` long (pure Python: the caller passes the province's WorkCalendar)."""

from __future__ import annotations

from datetime import datetime, timedelta

MIN_LENGTH = timedelta(minutes=30)


def problem(calendar, start: datetime, end: datetime, now: datetime) -> str | None:
    """None if the slot is fine, else a stable reason code."""
    if end <= start or end - start < MIN_LENGTH:
        return "too_short"
    if start < now:
        return "in_the_past"
    if start.date() != end.date() or not calendar.is_working_day(start.date()):
        return "not_a_working_day"
    if not calendar.is_working_time(start) or calendar.elapsed(start, end) != end - start:
        return "outside_office_hours"
    return None
