"""Due moments of dossiers and steps (pure module), on the real calendar of holidays."""

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.calendar.clock import TZ, WorkCalendar
from motcua.dossiers.deadlines import Limit, due, resumed, step_dues

CAL = WorkCalendar()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def test_catalog_limits_become_clock_durations():
    assert Limit.from_catalog(Decimal("3.00"), "working_days").text == "3 ngày làm việc"
    assert Limit.from_catalog(None, "same_day").text == "trong ngày"
    assert Limit.from_catalog(Decimal("15"), "calendar_days").on_wall_clock
    assert not Limit.from_catalog(Decimal("15"), "calendar_days").duration.is_working_time
    for unit in ("not_regulated", "unknown"):
        assert not Limit.from_catalog(Decimal("5"), unit).has_due
    assert not Limit.from_catalog(Decimal("0.5"), "months").has_due  # not a whole number of months


def test_calendar_days_end_at_the_close_of_a_working_day():
    limit = Limit.from_catalog(Decimal("15"), "calendar_days")
    # 15 days after Friday 13/02/2026 is Saturday 28/02: moved to the close of Monday 02/03.
    assert due(CAL, at("2026-02-13 10:30"), limit) == at("2026-03-02 17:00")


def test_a_wall_clock_limit_is_shifted_by_the_pause():
    limit = Limit.from_catalog(Decimal("15"), "calendar_days")
    old = at("2026-03-16 17:00")
    assert resumed(CAL, limit, at("2026-03-02 09:00"), at("2026-03-05 09:00"), old) == at("2026-03-19 17:00")


def test_a_working_limit_resumes_with_the_working_time_left():
    limit = Limit.from_catalog(Decimal("3"), "working_days")
    # Paused Tuesday 03/03 09:00 with 2 working days left until Thursday 05/03 09:00.
    back = resumed(CAL, limit, at("2026-03-03 09:00"), at("2026-03-10 10:00"), at("2026-03-05 09:00"))
    assert back == at("2026-03-12 10:00")
    late = at("2026-03-02 09:00")  # already passed when paused: it stays
    assert resumed(CAL, limit, at("2026-03-03 09:00"), at("2026-03-10 10:00"), late) == late


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2025, 7, 1), max_value=datetime(2027, 6, 30)),
    st.integers(1, 40),
    st.lists(st.decimals(0, 100, places=2), min_size=1, max_size=6),
)
def test_step_dues_are_ordered_and_the_last_is_the_dossiers(received, days, shares):
    start = CAL.counting_start(received.replace(tzinfo=TZ), "counter")
    final = CAL.due(start, timedelta(hours=8 * days))
    dues = step_dues(CAL, start, final, shares)
    assert len(dues) == len(shares) and dues[-1] == final
    assert all(start <= a <= b for a, b in zip(dues, dues[1:], strict=False))


def test_steps_have_no_due_without_a_dossier_due():
    assert step_dues(CAL, at("2026-03-02 09:00"), None, [Decimal(50), Decimal(50)]) == [None, None]
