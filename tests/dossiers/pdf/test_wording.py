"""Dates and times as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP)."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.forms_pdf import wording
from motcua.dossiers.forms_pdf.context import TrackingRow

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),  # day < 10 and month < 3: leading zeros
        (date(2025, 1, 31), "ngày 31 tháng 01 năm 2025"),
        (date(2025, 3, 5), "ngày 05 tháng 3 năm 2025"),  # month >= 3: no zero
        (date(2020, 11, 5), "ngày 05 tháng 11 năm 2020"),
        (date(2025, 12, 25), "ngày 25 tháng 12 năm 2025"),
    ],
)
def test_day_words_follow_decree_30(day, expected):
    assert wording.day_words(day) == expected


def test_instants_are_written_in_vietnam_time():
    # 17:30 UTC on 31 December is already 00:30 on 1 January in Hà Nội.
    utc = datetime(2025, 12, 31, 17, 30, tzinfo=UTC)
    assert wording.moment_words(utc) == "00 giờ 30 phút, ngày 01 tháng 01 năm 2026"
    assert wording.place_and_day("Hà Nội", utc) == "Hà Nội, ngày 01 tháng 01 năm 2026"
    assert wording.short_moment(utc) == "00:30 01/01/2026"


def test_a_naive_instant_is_refused():
    with pytest.raises(ValueError):
        wording.moment_words(datetime(2025, 7, 1, 8, 0))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_day_words_round_trip(day):
    match = re.fullmatch(r"ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})", wording.day_words(day))
    assert match
    assert date(int(match[3]), int(match[2]), int(match[1])) == day
    assert len(match[2]) == (2 if day.month < 3 else len(str(day.month)))


@pytest.mark.parametrize(
    ("done_minutes", "expected"),
    [(-61, "Trước hạn"), (0, "Đúng hạn"), (0.5, "Đúng hạn"), (1, "Quá hạn"), (24 * 60, "Quá hạn")],
)
def test_a_hand_over_is_judged_against_its_step_due_at_the_minute(done_minutes, expected):
    due = datetime(2025, 7, 1, 17, 0, tzinfo=VN)
    row = TrackingRow(at=due + timedelta(minutes=done_minutes), giver="A", receiver="B", step_due_at=due)
    assert row.timeliness == expected


def test_a_hand_over_without_a_step_due_is_not_judged():
    row = TrackingRow(at=datetime(2025, 7, 1, 9, 0, tzinfo=VN), giver="A", receiver="B")
    assert row.timeliness == ""
