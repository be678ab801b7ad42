"""The pure queue rules: booking days and slots, per-person limits, expiry, the line and priority
fairness (hypothesis where a rule holds for every input)."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.queueing import rules
from motcua.queueing.rules import BookingRefused, Held, Policy, Waiting

SESSIONS = ((time(8), time(12)), (time(13), time(17)))
POLICY = Policy()
MONDAY = date(2026, 3, 2)


def weekdays(day: date) -> bool:
    return day.weekday() < 5


def book(
    day=MONDAY, slot=time(9), field="f1", now=datetime(2026, 3, 2, 7, 30), held=(), booked=0, policy=POLICY
):
    rules.check_booking(
        day=day,
        slot=slot,
        field_key=field,
        now=now,
        is_working_day=weekdays,
        sessions=SESSIONS,
        policy=policy,
        held=list(held),
        booked_in_slot=booked,
    )


def refused(**kwargs) -> tuple[str, str]:
    with pytest.raises(BookingRefused) as caught:
        book(**kwargs)
    return caught.value.reason, caught.value.field


def test_slots_fill_office_hours_and_end_by_the_expiry_time():
    starts = rules.slots(SESSIONS, POLICY)
    assert starts[0] == time(8) and starts[7] == time(11, 30) and starts[8] == time(13)
    assert starts[-1] == time(15, 30)  # a 16:00 slot would expire at once
    assert len(starts) == 14


def test_numbers_are_prefixed_and_padded():
    assert rules.format_number("A", 12) == "A-012"
    assert rules.format_number("B", 1234) == "B-1234"


def test_a_booking_inside_the_rules_passes():
    book()


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"day": MONDAY - timedelta(days=1)}, ("past_day", "day")),
        ({"day": MONDAY + timedelta(days=7)}, ("too_far", "day")),
        ({"day": date(2026, 3, 7)}, ("closed_day", "day")),  # a Saturday
        ({"slot": time(12, 0)}, ("invalid_slot", "slot")),
        ({"slot": time(16, 0)}, ("invalid_slot", "slot")),
        ({"now": datetime(2026, 3, 2, 9, 30)}, ("slot_past", "slot")),
        ({"booked": 4}, ("slot_full", "slot")),
        ({"held": [Held(MONDAY, "f2"), Held(MONDAY, "f3")]}, ("person_day_limit", "id_number")),
        ({"held": [Held(MONDAY, "f1")]}, ("person_field_limit", "service")),
    ],
)
def test_each_rule_refuses_with_its_reason_and_field(kwargs, reason):
    assert refused(**kwargs) == reason


def test_the_last_bookable_day_is_six_days_ahead_and_a_slot_running_now_is_still_bookable():
    book(day=MONDAY + timedelta(days=4), now=datetime(2026, 3, 2, 9, 10))
    book(slot=time(9), now=datetime(2026, 3, 2, 9, 10))  # 09:00–09:30 has not ended


def test_numbers_held_on_other_days_do_not_count():
    book(held=[Held(MONDAY + timedelta(days=1), "f1"), Held(MONDAY + timedelta(days=1), "f2")])


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 10))
def test_bookable_days_are_working_days_within_the_window(today, ahead):
    policy = Policy(days_ahead=ahead)
    days = rules.bookable_days(today, weekdays, policy)
    assert all(weekdays(d) and today <= d <= today + timedelta(days=ahead) for d in days)
    assert len(days) == sum(weekdays(today + timedelta(days=n)) for n in range(ahead + 1))


@given(
    st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["f1", "f2", "f3"])), max_size=30),
    st.integers(1, 3),
    st.integers(1, 2),
)
def test_a_person_never_holds_more_than_the_limits(attempts, per_day, per_field):
    """Whatever a person tries, accepted bookings respect both limits on every day."""
    policy = Policy(per_person_per_day=per_day, per_field_per_day=per_field, slot_capacity=100)
    held: list[Held] = []
    for offset, field in attempts:
        day = MONDAY + timedelta(days=offset)
        try:
            book(day=day, field=field, held=held, policy=policy)
        except BookingRefused as exc:
            assert exc.reason in ("person_day_limit", "person_field_limit")
            continue
        held.append(Held(day, field))
    for offset in range(4):
        day = MONDAY + timedelta(days=offset)
        on_day = [h for h in held if h.day == day]
        assert len(on_day) <= per_day
        assert all(sum(1 for h in on_day if h.field_key == f) <= per_field for f in ("f1", "f2", "f3"))


def test_booked_numbers_expire_at_16_00_on_their_day():
    assert not rules.is_expired(MONDAY, datetime(2026, 3, 2, 15, 59), POLICY)
    assert rules.is_expired(MONDAY, datetime(2026, 3, 2, 16, 0), POLICY)
    assert rules.is_expired(MONDAY, datetime(2026, 3, 3, 8, 0), POLICY)
    assert not rules.is_expired(MONDAY, datetime(2026, 3, 2, 16, 30), Policy(expiry=time(17)))


def test_a_booking_that_comes_early_keeps_its_slot_and_a_late_one_joins_on_arrival():
    slot = datetime(2026, 3, 2, 9, 0)
    assert rules.queued_at(checked_in=datetime(2026, 3, 2, 8, 40), slot_start=slot) == slot
    assert rules.queued_at(checked_in=datetime(2026, 3, 2, 9, 20), slot_start=slot) == datetime(
        2026, 3, 2, 9, 20
    )
    assert rules.queued_at(checked_in=slot, slot_start=None) == slot


def test_the_status_table():
    assert rules.can_change("booked", "checked_in") and rules.can_change("called", "called")
    assert not rules.can_change("done", "called") and not rules.can_change("booked", "called")
    assert not rules.can_change("expired", "checked_in")


NOW = datetime(2026, 3, 2, 10, 0)


def waiting(id_, priority, minutes_ago):
    return Waiting(id_, priority, NOW - timedelta(minutes=minutes_ago))


def test_priority_goes_first():
    chosen = rules.choose_next(waiting(1, True, 1), waiting(2, False, 30), [False], NOW, POLICY)
    assert chosen.id == 1


def test_after_three_priority_calls_a_regular_who_waited_long_goes_first():
    chosen = rules.choose_next(waiting(1, True, 1), waiting(2, False, 15), [True, True, True], NOW, POLICY)
    assert chosen.id == 2
    short_wait = rules.choose_next(waiting(1, True, 1), waiting(2, False, 5), [True, True, True], NOW, POLICY)
    assert short_wait.id == 1


@given(st.lists(st.booleans(), min_size=1, max_size=60), st.integers(1, 4))
def test_a_long_waiting_regular_never_sees_more_than_n_priority_calls_in_a_row(arrivals, streak):
    """Simulate one counter: each step one person arrives (True = priority) and one is called. Regulars
    have all waited long; at most `streak` priority calls come in a row while a regular waits."""
    policy = Policy(priority_streak=streak, regular_wait_minutes=0)
    lines = {True: [], False: []}
    calls: list[bool] = []
    for index, is_priority in enumerate(arrivals):
        lines[is_priority].append(Waiting(index, is_priority, NOW - timedelta(hours=1)))
        heads = {k: (v[0] if v else None) for k, v in lines.items()}
        chosen = rules.choose_next(heads[True], heads[False], list(reversed(calls)), NOW, policy)
        if chosen is not None and (index % 2 == 0):  # calls come at half the arrival rate
            lines[chosen.priority].pop(0)
            if calls[-streak:] == [True] * streak and heads[False] is not None:
                assert chosen.priority is False
            calls.append(chosen.priority)


def test_percentile_is_nearest_rank():
    assert rules.percentile([], 90) is None
    assert rules.percentile([5.0], 90) == 5.0
    assert rules.percentile(list(range(1, 11)), 90) == 9
    assert rules.percentile(list(range(1, 101)), 90) == 90


def test_today_is_over_once_its_last_slot_has_ended():
    assert not rules.last_slot_over(MONDAY, datetime(2026, 3, 2, 15, 59), SESSIONS, POLICY)
    assert rules.last_slot_over(MONDAY, datetime(2026, 3, 2, 16, 0), SESSIONS, POLICY)
    assert not rules.last_slot_over(MONDAY + timedelta(days=1), datetime(2026, 3, 2, 16, 0), SESSIONS, POLICY)
