"""The legal clock: when counting starts, when a time limit is used up, how much working time is left.

Pure Python (no Django). A `WorkCalendar` turns wall-clock moments into a position on a line of
working time (microseconds of office hours since the start of its index) and back:

- `cum[i]` is the working time before day i of the index; a day is working iff cum[i+1] > cum[i];
- `workdays[n]` is the n-th working day, so a position P falls on working day P // W (W = office-day
  length) at offset P % W, which the (two) sessions turn into a time of day.

`due`, `elapsed` and `counting_start` are therefore a few integer operations, with no loop over days.
The index covers whole years and is extended on demand (a new immutable snapshot, so readers in other
threads never see half-built lists). All results are aware datetimes at +07:00 (Vietnam has no DST).
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from . import public_holidays
from .durations import CalendarError, Duration, InvalidDuration, Unit, parse_duration
from .public_holidays import YearExceptions

TZ = timezone(timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh, fixed offset since 1975
_US = timedelta(microseconds=1)
_HOUR_US = 3_600_000_000
_MIN_YEAR, _MAX_YEAR = 1900, 9998


class InvalidChannel(CalendarError):
    code = "calendar.invalid_channel"


class OutOfRange(CalendarError):
    code = "calendar.out_of_range"


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


def _us(t: time) -> int:
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
            if not (previous_end <= _us(start) < _us(end)):
                raise CalendarError("Các buổi làm việc phải theo thứ tự, không chồng lấn nhau.")
            previous_end = _us(end)
        if not self.weekdays or not set(self.weekdays) <= set(range(7)):
            raise CalendarError("Ngày làm việc trong tuần không hợp lệ.")
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))

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


@dataclass(frozen=True, slots=True)
class _Index:
    first_year: int
    last_year: int
    base: int  # ordinal of 1 January of first_year
    cum: list[int]  # len = days + 1; 0 at the anchor day, so positions survive extensions
    off: int  # list index of working day number 0 (the first one on or after the anchor)
    midnights: list[datetime]  # midnight (TZ) of each working day


@dataclass(frozen=True)
class Exception_:
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
        # (start, end, working time before the session) in microseconds since midnight.
        sessions, before = [], 0
        for start, end in hours.sessions:
            sessions.append((_us(start), _us(end), before))
            before += _us(end) - _us(start)
        self._sessions = tuple(sessions)
        self._close = sessions[-1][1]
        self._cutoff = None if hours.cutoff is None else _us(hours.cutoff)
        self._acceptance = hours.online_acceptance // _US
        self._years: dict[int, YearExceptions] = {}
        self._ix: _Index | None = None
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
        t = _us(moment.timetz())
        return any(s <= t < e for s, e, _ in self._sessions)

    def counting_start(self, received_at: datetime, channel: Channel | str = Channel.COUNTER) -> datetime:
        """When the clock starts for a dossier received (counter, postal) or submitted (online).

        Counter/postal: at receipt if inside working time and not after the cut-off (15:00 by default);
        received after the cut-off or after closing: the opening of the next working day. Any channel,
        outside working time: the next working instant (before opening: the opening; at lunch: 13:00).
        """
        channel = Channel.parse(channel)
        received_at = _local(received_at)
        ix, i = self._day_index(received_at.toordinal())
        cum = ix.cum
        if channel is not Channel.ONLINE and self._cutoff is not None and cum[i + 1] != cum[i]:
            if _us(received_at.timetz()) > self._cutoff:
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
        if duration.__class__ is Duration and duration.unit is Unit.SAME_DAY:
            return self._same_day(start)
        if duration.__class__ is str:
            return self.due(start, parse_duration(duration))
        return self._closing_at(self._position(start) + self._length_us(duration))

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
        self._cover_ordinals(start.toordinal(), end.toordinal())
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

    def exceptions(self, first: date, last: date) -> list[Exception_]:
        """Days in [first, last] that differ from the ordinary week (holidays, swaps, overrides)."""
        self._cover_ordinals(first.toordinal(), last.toordinal())
        found = []
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            working = self.is_working_day(day)
            if working != (day.weekday() in self._weekdays):
                found.append(Exception_(day, working, self._reason(day, working)))
        return found

    # ---- positions on the working-time line ------------------------------------------------------

    def _position(self, moment: datetime) -> int:
        if moment.tzinfo is not TZ:
            moment = _local(moment)
        ix = self._ix
        i = moment.toordinal() - ix.base if ix is not None else -1
        if i < 0 or i >= len(ix.cum) - 1:
            ix, i = self._day_index(moment.toordinal())
        before = ix.cum[i]
        if ix.cum[i + 1] == before:
            return before
        t = moment.hour * _HOUR_US + moment.minute * 60_000_000 + moment.second * 1_000_000
        t += moment.microsecond
        for start, end, acc in self._sessions:
            if t < end:
                return before + acc + (t - start if t > start else 0)
        return before + self._day

    def _closing_at(self, position: int) -> datetime:
        """The moment at `position`, choosing the end of a session over the start of the next."""
        n, r = divmod(position, self._day)
        if r == 0:
            n, r = n - 1, self._day
        ix = self._ix
        k = n + ix.off
        if not 0 <= k < len(ix.midnights):
            ix, k = self._workday(n)
        for start, end, acc in self._sessions:
            if r <= acc + end - start:
                return ix.midnights[k] + timedelta(microseconds=start + r - acc)
        raise AssertionError("unreachable: r <= day length")  # pragma: no cover

    def _opening_at(self, position: int) -> datetime:
        """The moment at `position`, choosing the start of a session over the end of the previous."""
        n, r = divmod(position, self._day)
        ix, k = self._workday(n)
        for start, end, acc in self._sessions:
            if r < acc + end - start:
                return ix.midnights[k] + timedelta(microseconds=start + r - acc)
        raise AssertionError("unreachable: r < day length")  # pragma: no cover

    def _same_day(self, start: datetime) -> datetime:
        ix, k = self._workday(self._position(_local(start)) // self._day)
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
            unit = self._day if duration.unit is Unit.WORKING_DAYS else _HOUR_US
            length = duration.amount * unit
            if length.__class__ is not int:
                length = int(Decimal(length).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if length <= 0:
            raise InvalidDuration("Thời hạn phải lớn hơn 0.")
        return length

    # ---- the index --------------------------------------------------------------------------------

    def _day_index(self, ordinal: int) -> tuple[_Index, int]:
        ix = self._ix
        if ix is None or not 0 <= ordinal - ix.base < len(ix.cum) - 1:
            ix = self._cover_ordinals(ordinal, ordinal)
        return ix, ordinal - ix.base

    def _workday(self, n: int) -> tuple[_Index, int]:
        """The index holding working day number n (extended if needed) and n's place in its lists."""
        ix = self._ix
        while n + ix.off >= len(ix.midnights):
            years = (n + ix.off - len(ix.midnights)) // 200 + 1  # ≥ 200 working days a year
            ix = self._build(ix.first_year, ix.last_year + years)
        while n + ix.off < 0:
            ix = self._build(ix.first_year - (-(n + ix.off) // 200 + 1), ix.last_year)
        return ix, n + ix.off

    def _cover_ordinals(self, first: int, last: int) -> _Index:
        ix = self._ix
        lo, hi = date.fromordinal(first).year, date.fromordinal(last).year
        if ix is None:
            return self._build(lo - 1, hi + 2)
        if lo < ix.first_year or hi > ix.last_year:
            return self._build(min(lo, ix.first_year), max(hi, ix.last_year))
        return ix

    def _build(self, first_year: int, last_year: int) -> _Index:
        if first_year < _MIN_YEAR or last_year > _MAX_YEAR:
            raise OutOfRange(f"Ngoài phạm vi lịch ({_MIN_YEAR}–{_MAX_YEAR}).")
        with self._lock:
            current = self._ix
            if current is not None and current.first_year <= first_year and last_year <= current.last_year:
                return current
            missing = [y for y in range(first_year, last_year + 1) if y not in self._years]
            if missing:
                found = self.holidays(missing)
                for year in missing:
                    self._years[year] = YearExceptions(
                        {d: n for d, n in found.days_off.items() if d.year == year},
                        {d: n for d, n in found.working_days.items() if d.year == year},
                    )
            base = date(first_year, 1, 1).toordinal()
            end = date(last_year + 1, 1, 1).toordinal()
            if self._anchor is None:
                self._anchor = base
            cum, midnights, total = [0], [], 0
            for ordinal in range(base, end):
                day = date.fromordinal(ordinal)
                if self._working(day):
                    total += self._day
                    midnights.append(datetime(day.year, day.month, day.day, tzinfo=TZ))
                cum.append(total)
            shift = cum[self._anchor - base]
            cum = [c - shift for c in cum]
            self._ix = _Index(first_year, last_year, base, cum, shift // self._day, midnights)
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
