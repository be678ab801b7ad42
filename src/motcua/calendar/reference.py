"""A slow, obviously-correct clock: walks day by day and asks `holidays` about every day.

Pure Python. Not used by the application: it is the oracle the tests compare `WorkCalendar` with, and
the "naive" baseline of bench/bench_clock.py. It shares only `OfficeHours` and `Channel` with clock.py,
never its index, so a bug in the index cannot hide in both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import holidays

from .clock import TZ, Channel, OfficeHours


class NaiveClock:
    def __init__(
        self,
        office_hours: OfficeHours | None = None,
        days_off: Iterable[date] = (),
        working_days: Iterable[date] = (),
        use_holidays: bool = True,
    ):
        self.hours = office_hours or OfficeHours()
        self.days_off = set(days_off)
        self.working_days = set(working_days)
        self.table = holidays.country_holidays("VN", language="vi") if use_holidays else None

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if self.table is not None:
            if day in self.table:  # also loads the year, and with it its weekend_workdays
                return False
            if day in self.table.weekend_workdays:
                return True
        return day.weekday() in self.hours.weekdays

    def due(self, start: datetime, working_time: timedelta) -> datetime:
        start = _local(start)
        day, clock, left = start.date(), start.timetz().replace(tzinfo=None), working_time
        while True:
            if self.is_working_day(day):
                for opens, closes in self.hours.sessions:
                    begin = _at(day, max(opens, clock))
                    available = _at(day, closes) - begin
                    if available <= timedelta():
                        continue
                    if left <= available:
                        return begin + left
                    left -= available
            day, clock = day + timedelta(days=1), time(0)

    def same_day(self, start: datetime) -> datetime:
        begin = self.next_working_instant(start)
        return _at(begin.date(), self.hours.closing)

    def next_working_instant(self, moment: datetime) -> datetime:
        moment = _local(moment)
        day, clock = moment.date(), moment.timetz().replace(tzinfo=None)
        while True:
            if self.is_working_day(day):
                for opens, closes in self.hours.sessions:
                    if clock < closes:
                        return _at(day, max(opens, clock))
            day, clock = day + timedelta(days=1), time(0)

    def counting_start(self, received_at: datetime, channel: Channel) -> datetime:
        received_at = _local(received_at)
        day, clock = received_at.date(), received_at.timetz().replace(tzinfo=None)
        cutoff = self.hours.cutoff
        late = channel is not Channel.ONLINE and cutoff is not None and clock > cutoff
        if late and self.is_working_day(day):
            return self.next_working_instant(_at(day + timedelta(days=1), time(0)))
        return self.next_working_instant(received_at)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        start, end = _local(start), _local(end)
        if end < start:
            return -self.elapsed(end, start)
        total, day = timedelta(), start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for opens, closes in self.hours.sessions:
                    a, b = max(_at(day, opens), start), min(_at(day, closes), end)
                    if a < b:
                        total += b - a
            day += timedelta(days=1)
        return total


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=TZ)


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)
