"""Reads of the calendar: the WorkCalendar of a province (cached), deadlines, special days.

`calendar_for` keeps one WorkCalendar per province in the process's reference cache
(motcua.core.fast.reference): a write to the overrides or office hours, in any process, bumps the
database stamp that the cache is checked against (one stamp read, none inside a pinned request). Callers
that compute many due moments call it once and reuse the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.fast import reference
from motcua.units.models import AdministrativeUnit

from . import errors
from .clock import TZ, Channel, OfficeHours, SpecialDay, WorkCalendar
from .durations import CalendarError, Duration, InvalidDuration, Unit, parse_duration
from .index import OutOfRange
from .models import CalendarOverride, OfficeHoursSetting, OverrideKind

# Public inputs are bounded so that one request cannot make the index grow over centuries.
YEARS = (2000, 2100)
MAX_LIMIT = Duration.working_days(1000)
_PROVINCE_CODE = re.compile(r"^[0-9]{2}$")
# An unencoded "+07:00" in a query string arrives as " 07:00".
_OFFSET_WITHOUT_PLUS = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


@dataclass(frozen=True)
class Province:
    code: str  # "" = nationwide calendar
    verified: bool  # found among the provinces in force (False when units are not loaded)
    name: str = ""


@dataclass(frozen=True)
class Deadline:
    received_at: datetime
    channel: Channel
    duration: Duration
    province: Province
    counting_start: datetime
    due: datetime
    working_time: timedelta  # from counting start to due
    acceptance_deadline: datetime | None  # online dossiers: accept or refuse by then
    special_days: tuple[SpecialDay, ...]  # holidays, swaps, overrides from receipt to due


def check_province(code: str | None) -> Province:
    """A province code in force; only its format when the administrative units are not loaded."""
    code = (code or "").strip()
    if not code:
        return Province("", verified=False)
    if not _PROVINCE_CODE.match(code):
        raise errors.invalid_province(code)
    provinces = AdministrativeUnit.objects.current().provinces()
    unit = provinces.filter(code=code).only("full_name").first()
    if unit is not None:
        return Province(code, verified=True, name=unit.full_name)
    if provinces.exists():
        raise errors.unknown_province(code)
    return Province(code, verified=False)


def calendar_for(province_code: str | None = None) -> WorkCalendar:
    """National holidays + nationwide overrides + the province's overrides and office hours."""
    code = province_code or ""
    return reference.snapshot().get(("calendar", code), lambda: _build(code))


def overrides_for(province_code: str | None = None):
    codes = {"", province_code or ""}
    return CalendarOverride.objects.filter(province_code__in=codes).order_by("date", "province_code")


def office_hours_for(province_code: str | None = None) -> OfficeHours:
    rows = {
        row.province_code: row
        for row in OfficeHoursSetting.objects.filter(province_code__in={"", province_code or ""})
    }
    row = rows.get(province_code or "") or rows.get("")
    if row is None:
        return OfficeHours()
    return OfficeHours(
        sessions=((row.morning_start, row.morning_end), (row.afternoon_start, row.afternoon_end)),
        cutoff=row.cutoff,
    )


def parse_moment(value: str | datetime | None) -> datetime:
    """ISO 8601 text (naive = Vietnam local time) or a datetime; None = now."""
    if value is None:
        return timezone.now().astimezone(TZ)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    text = _OFFSET_WITHOUT_PLUS.sub(r"\1+\2", str(value).strip())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise errors.invalid_datetime(str(value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=TZ)


def deadline(
    *,
    received_at: str | datetime | None,
    duration: str | Duration,
    channel: str | Channel = Channel.COUNTER,
    province_code: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """Counting start and due moment of a dossier; raises CalendarInputError with a stable code.

    `calendar` skips the database (the command uses it when the calendar tables are not migrated).
    """
    received = parse_moment(received_at)
    try:
        if not YEARS[0] <= received.astimezone(TZ).year <= YEARS[1]:
            raise OutOfRange(
                _("Chỉ tính trong các năm %(first)d–%(last)d.") % {"first": YEARS[0], "last": YEARS[1]}
            )
        limit = duration if isinstance(duration, Duration) else parse_duration(duration)
        if _too_long(limit):
            raise InvalidDuration(
                _("Thời hạn quá dài: tối đa %(days)d ngày làm việc.") % {"days": MAX_LIMIT.amount}
            )
        channel = Channel.parse(channel)
        province = check_province(province_code) if calendar is None else Province(province_code or "", False)
        calendar = calendar or calendar_for(province.code)
        start = calendar.counting_start(received, channel)
        due = calendar.due(start, limit)
        acceptance = calendar.acceptance_deadline(received) if channel is Channel.ONLINE else None
        special = calendar.special_days(received.astimezone(TZ).date(), due.date())
    except CalendarError as error:
        raise errors.from_clock(error) from None
    return Deadline(
        received_at=received.astimezone(TZ),
        channel=channel,
        duration=limit,
        province=province,
        counting_start=start,
        due=due,
        working_time=calendar.elapsed(start, due),
        acceptance_deadline=acceptance,
        special_days=tuple(special),
    )


def special_days(first: date, last: date, province_code: str | None = None) -> list[SpecialDay]:
    province = check_province(province_code)
    try:
        if not (YEARS[0] <= first.year and last.year <= YEARS[1]):
            raise OutOfRange(
                _("Chỉ tra cứu trong các năm %(first)d–%(last)d.") % {"first": YEARS[0], "last": YEARS[1]}
            )
        return calendar_for(province.code).special_days(first, last)
    except CalendarError as error:
        raise errors.from_clock(error) from None


def _too_long(limit: Duration) -> bool:
    if limit.is_same_day:
        return False
    hours = limit.amount * (8 if limit.unit is Unit.WORKING_DAYS else 1)
    return hours > MAX_LIMIT.amount * 8


def _build(code: str) -> WorkCalendar:
    by_day: dict[date, CalendarOverride] = {}
    for row in overrides_for(code):  # ordered "" before the province: the province's row wins
        by_day[row.date] = row
    days_off = {d: r.reason for d, r in by_day.items() if r.kind == OverrideKind.DAY_OFF}
    working = {d: r.reason for d, r in by_day.items() if r.kind == OverrideKind.WORKING_DAY}
    return WorkCalendar(office_hours=office_hours_for(code), days_off=days_off, working_days=working)
