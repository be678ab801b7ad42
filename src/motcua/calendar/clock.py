"""The legal clock: when counting starts, when a time limit is used up, how much working time is left.

Pure Python (no Django). A `WorkCalendar` turns wall-clock moments into a position on a line of
working time (microseconds of office hours since a fixed anchor day) and back, through the
working-day index of index.py: a position P falls on working day P // W (W = office-day length) at
offset P % W, which the sessions (08:00–12:00, 13:00–17:00) turn into a time of day. `due`, `elapsed`
and `counting_start` are therefore a few integer operations, with no loop over days.

The index covers whole years and grows on demand (a new immutable snapshot, so readers in other threads
never see half-built lists). All results are aware datetimes at +07:00 (Vietnam has no DST).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from . import public_holidays
from .durations import CalendarError, Duration, InvalidDuration, Unit, parse_duration
from .hours import MINUTE_US, TZ, Channel, InvalidChannel, OfficeHours, time_us
from .index import EMPTY_INDEX, MAX_YEAR, MIN_YEAR, OutOfRange, WorkdayIndex, build_index
from .public_holidays import YearExceptions

__all__ = [
    "TZ",
    "CalendarError",
    "Channel",
    "InvalidChannel",
    "OfficeHours",
    "OutOfRange",
    "SpecialDay",
    "WorkCalendar",
]

_US = timedelta(microseconds=1)
_HOUR_US = 3_600_000_000
# Enum members bound once: `Unit.SAME_DAY` costs a metaclass lookup (~0.2 µs) on every access.
_SAME_DAY, _DAYS, _HOURS, _ONLINE = Unit.SAME_DAY, Unit.WORKING_DAYS, Unit.WORKING_HOURS, Channel.ONLINE


@dataclass(frozen=True)
class SpecialDay:
    """A day that differs from the ordinary week, for explanations (receipts, the command)."""

    day: date
    working: bool
    reason: str


HolidaySource = Callable[[Iterable[int]], YearExceptions]


@dataclass(eq=False)
class WorkCalendar:
    """Office hours + national public holidays + overrides (extra days off, extra working days).

    Overrides win over the holiday source; a date may not be both an extra day off and an extra
    working day. `days_off` / `working_days` are dates, or a mapping date -> reason.
    """

    office_hours: OfficeHours = field(default_factory=OfficeHours)
    days_off: Mapping[date, str] | Iterable[date] = ()
    working_days: Mapping[date, str] | Iterable[date] = ()
    holidays: HolidaySource = public_holidays.vietnam

    def __post_init__(self):
        self.days_off = _as_reasons(self.days_off, "Ngày nghỉ")
        self.working_days = _as_reasons(self.working_days, "Ngày làm việc")
        clash = set(self.days_off) & set(self.working_days)
        if clash:
            day = min(clash)
            raise CalendarError(f"Ngày {day:%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm việc.")
        hours = self.office_hours
        self._weekdays = hours.weekdays
        self._day = hours.day_length // _US
        self._before, self._inside, self._shift = hours.minute_tables()
        self._close = time_us(hours.closing)
        self._cutoff = None if hours.cutoff is None else time_us(hours.cutoff)
        self._acceptance = hours.online_acceptance // _US
        self._years: dict[int, YearExceptions] = {}
        self._ix = EMPTY_INDEX  # built on first use, for the years asked about
        self._anchor: int | None = None  # ordinal where position 0 lies, fixed at the first build
        self._lock = threading.Lock()

    # ---- public API -------------------------------------------------------------------------------

    @property
    def working_day_length(self) -> timedelta:
        return timedelta(microseconds=self._day)

    def length(self, duration: Duration | timedelta | str) -> timedelta:
        """Working time of a limit: N working days = N × the office-day length."""
        return timedelta(microseconds=self._length_us(duration))

    def is_working_day(self, day: date) -> bool:
        ix, i = self._day_index(day.toordinal())
        return ix.cum[i + 1] != ix.cum[i]

    def is_working_time(self, moment: datetime) -> bool:
        """Inside a session of a working day (session starts included, session ends excluded)."""
        moment = _local(moment)
        if not self.is_working_day(moment.date()):
            return False
        return self._inside[moment.hour * 60 + moment.minute]

    def counting_start(self, received_at: datetime, channel: Channel | str = Channel.COUNTER) -> datetime:
        """When the clock starts for a dossier received (counter, postal) or submitted (online).

        Counter/postal: at receipt if inside working time and not after the cut-off (15:00 by default);
        received after the cut-off or after closing: the opening of the next working day. Any channel,
        outside working time: the next working instant (before opening: the opening; at lunch: 13:00).
        """
        if channel.__class__ is not Channel:
            channel = Channel.parse(channel)
        if received_at.tzinfo is not TZ:
            received_at = _local(received_at)
        ix, i = self._day_index(received_at.toordinal())
        cum = ix.cum
        if channel is not _ONLINE and self._cutoff is not None and cum[i + 1] != cum[i]:
            clock = received_at.hour * _HOUR_US + received_at.minute * 60_000_000
            clock += received_at.second * 1_000_000 + received_at.microsecond
            if clock > self._cutoff:
                return self._opening_at(cum[i + 1])
        return self._opening_at(self._position(received_at))

    def acceptance_deadline(self, submitted_at: datetime) -> datetime:
        """An online dossier must be accepted or refused within 8 working hours (a setting)."""
        start = self.counting_start(submitted_at, Channel.ONLINE)
        return self._closing_at(self._position(start) + self._acceptance)

    def due(self, start: datetime, duration: Duration | timedelta | str) -> datetime:
        """The instant the working time of `duration`, counted from `start`, is used up.

        A limit ending at a session end is due then (17:00 that day, not 08:00 the next). "Same day"
        ends at the close of the working day on which counting starts.
        """
        # The hot path of lists and dashboards: whole working days/hours or a timedelta, inlined.
        kind = duration.__class__
        if kind is timedelta:
            length = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
        elif kind is Duration and duration.amount.__class__ is int and duration.unit is _DAYS:
            length = duration.amount * self._day
        elif kind is Duration and duration.amount.__class__ is int and duration.unit is _HOURS:
            length = duration.amount * _HOUR_US
        elif kind is Duration and duration.unit is _SAME_DAY:
            return self._same_day(start)
        elif kind is Duration and not duration.is_working_time:
            return self._wall_clock_due(start, duration)
        elif kind is str:
            return self.due(start, parse_duration(duration))
        else:
            length = self._length_us(duration)
        if length <= 0:
            raise InvalidDuration("Thời hạn phải lớn hơn 0.")
        # _closing_at(_position(start) + length), inlined: this runs for every row of a list.
        if start.tzinfo is not TZ:
            start = _local(start)
        ix = self._ix
        i = start.toordinal() - ix.base
        if i < 0 or i >= ix.days:
            return self._closing_at(self._position(start) + length)
        cum = ix.cum
        position = cum[i]
        if cum[i + 1] != position:
            minute = start.hour * 60 + start.minute
            position += self._before[minute]
            if self._inside[minute]:
                position += start.second * 1_000_000 + start.microsecond
        day = self._day
        n, r = divmod(position + length, day)
        if not r:
            n, r = n - 1, day
        k = n + ix.off
        if k < 0 or k >= len(ix.midnights):
            return self._closing_at(position + length)
        clock = r + self._shift[(r - 1) // 60_000_000]
        return ix.midnights[k] + (_CLOCK_TIMES.get(clock) or _clock_time(clock))

    def elapsed(
        self,
        start: datetime,
        end: datetime,
        pauses: Iterable[tuple[datetime, datetime | None]] = (),
    ) -> timedelta:
        """Working time between two moments, pause intervals excluded (negative if end < start).

        A pause (a, None) is still running: it lasts until `end`. Overlapping pauses count once.
        """
        start, end = _local(start), _local(end)
        if end < start:
            return -self.elapsed(end, start, pauses)
        total = self._position(end) - self._position(start)
        for a, b in _merge(pauses, start, end):
            total -= self._position(b) - self._position(a)
        return timedelta(microseconds=total)

    def remaining(self, now: datetime, due: datetime) -> timedelta:
        """Working time left until `due` (negative once late: how much working time overdue)."""
        return self.elapsed(now, due)

    def split(self, working_time: timedelta) -> tuple[int, timedelta]:
        """(whole working days, rest) of a working time, e.g. for "còn 2 ngày 3 giờ"."""
        days, rest = divmod(abs(working_time) // _US, self._day)
        sign = -1 if working_time < timedelta() else 1
        return sign * days, sign * timedelta(microseconds=rest)

    def special_days(self, first: date, last: date) -> list[SpecialDay]:
        """Days in [first, last] that differ from the ordinary week (holidays, swaps, overrides)."""
        self._cover(first.toordinal(), last.toordinal())
        found = []
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            working = self.is_working_day(day)
            if working != (day.weekday() in self._weekdays):
                found.append(SpecialDay(day, working, self._reason(day, working)))
        return found

    # ---- positions on the working-time line ------------------------------------------------------
    # Positions are anchored (index.py), so they stay valid when another call grows the index.

    def _position(self, moment: datetime) -> int:
        if moment.tzinfo is not TZ:
            moment = _local(moment)
        ix = self._ix
        i = moment.toordinal() - ix.base
        if i < 0 or i >= ix.days:
            ix, i = self._day_index(moment.toordinal())
        position = ix.cum[i]
        if ix.cum[i + 1] == position:
            return position
        minute = moment.hour * 60 + moment.minute
        position += self._before[minute]
        if self._inside[minute]:
            position += moment.second * 1_000_000 + moment.microsecond
        return position

    def _closing_at(self, position: int) -> datetime:
        """The moment at `position`, choosing the end of a session over the start of the next."""
        n, r = divmod(position, self._day)
        if not r:
            n, r = n - 1, self._day
        ix = self._ix
        k = n + ix.off
        if k < 0 or k >= len(ix.midnights):
            ix, k = self._workday(n)
        return ix.midnights[k] + _clock_time(r + self._shift[(r - 1) // MINUTE_US])

    def _opening_at(self, position: int) -> datetime:
        """The moment at `position`, choosing the start of a session over the end of the previous."""
        n, r = divmod(position, self._day)
        ix = self._ix
        k = n + ix.off
        if k < 0 or k >= len(ix.midnights):
            ix, k = self._workday(n)
        return ix.midnights[k] + _clock_time(r + self._shift[r // MINUTE_US])

    def _wall_clock_due(self, start: datetime, duration: Duration) -> datetime:
        """Limits in calendar days, hours or months (Civil Code Art. 147–148, the default here): they end
        at the close of the last day; a last day that is not a working day moves to the close of the
        next working day. An hour limit is due at its wall-clock moment when that falls on a working day
        before closing, otherwise at the close of the next working day."""
        start = _local(start)
        if duration.unit is Unit.HOURS:
            moment = start + timedelta(hours=duration.amount)
            close = datetime.combine(moment.date(), datetime.min.time(), TZ) + timedelta(
                microseconds=self._close
            )
            if self.is_working_day(moment.date()) and moment <= close:
                return moment
            return self._same_day(
                moment if moment > close else datetime.combine(moment.date(), datetime.min.time(), TZ)
            )
        if duration.unit is Unit.MONTHS:
            month = start.month - 1 + duration.amount
            year, month = start.year + month // 12, month % 12 + 1
            last = date(year, month, min(start.day, _days_in_month(year, month)))
        else:
            last = start.date() + timedelta(days=duration.amount)
        ix, i = self._day_index(last.toordinal())
        if ix.cum[i + 1] != ix.cum[i]:  # a working day: its close
            return self._closing_at(ix.cum[i + 1])
        return self._same_day(datetime.combine(last, datetime.min.time(), TZ))

    def _same_day(self, start: datetime) -> datetime:
        ix, k = self._workday(self._position(start) // self._day)
        return ix.midnights[k] + timedelta(microseconds=self._close)

    def _length_us(self, duration: Duration | timedelta | str) -> int:
        if duration.__class__ is timedelta:
            length = duration // _US
        else:
            if duration.__class__ is str:
                duration = parse_duration(duration)
            if not isinstance(duration, Duration):
                raise InvalidDuration(f"Thời hạn không hợp lệ: {duration!r}.")
            if duration.unit is Unit.SAME_DAY:
                raise InvalidDuration("«Trong ngày» không phải là một khoảng thời gian làm việc.")
            if not duration.is_working_time:
                raise InvalidDuration(
                    f"«{duration.vietnamese()}» tính theo lịch, không phải một khoảng thời gian làm việc."
                )
            unit = self._day if duration.unit is Unit.WORKING_DAYS else _HOUR_US
            length = duration.amount * unit
            if length.__class__ is not int:
                length = int(Decimal(length).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if length <= 0:
            raise InvalidDuration("Thời hạn phải lớn hơn 0.")
        return length

    # ---- the index --------------------------------------------------------------------------------

    def _day_index(self, ordinal: int) -> tuple[WorkdayIndex, int]:
        ix = self._ix
        if not 0 <= ordinal - ix.base < ix.days:
            ix = self._cover(ordinal, ordinal)
        return ix, ordinal - ix.base

    def _workday(self, n: int) -> tuple[WorkdayIndex, int]:
        """The index holding working day number n (grown if needed) and n's place in its lists."""
        ix = self._ix
        while n + ix.off >= len(ix.midnights):
            years = (n + ix.off - len(ix.midnights)) // 200 + 1  # ≥ 200 working days a year
            ix = self._build(ix.first_year, ix.last_year + years)
        while n + ix.off < 0:
            ix = self._build(ix.first_year - (-(n + ix.off) // 200 + 1), ix.last_year)
        return ix, n + ix.off

    def _cover(self, first: int, last: int) -> WorkdayIndex:
        ix = self._ix
        lo, hi = date.fromordinal(first).year, date.fromordinal(last).year
        if ix is EMPTY_INDEX:
            return self._build(lo - 1, hi + 2)
        if lo < ix.first_year or hi > ix.last_year:
            return self._build(min(lo, ix.first_year), max(hi, ix.last_year))
        return ix

    def _build(self, first_year: int, last_year: int) -> WorkdayIndex:
        with self._lock:
            current = self._ix
            if current is not EMPTY_INDEX and current.covers(first_year, last_year):
                return current
            if current is not EMPTY_INDEX:
                first_year = min(first_year, current.first_year)
                last_year = max(last_year, current.last_year)
            missing = [y for y in range(first_year, last_year + 1) if y not in self._years]
            if missing and first_year >= MIN_YEAR and last_year <= MAX_YEAR:
                found = self.holidays(missing)
                for year in missing:
                    self._years[year] = YearExceptions(
                        {d: n for d, n in found.days_off.items() if d.year == year},
                        {d: n for d, n in found.working_days.items() if d.year == year},
                    )
            if self._anchor is None:
                self._anchor = date(max(first_year, MIN_YEAR), 1, 1).toordinal()
            self._ix = build_index(first_year, last_year, self._anchor, self._working, self._day)
            return self._ix

    def _working(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        national = self._years[day.year]
        if day in national.working_days:
            return True
        if day in national.days_off:
            return False
        return day.weekday() in self._weekdays

    def _reason(self, day: date, working: bool) -> str:
        own = self.working_days if working else self.days_off
        if day in own:
            return own[day]
        national = self._years[day.year]
        return (national.working_days if working else national.days_off).get(day, "")


_CLOCK_TIMES: dict[int, timedelta] = {}


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _clock_time(us: int) -> timedelta:
    """A time of day (µs since midnight) as a timedelta; whole seconds are memoised (≤ 86,400 of them)
    because building a timedelta costs as much as the rest of a due() computation."""
    found = _CLOCK_TIMES.get(us)
    if found is None:
        found = timedelta(0, us // 1_000_000, us % 1_000_000)
        if not us % 1_000_000:
            _CLOCK_TIMES[us] = found
    return found


def _local(moment: datetime) -> datetime:
    """Aware moments are converted to +07:00; naive ones are taken as Vietnam local time."""
    if moment.__class__ is date:
        raise CalendarError("Cần một thời điểm (ngày và giờ), không chỉ ngày.")
    if moment.tzinfo is TZ:
        return moment
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=TZ)
    return moment.astimezone(TZ)


def _as_reasons(days: Mapping[date, str] | Iterable[date], default: str) -> dict[date, str]:
    if isinstance(days, Mapping):
        return {day: str(reason or default) for day, reason in days.items()}
    return {day: default for day in days}


def _merge(pauses, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """Clip pauses to [start, end] and merge overlaps, so no working time is subtracted twice."""
    clipped = []
    for a, b in pauses:
        a = max(_local(a), start)
        b = end if b is None else min(_local(b), end)
        if a < b:
            clipped.append((a, b))
    clipped.sort()
    merged: list[tuple[datetime, datetime]] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged
