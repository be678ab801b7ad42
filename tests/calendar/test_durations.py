"""Parsing legal time limits as procedures write them."""

from decimal import Decimal

import pytest

from motcua.calendar.durations import Duration, InvalidDuration, Unit, parse_duration


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("3 working days", Unit.WORKING_DAYS, 3),
        ("1 working day", Unit.WORKING_DAYS, 1),
        ("  12   Working   Days ", Unit.WORKING_DAYS, 12),
        ("4 working hours", Unit.WORKING_HOURS, 4),
        ("1 working hour", Unit.WORKING_HOURS, 1),
        ("3 ngày làm việc", Unit.WORKING_DAYS, 3),
        ("3 NGÀY LÀM VIỆC", Unit.WORKING_DAYS, 3),
        ("3 ngay lam viec", Unit.WORKING_DAYS, 3),
        ("8 giờ làm việc", Unit.WORKING_HOURS, 8),
        ("0,5 ngày làm việc", Unit.WORKING_DAYS, Decimal("0.5")),
        ("1.5 working days", Unit.WORKING_DAYS, Decimal("1.5")),
        ("2.0 working days", Unit.WORKING_DAYS, 2),
    ],
)
def test_limits_in_english_and_vietnamese(text, unit, amount):
    duration = parse_duration(text)
    assert duration.unit is unit
    assert duration.amount == amount
    assert type(duration.amount) is type(amount)


@pytest.mark.parametrize("text", ["same day", "Same Day", "trong ngày", "Trong ngày làm việc", "trong ngay"])
def test_same_day(text):
    assert parse_duration(text).is_same_day


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "3",
        "three working days",
        "3 days",
        "-1 working days",
        "0 working days",
        "0,0 ngày làm việc",
        "3 working weeks",
        "1e3 working days",
        "3 working days later",
    ],
)
def test_bad_limits_are_refused_with_a_stable_code(text):
    with pytest.raises(InvalidDuration) as caught:
        parse_duration(text)
    assert caught.value.code == "calendar.invalid_duration"
    assert str(caught.value)  # a Vietnamese sentence, not an empty message


def test_canonical_wording_round_trips():
    for text in ["3 working days", "1 working day", "4 working hours", "same day", "0.5 working days"]:
        assert str(parse_duration(text)) == text
        assert parse_duration(parse_duration(text).vietnamese()) == parse_duration(text)
    assert Duration.working_days(3).vietnamese() == "3 ngày làm việc"
    assert Duration.same_day().vietnamese() == "trong ngày"


def test_constructors_refuse_nonsense():
    with pytest.raises(InvalidDuration):
        Duration.working_days(0)
    with pytest.raises(InvalidDuration):
        Duration.working_hours(True)
    with pytest.raises(InvalidDuration):
        Duration.working_days(Decimal("NaN"))
