"""Properties of the legal clock, checked with hypothesis against a day-by-day reference clock."""

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.calendar.clock import TZ, Channel, OfficeHours, WorkCalendar
from motcua.calendar.durations import Duration
from motcua.calendar.reference import NaiveClock

NATIONAL = WorkCalendar()
NAIVE = NaiveClock()
SESSION_ENDS = {time(12), time(17)}

# Boundaries are where clocks go wrong: opening, lunch, the 15:00 cut-off, closing, midnight.
BOUNDARY_TIMES = [
    time(0),
    time(7, 59, 59),
    time(8),
    time(8, 0, 0, 1),
    time(11, 59, 59, 999999),
    time(12),
    time(12, 30),
    time(13),
    time(14, 59, 59),
    time(15),
    time(15, 0, 0, 1),
    time(16, 59, 59),
    time(17),
    time(17, 0, 1),
]
moments = st.one_of(
    st.datetimes(min_value=datetime(2024, 6, 1), max_value=datetime(2027, 6, 30), timezones=st.just(TZ)),
    st.builds(
        lambda day, clock: datetime.combine(day, clock, tzinfo=TZ),
        st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 6, 30)),
        st.sampled_from(BOUNDARY_TIMES),
    ),
)
minute_moments = moments.map(lambda m: m.replace(second=0, microsecond=0))
working_times = st.integers(min_value=1, max_value=30 * 8 * 60).map(lambda m: timedelta(minutes=m))
channels = st.sampled_from(list(Channel))
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))
overrides = st.tuples(st.sets(days, max_size=15), st.sets(days, max_size=15)).map(
    lambda pair: (pair[0] - pair[1], pair[1])
)
fast = settings(max_examples=300, deadline=None)


def inside_working_time(moment: datetime) -> bool:
    return NATIONAL.is_working_time(moment)


@fast
@given(moments, working_times)
def test_due_never_outside_working_time_except_at_a_session_end(start, working_time):
    due = NATIONAL.due(start, working_time)
    assert due.utcoffset() == timedelta(hours=7)
    assert due > start
    assert inside_working_time(due) or (
        due.timetz().replace(tzinfo=None) in SESSION_ENDS and NATIONAL.is_working_day(due.date())
    )


@fast
@given(moments, working_times, working_times)
def test_adding_a_then_b_equals_adding_a_plus_b(start, a, b):
    assert NATIONAL.due(NATIONAL.due(start, a), b) == NATIONAL.due(start, a + b)


@fast
@given(moments, working_times)
def test_elapsed_until_due_is_the_duration(start, working_time):
    assert NATIONAL.elapsed(start, NATIONAL.due(start, working_time)) == working_time


@fast
@given(moments, working_times, working_times)
def test_due_grows_with_the_duration(start, a, b):
    if a < b:
        assert NATIONAL.due(start, a) < NATIONAL.due(start, b)


@fast
@given(moments, channels)
def test_counting_starts_inside_working_time_and_not_before_receipt(received, channel):
    start = NATIONAL.counting_start(received, channel)
    assert inside_working_time(start)
    assert start >= received
    if channel is Channel.ONLINE or received.timetz().replace(tzinfo=None) <= time(15):
        # Nothing between receipt and start is working time.
        assert NATIONAL.elapsed(received, start) == timedelta()


@fast
@given(moments, channels)
def test_counting_start_is_idempotent_before_the_cutoff(received, channel):
    start = NATIONAL.counting_start(received, channel)
    if start.timetz().replace(tzinfo=None) <= time(15) or channel is Channel.ONLINE:
        assert NATIONAL.counting_start(start, channel) == start


@fast
@given(moments, moments)
def test_elapsed_is_antisymmetric_and_never_more_than_wall_time(a, b):
    forward = NATIONAL.elapsed(a, b)
    assert NATIONAL.elapsed(b, a) == -forward
    assert abs(forward) <= abs(b - a)
    assert NATIONAL.remaining(a, b) == forward


@fast
@given(moments, moments, st.lists(st.tuples(moments, moments), max_size=4))
def test_pauses_are_excluded_once(a, b, raw_pauses):
    start, end = min(a, b), max(a, b)
    pauses = [(min(p), max(p)) for p in raw_pauses]
    with_pauses = NATIONAL.elapsed(start, end, pauses)
    assert timedelta() <= with_pauses <= NATIONAL.elapsed(start, end)
    # The same result, computed the slow way: count working time outside every pause, minute by
    # minute would be too slow, so instead walk the sorted cut points.
    cuts = sorted({start, end, *(max(start, min(end, x)) for p in pauses for x in p)})
    expected = timedelta()
    for left, right in zip(cuts, cuts[1:], strict=False):
        middle = left + (right - left) / 2
        if not any(p0 <= middle < p1 for p0, p1 in pauses):
            expected += NATIONAL.elapsed(left, right)
    assert with_pauses == expected


@fast
@given(moments, moments)
def test_a_running_pause_stops_the_clock_until_now(a, b):
    start, now = min(a, b), max(a, b)
    assert NATIONAL.elapsed(start, now, [(start, None)]) == timedelta()


@settings(max_examples=150, deadline=None)
@given(minute_moments, working_times, channels, overrides)
def test_matches_the_day_by_day_reference_with_any_overrides(received, working_time, channel, extra):
    days_off, working_days = extra
    calendar = WorkCalendar(days_off=days_off, working_days=working_days)
    naive = NaiveClock(days_off=days_off, working_days=working_days)
    start = calendar.counting_start(received, channel)
    assert start == naive.counting_start(received, channel)
    due = calendar.due(start, working_time)
    assert due == naive.due(start, working_time)
    assert calendar.due(received, Duration.same_day()) == naive.same_day(received)
    assert calendar.elapsed(received, due) == naive.elapsed(received, due)


@settings(max_examples=60, deadline=None)
@given(moments, working_times)
def test_any_time_zone_in_same_answer_out_in_plus_seven(start, working_time):
    utc = start.astimezone(UTC)
    naive_local = start.replace(tzinfo=None)
    due = NATIONAL.due(start, working_time)
    assert NATIONAL.due(utc, working_time) == due
    assert NATIONAL.due(naive_local, working_time) == due
    assert NATIONAL.due(utc, working_time).isoformat().endswith("+07:00")


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from([(1990, 1995), (2090, 2095), (1975, 1976)]).flatmap(
        lambda years: st.datetimes(
            datetime(years[0], 1, 1), datetime(years[1], 12, 31), timezones=st.just(TZ)
        )
    ),
    working_times,
)
def test_far_years_extend_the_index_without_moving_known_answers(start, working_time):
    known = NATIONAL.due(datetime(2026, 2, 13, 10, 30, tzinfo=TZ), Duration.working_days(3))
    assert NATIONAL.due(start, working_time) == NAIVE.due(start, working_time)
    assert NATIONAL.due(datetime(2026, 2, 13, 10, 30, tzinfo=TZ), Duration.working_days(3)) == known


@settings(max_examples=80, deadline=None)
@given(minute_moments, working_times)
def test_other_office_hours(start, working_time):
    # One long session, Saturday morning included, no cut-off: an office that is not the default.
    hours = OfficeHours(
        sessions=((time(7, 30), time(11, 30)), (time(13, 30), time(16, 30))),
        weekdays=frozenset(range(6)),
        cutoff=None,
    )
    calendar = WorkCalendar(office_hours=hours)
    naive = NaiveClock(office_hours=hours)
    assert calendar.working_day_length == timedelta(hours=7)
    assert calendar.due(start, working_time) == naive.due(start, working_time)
    assert calendar.counting_start(start, Channel.COUNTER) == naive.counting_start(start, Channel.COUNTER)
