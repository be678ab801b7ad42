"""Dated scenarios around Tết 2025, Tết 2026 and the swapped days, worked out by hand from the calendar.

Tết 2025: off Monday 27/01 to Saturday 01/02 (holidays 0.109). 2025 swap: Saturday 26/04 worked for
Friday 02/05. Tết 2026: off Monday 16/02 to Friday 20/02. 2026 swap: Saturday 22/08 worked for
Monday 31/08; 01–02/09 national day.
"""

from datetime import date, datetime, timedelta

import pytest

from motcua.calendar.clock import TZ, Channel, WorkCalendar
from motcua.calendar.durations import Duration, parse_duration

CAL = WorkCalendar()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize(
    ("received", "channel", "limit", "start", "due"),
    [
        # Tết 2025
        ("2025-01-24 10:00", "counter", "1 working day", "2025-01-24 10:00", "2025-02-03 10:00"),
        ("2025-01-24 15:30", "counter", "2 working days", "2025-02-03 08:00", "2025-02-04 17:00"),
        ("2025-01-24 15:30", "postal", "4 working hours", "2025-02-03 08:00", "2025-02-03 12:00"),
        ("2025-01-24 15:30", "online", "1 working hour", "2025-01-24 15:30", "2025-01-24 16:30"),
        ("2025-01-24 16:30", "online", "1 working hour", "2025-01-24 16:30", "2025-02-03 08:30"),
        ("2025-01-28 09:00", "online", "same day", "2025-02-03 08:00", "2025-02-03 17:00"),
        ("2025-01-24 09:00", "counter", "same day", "2025-01-24 09:00", "2025-01-24 17:00"),
        # 2025 swap: Saturday 26/04 works, 30/04, 01/05 and Friday 02/05 are off.
        ("2025-04-25 14:00", "counter", "1 working day", "2025-04-25 14:00", "2025-04-26 14:00"),
        ("2025-04-29 10:00", "counter", "1 working day", "2025-04-29 10:00", "2025-05-05 10:00"),
        # Tết 2026
        ("2026-02-13 10:30", "counter", "3 working days", "2026-02-13 10:30", "2026-02-25 10:30"),
        ("2026-02-13 15:00", "counter", "2 working hours", "2026-02-13 15:00", "2026-02-13 17:00"),
        ("2026-02-13 15:01", "counter", "1 working day", "2026-02-23 08:00", "2026-02-23 17:00"),
        ("2026-02-13 12:15", "counter", "0,5 ngày làm việc", "2026-02-13 13:00", "2026-02-13 17:00"),
        ("2026-02-14 09:00", "counter", "trong ngày", "2026-02-23 08:00", "2026-02-23 17:00"),
        ("2026-02-13 07:00", "counter", "8 giờ làm việc", "2026-02-13 08:00", "2026-02-13 17:00"),
        # 2026 swap: Saturday 22/08 works; Monday 31/08, 01/09, 02/09 are off.
        ("2026-08-21 10:00", "counter", "1 working day", "2026-08-21 10:00", "2026-08-22 10:00"),
        ("2026-08-22 09:00", "counter", "1 working hour", "2026-08-22 09:00", "2026-08-22 10:00"),
        ("2026-08-28 10:00", "counter", "2 working days", "2026-08-28 10:00", "2026-09-04 10:00"),
        ("2026-08-28 16:00", "counter", "1 working day", "2026-09-03 08:00", "2026-09-03 17:00"),
        # Hùng Kings' day 2026 falls on Sunday 26/04; Monday 27/04 is off in its place.
        ("2026-04-24 13:00", "counter", "1 working day", "2026-04-24 13:00", "2026-04-28 12:00"),
    ],
)
def test_receipt_to_due(received, channel, limit, start, due):
    counting = CAL.counting_start(at(received), channel)
    assert counting == at(start)
    assert CAL.due(counting, parse_duration(limit)) == at(due)
    assert CAL.due(counting, parse_duration(limit)).isoformat().endswith("+07:00")


def test_swapped_days_of_2026():
    assert CAL.is_working_day(date(2026, 8, 22))  # Saturday, worked
    assert not CAL.is_working_day(date(2026, 8, 31))  # Monday, off in exchange
    assert not CAL.is_working_day(date(2026, 8, 29))  # an ordinary Saturday
    assert CAL.is_working_time(at("2026-08-22 10:00"))
    assert not CAL.is_working_time(at("2026-08-31 10:00"))


def test_tet_2026_explained():
    found = CAL.special_days(date(2026, 2, 13), date(2026, 2, 25))
    assert [e.day for e in found] == [date(2026, 2, d) for d in range(16, 21)]
    assert all(not e.working for e in found)
    assert "Tết Nguyên Đán" in found[1].reason
    swaps = CAL.special_days(date(2026, 8, 20), date(2026, 9, 3))
    assert [(e.day, e.working) for e in swaps] == [
        (date(2026, 8, 22), True),
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
    ]


def test_a_limit_ending_at_closing_time_is_due_that_evening():
    assert CAL.due(at("2026-03-02 08:00"), Duration.working_days(1)) == at("2026-03-02 17:00")
    assert CAL.due(at("2026-03-02 08:00"), Duration.working_hours(4)) == at("2026-03-02 12:00")
    assert CAL.due(at("2026-03-06 08:00"), Duration.working_days(1)) == at("2026-03-06 17:00")  # Friday


def test_online_acceptance_within_eight_working_hours():
    # Submitted on Saturday night: waits for Monday, must be accepted by Monday's close.
    assert CAL.acceptance_deadline(at("2026-03-07 22:00")) == at("2026-03-09 17:00")
    # Submitted Monday 14:00: 3 hours on Monday, 5 on Tuesday.
    assert CAL.acceptance_deadline(at("2026-03-09 14:00")) == at("2026-03-10 14:00")


def test_province_overrides():
    # A province gives an extra day off (e.g. a local anniversary) and works a Saturday for it.
    calendar = WorkCalendar(
        days_off={date(2026, 3, 10): "Nghỉ kỷ niệm ngày giải phóng tỉnh"},
        working_days={date(2026, 3, 14): "Làm bù cho ngày 10/03/2026"},
    )
    assert not calendar.is_working_day(date(2026, 3, 10))
    assert calendar.is_working_day(date(2026, 3, 14))
    # Monday 09/03 10:00 + 2 days: Monday 6 h, Tuesday off, Wednesday 8 h, Thursday 2 h.
    assert calendar.due(at("2026-03-09 10:00"), Duration.working_days(2)) == at("2026-03-12 10:00")
    assert CAL.due(at("2026-03-09 10:00"), Duration.working_days(2)) == at("2026-03-11 10:00")
    # An override may also undo a national holiday (e.g. a decision that moved it).
    undone = WorkCalendar(working_days=[date(2026, 11, 24)])
    assert undone.is_working_day(date(2026, 11, 24)) and not CAL.is_working_day(date(2026, 11, 24))
    reasons = {e.day: e.reason for e in calendar.special_days(date(2026, 3, 9), date(2026, 3, 15))}
    assert reasons == {
        date(2026, 3, 10): "Nghỉ kỷ niệm ngày giải phóng tỉnh",
        date(2026, 3, 14): "Làm bù cho ngày 10/03/2026",
    }


def test_remaining_and_late():
    due = at("2026-02-25 10:30")
    assert CAL.remaining(at("2026-02-24 10:30"), due) == timedelta(hours=8)
    assert CAL.remaining(at("2026-02-13 17:00"), due) == timedelta(hours=18, minutes=30)  # Tết does not count
    late = CAL.remaining(at("2026-02-26 09:30"), due)
    assert late == -timedelta(hours=7)
    assert CAL.split(late) == (0, -timedelta(hours=7))
    assert CAL.split(timedelta(hours=19)) == (2, timedelta(hours=3))


def test_supplement_pause_resumes_the_clock():
    # Counting from Monday 02/03 08:00; the applicant completes the dossier from Tue 10:00 to Thu 10:00:
    # 32 working hours to Thursday's close, of which 6 + 8 + 2 were the applicant's.
    start, pause = at("2026-03-02 08:00"), (at("2026-03-03 10:00"), at("2026-03-05 10:00"))
    assert CAL.elapsed(start, at("2026-03-05 17:00"), [pause]) == timedelta(hours=16)


def test_bad_channel_and_overlapping_overrides():
    from motcua.calendar.durations import CalendarError

    with pytest.raises(CalendarError) as caught:
        CAL.counting_start(at("2026-03-02 08:00"), "fax")
    assert caught.value.code == "calendar.invalid_channel"
    assert Channel.parse("2") is Channel.ONLINE and Channel.parse("Bưu chính") is Channel.POSTAL
    with pytest.raises(CalendarError):
        WorkCalendar(days_off=[date(2026, 3, 10)], working_days=[date(2026, 3, 10)])
