"""Limits written in calendar days, hours or months (1,762 + 180 + 14 catalog rows): the Civil Code rule.

They end at the close of the last day; a last day off moves to the close of the next working day.
"""

from datetime import datetime

import pytest

from motcua.calendar.clock import WorkCalendar
from motcua.calendar.durations import Duration, InvalidDuration, Unit, parse_duration
from motcua.calendar.hours import TZ


def at(*args):
    return datetime(*args, tzinfo=TZ)


@pytest.fixture(scope="module")
def clock():
    return WorkCalendar()


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("15 ngày", Unit.CALENDAR_DAYS, 15),
        ("15 Ngày", Unit.CALENDAR_DAYS, 15),
        ("3 calendar days", Unit.CALENDAR_DAYS, 3),
        ("24 giờ", Unit.HOURS, 24),
        ("2 hours", Unit.HOURS, 2),
        ("3 tháng", Unit.MONTHS, 3),
        ("1 month", Unit.MONTHS, 1),
        ("5 ngày làm việc", Unit.WORKING_DAYS, 5),
    ],
)
def test_wall_clock_limits_parse(text, unit, amount):
    assert parse_duration(text) == Duration(unit, amount)


def test_fractional_calendar_limits_are_refused():
    with pytest.raises(InvalidDuration):
        parse_duration("1,5 ngày")


@pytest.mark.parametrize(
    ("start", "limit", "due"),
    [
        # 13/2/2026 + 15 days = Sat 28/2 -> Mon 2/3 at closing.
        (at(2026, 2, 13, 10, 30), "15 ngày", at(2026, 3, 2, 17)),
        # + 1 day = Sat 14/2; Tết runs to Fri 20/2 -> Mon 23/2.
        (at(2026, 2, 13, 10, 30), "1 ngày", at(2026, 2, 23, 17)),
        # A working last day closes at 17:00 of that day.
        (at(2026, 3, 2, 9), "2 ngày", at(2026, 3, 4, 17)),
        # Months keep the day of month, clamped to the month's last day; 31/3 -> Tue 30/4 is a holiday
        # (Victory Day), 1/5 too, then the weekend: Mon 4/5.
        (at(2026, 3, 31, 9), "1 tháng", at(2026, 5, 4, 17)),
        (at(2026, 1, 30, 9), "1 tháng", at(2026, 3, 2, 17)),
        # Hours: the wall-clock moment when it falls on a working day before closing...
        (at(2026, 2, 12, 10), "2 giờ", at(2026, 2, 12, 12)),
        (at(2026, 2, 12, 16), "24 giờ", at(2026, 2, 13, 16)),
        # ... otherwise the close of the next working day.
        (at(2026, 2, 13, 16), "2 giờ", at(2026, 2, 23, 17)),
        (at(2026, 2, 12, 16), "2 giờ", at(2026, 2, 13, 17)),
        # The swapped Saturday 22/8/2026 is a working day; Mon 31/8 is off in exchange.
        (at(2026, 8, 21, 9), "1 ngày", at(2026, 8, 22, 17)),
        (at(2026, 8, 29, 9), "2 ngày", at(2026, 9, 3, 17)),
    ],
)
def test_wall_clock_due(clock, start, limit, due):
    assert clock.due(start, limit) == due


def test_wall_clock_limits_have_no_working_length(clock):
    with pytest.raises(InvalidDuration):
        clock.length("15 ngày")
