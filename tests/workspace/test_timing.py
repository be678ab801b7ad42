"""The working time left, as officers read it, from the legal clock (nights, weekends not counted)."""

from motcua.calendar.clock import WorkCalendar
from motcua.workspace.timing import remaining
from tests.dossiers.factories import at

CAL = WorkCalendar()


def test_one_day_and_three_hours_left_across_a_weekend():
    # Friday 14:00 → Monday 17:00 = 3 h Friday + 8 h Monday = 1 working day 3 hours
    left = remaining(CAL, at("2026-03-06 14:00"), at("2026-03-09 17:00"))
    assert left.text == "còn 1 ngày 3 giờ" and not left.late and not left.urgent


def test_two_working_hours_late_over_the_lunch_break():
    late = remaining(CAL, at("2026-03-04 14:00"), at("2026-03-04 11:00"))
    assert late.text == "quá hạn 2 giờ" and late.late


def test_under_an_hour_is_said_in_minutes_and_urgent():
    soon = remaining(CAL, at("2026-03-04 16:20"), at("2026-03-04 17:00"))
    assert soon.text == "còn 40 phút" and soon.urgent


def test_no_due_moment_means_nothing_to_show():
    assert remaining(CAL, at("2026-03-04 16:20"), None) is None
