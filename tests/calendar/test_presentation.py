"""Vietnamese wording of working time, weekdays and channels."""

from datetime import date, timedelta

from motcua.calendar.clock import Channel
from motcua.calendar.presentation import channel_name, weekday_name, working_time

DAY = timedelta(hours=8)


def test_working_time_in_days_hours_minutes():
    assert working_time(timedelta(hours=19, minutes=15), DAY) == "2 ngày 3 giờ 15 phút làm việc"
    assert working_time(timedelta(hours=8), DAY) == "1 ngày làm việc"
    assert working_time(timedelta(), DAY) == "0 phút làm việc"
    assert working_time(-timedelta(hours=7), DAY) == "quá hạn 7 giờ làm việc"
    assert working_time(timedelta(hours=15), timedelta(hours=7, minutes=30)) == "2 ngày làm việc"


def test_weekdays_and_channels():
    assert weekday_name(date(2026, 2, 13)) == "Thứ Sáu"
    assert weekday_name(date(2026, 2, 15)) == "Chủ nhật"
    assert channel_name(Channel.POSTAL) == "qua bưu chính"
