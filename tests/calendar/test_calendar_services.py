"""The Django side of the clock: overrides and office hours in the database, per province, cached."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import IntegrityError, transaction

from motcua.calendar import selectors, services
from motcua.calendar.clock import TZ
from motcua.calendar.durations import Duration
from motcua.calendar.errors import CalendarInputError
from motcua.calendar.models import CalendarOverride, OfficeHoursSetting
from motcua.core.errors import InvalidInput

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 3, 9, 10, 0, tzinfo=TZ)


def test_national_calendar_without_rows_knows_tet():
    calendar = selectors.calendar_for()
    assert calendar.due(datetime(2026, 2, 13, 10, 30, tzinfo=TZ), Duration.working_days(3)) == datetime(
        2026, 2, 25, 10, 30, tzinfo=TZ
    )


def test_a_nationwide_day_off_applies_to_every_province(provinces):
    services.set_override(day=date(2026, 3, 10), kind="day_off", reason="Nghỉ đột xuất")
    for code in ["", "01", "79"]:
        calendar = selectors.calendar_for(code)
        assert not calendar.is_working_day(date(2026, 3, 10))
        assert calendar.due(MONDAY, Duration.working_days(1)) == datetime(2026, 3, 11, 10, tzinfo=TZ)


def test_a_province_override_stays_in_its_province(provinces):
    services.set_override(
        province_code="01",
        day=date(2026, 3, 10),
        kind="day_off",
        reason="Nghỉ của Hà Nội",
        legal_basis="QĐ x",
    )
    services.set_override(province_code="01", day=date(2026, 3, 14), kind="working_day", reason="Làm bù")
    hanoi, hcmc = selectors.calendar_for("01"), selectors.calendar_for("79")
    assert not hanoi.is_working_day(date(2026, 3, 10)) and hcmc.is_working_day(date(2026, 3, 10))
    assert hanoi.is_working_day(date(2026, 3, 14)) and not hcmc.is_working_day(date(2026, 3, 14))
    assert [(d.day, d.reason) for d in hanoi.special_days(date(2026, 3, 9), date(2026, 3, 15))] == [
        (date(2026, 3, 10), "Nghỉ của Hà Nội"),
        (date(2026, 3, 14), "Làm bù"),
    ]


def test_the_province_row_wins_over_the_nationwide_row_of_the_same_day(provinces):
    services.set_override(day=date(2026, 3, 14), kind="working_day", reason="Làm bù toàn quốc")
    services.set_override(province_code="79", day=date(2026, 3, 14), kind="day_off", reason="Tỉnh nghỉ")
    assert selectors.calendar_for("").is_working_day(date(2026, 3, 14))
    assert selectors.calendar_for("01").is_working_day(date(2026, 3, 14))
    assert not selectors.calendar_for("79").is_working_day(date(2026, 3, 14))


def test_override_can_undo_a_national_holiday_and_be_removed():
    national = selectors.calendar_for()
    assert not national.is_working_day(date(2026, 11, 24))
    services.set_override(day=date(2026, 11, 24), kind="working_day", reason="Theo quyết định mới")
    assert selectors.calendar_for().is_working_day(date(2026, 11, 24))
    assert services.remove_override(day=date(2026, 11, 24))
    assert not selectors.calendar_for().is_working_day(date(2026, 11, 24))
    assert not services.remove_override(day=date(2026, 11, 24))


def test_set_override_replaces_the_row_of_that_day():
    services.set_override(day=date(2026, 3, 10), kind="day_off", reason="A")
    services.set_override(day=date(2026, 3, 10), kind="working_day", reason="B")
    row = CalendarOverride.objects.get()
    assert (row.kind, row.reason) == ("working_day", "B")


def test_calendar_is_cached_until_a_row_changes(django_assert_num_queries):
    first = selectors.calendar_for("")
    with django_assert_num_queries(1):  # the reference stamp, no rebuild
        assert selectors.calendar_for("") is first
    services.set_override(day=date(2026, 3, 10), kind="day_off", reason="Nghỉ")
    second = selectors.calendar_for("")
    assert second is not first and not second.is_working_day(date(2026, 3, 10))
    services.set_office_hours(morning=(time(7, 30), time(11, 30)))
    assert selectors.calendar_for("") is not second


def test_a_rolled_back_override_does_not_linger():
    try:
        with transaction.atomic():
            services.set_override(day=date(2026, 3, 10), kind="day_off", reason="Nghỉ")
            assert not selectors.calendar_for().is_working_day(date(2026, 3, 10))
            raise RuntimeError("rollback")
    except RuntimeError:
        pass
    assert selectors.calendar_for().is_working_day(date(2026, 3, 10))


def test_province_office_hours_and_cutoff(provinces):
    services.set_office_hours(
        province_code="79",
        morning=(time(7, 30), time(11, 30)),
        afternoon=(time(13), time(16, 30)),
        cutoff=None,
    )
    hcmc = selectors.calendar_for("79")
    assert hcmc.working_day_length == timedelta(hours=7, minutes=30)
    # 1 working day from Monday 10:00: 1.5 h + 3.5 h on Monday, 2.5 h on Tuesday from 07:30.
    assert hcmc.due(MONDAY, Duration.working_days(1)) == datetime(2026, 3, 10, 10, tzinfo=TZ)
    # No cut-off: a receipt at 16:00 counts from 16:00.
    received = datetime(2026, 3, 9, 16, tzinfo=TZ)
    assert hcmc.counting_start(received, "counter") == received
    assert selectors.calendar_for("01").counting_start(received, "counter") == datetime(
        2026, 3, 10, 8, tzinfo=TZ
    )


def test_nationwide_office_hours_are_the_default_of_provinces(provinces):
    services.set_office_hours(cutoff=time(16))
    received = datetime(2026, 3, 9, 15, 30, tzinfo=TZ)
    assert selectors.calendar_for("01").counting_start(received, "counter") == received


def test_provinces_are_checked_against_units_in_force(provinces):
    with pytest.raises(CalendarInputError) as caught:
        services.set_override(province_code="02", day=date(2026, 3, 10), kind="day_off", reason="x")
    assert caught.value.code == "calendar.unknown_province"
    with pytest.raises(CalendarInputError) as caught:
        services.set_override(province_code="1", day=date(2026, 3, 10), kind="day_off", reason="x")
    assert caught.value.code == "calendar.invalid_province"
    assert selectors.check_province("01").verified


def test_without_units_loaded_only_the_format_is_checked():
    assert selectors.check_province("01") == selectors.Province("01", verified=False)
    services.set_override(province_code="01", day=date(2026, 3, 10), kind="day_off", reason="x")
    with pytest.raises(CalendarInputError):
        selectors.check_province("ab")


def test_invalid_rows_are_refused():
    with pytest.raises(InvalidInput) as caught:
        services.set_office_hours(morning=(time(12), time(8)))
    assert caught.value.code == "calendar.invalid_input"
    with pytest.raises(InvalidInput):
        services.set_override(day=date(2026, 3, 10), kind="holiday", reason="x")
    with pytest.raises(InvalidInput):
        services.set_override(day=date(2026, 3, 10), kind="day_off", reason="  ")


def test_database_constraints():
    CalendarOverride.objects.create(date=date(2026, 3, 10), kind="day_off", reason="a")
    CalendarOverride.objects.create(province_code="01", date=date(2026, 3, 10), kind="day_off", reason="b")
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarOverride.objects.create(date=date(2026, 3, 10), kind="working_day", reason="c")
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeHoursSetting.objects.create(morning_start=time(12), morning_end=time(8))


def test_deadline_selector_reports_everything_for_a_receipt(provinces):
    result = selectors.deadline(
        received_at="2026-02-13T16:00", duration="1 ngày làm việc", channel="online", province_code="01"
    )
    assert result.counting_start == datetime(2026, 2, 13, 16, tzinfo=TZ)
    assert result.due == datetime(2026, 2, 23, 16, tzinfo=TZ)
    assert result.acceptance_deadline == datetime(2026, 2, 23, 16, tzinfo=TZ)
    assert result.working_time == timedelta(hours=8)
    assert result.province == selectors.Province("01", True, "Thành phố Hà Nội")
    assert [d.day.day for d in result.special_days] == [16, 17, 18, 19, 20]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"received_at": "2026-02-30T10:00", "duration": "1 working day"}, "calendar.invalid_datetime"),
        ({"received_at": "2026-02-13T10:00", "duration": "1 day"}, "calendar.invalid_duration"),
        (
            {"received_at": "2026-02-13T10:00", "duration": "1 working day", "channel": "fax"},
            "calendar.invalid_channel",
        ),
        ({"received_at": "1850-01-01T10:00", "duration": "1 working day"}, "calendar.out_of_range"),
        ({"received_at": "9000-01-01T10:00", "duration": "1 working day"}, "calendar.out_of_range"),
        ({"received_at": "2026-02-13T10:00", "duration": "100000 working days"}, "calendar.invalid_duration"),
        ({"received_at": "2026-02-13T10:00", "duration": "8001 giờ làm việc"}, "calendar.invalid_duration"),
    ],
)
def test_deadline_selector_errors(kwargs, code):
    with pytest.raises(CalendarInputError) as caught:
        selectors.deadline(**kwargs)
    assert caught.value.code == code
    assert caught.value.http_status == 400
