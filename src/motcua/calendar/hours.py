"""Office hours, channels and the time zone of the legal clock (pure Python, no Django)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

from .durations import CalendarError

TZ = timezone(timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh, fixed offset since 1975


class InvalidChannel(CalendarError):
    code = "calendar.invalid_channel"


class Channel(enum.StrEnum):
    COUNTER = "counter"
    ONLINE = "online"
    POSTAL = "postal"

    @classmethod
    def parse(cls, value: str | Channel) -> Channel:
        """Accepts the code names, the Vietnamese words and the national portal codes 1/2/3."""
        if isinstance(value, Channel):
            return value
        key = str(value).strip().lower()
        found = _CHANNEL_ALIASES.get(key)
        if found is None:
            raise InvalidChannel(
                f"Kênh tiếp nhận không hợp lệ: «{value}». Dùng counter (trực tiếp), online (trực tuyến) "
                "hoặc postal (bưu chính)."
            )
        return found


_CHANNEL_ALIASES = {
    **{c.value: c for c in Channel},
    "1": Channel.COUNTER,
    "2": Channel.ONLINE,
    "3": Channel.POSTAL,
    "trực tiếp": Channel.COUNTER,
    "truc tiep": Channel.COUNTER,
    "trực tuyến": Channel.ONLINE,
    "truc tuyen": Channel.ONLINE,
    "bưu chính": Channel.POSTAL,
    "buu chinh": Channel.POSTAL,
}


MINUTE_US = 60_000_000


class MinuteTables(NamedTuple):
    # For the minute of the day m: working time (µs) before m's start, and whether m is working time.
    before: tuple[int, ...]
    inside: tuple[bool, ...]
    # For the working minute w of the day (0 = the first minute after opening): clock time of a working
    # offset r in that minute = r + shift[w].
    shift: tuple[int, ...]


def time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@dataclass(frozen=True)
class OfficeHours:
    """Working sessions of a working day, which weekdays work, and the counter/postal cut-off."""

    sessions: tuple[tuple[time, time], ...] = ((time(8), time(12)), (time(13), time(17)))
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    # Counter and postal dossiers received after this time start counting the next working day.
    cutoff: time | None = time(15)
    # An online dossier must be accepted or refused within this much working time.
    online_acceptance: timedelta = timedelta(hours=8)

    def __post_init__(self):
        if not self.sessions:
            raise CalendarError("Giờ làm việc phải có ít nhất một buổi.")
        previous_end = -1
        for start, end in self.sessions:
            if not (previous_end <= time_us(start) < time_us(end)):
                raise CalendarError("Các buổi làm việc phải theo thứ tự, không chồng lấn nhau.")
            if time_us(start) % MINUTE_US or time_us(end) % MINUTE_US:
                raise CalendarError("Giờ bắt đầu và kết thúc buổi làm việc phải tròn phút.")
            previous_end = time_us(end)
        if not self.weekdays or not set(self.weekdays) <= set(range(7)):
            raise CalendarError("Ngày làm việc trong tuần không hợp lệ.")
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))

    def minute_tables(self) -> MinuteTables:
        """Lookup tables that replace a loop over the sessions in the clock's hot path."""
        bounds = [(time_us(a), time_us(b)) for a, b in self.sessions]
        before, inside = [], []
        for minute in range(24 * 60):
            t, worked = minute * MINUTE_US, 0
            for start, end in bounds:
                if t < end:
                    worked += max(0, t - start)
                    break
                worked += end - start
            before.append(worked)
            inside.append(any(start <= t < end for start, end in bounds))
        shift, worked = [], 0
        for start, end in bounds:
            shift += [start - worked] * ((end - start) // MINUTE_US)
            worked += end - start
        return MinuteTables(tuple(before), tuple(inside), tuple(shift))

    @property
    def day_length(self) -> timedelta:
        return sum((_combine(e) - _combine(s) for s, e in self.sessions), timedelta())

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]


def _combine(t: time) -> datetime:
    return datetime.combine(date(2000, 1, 1), t)
