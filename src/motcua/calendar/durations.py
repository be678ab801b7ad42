"""Legal time limits as written in procedures: "3 working days", "4 giờ làm việc", "trong ngày".

Pure Python (no Django): the Django layer, the command and the API all parse through `parse_duration`.
A `Duration` only says what the text says; how long a working day is belongs to the `WorkCalendar`
(N working days = N × the length of the office day, 8 hours by default).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class CalendarError(ValueError):
    """Bad input to the clock. `code` is the stable error code the API and the command report."""

    code = "calendar.invalid_input"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code


class InvalidDuration(CalendarError):
    code = "calendar.invalid_duration"


class Unit(enum.Enum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    SAME_DAY = "same_day"
    # Limits that are not working time, as written in many procedures: "15 ngày", "24 giờ", "3 tháng".
    # They end at the close of the last day (moved to the next working day), see WorkCalendar.due.
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    MONTHS = "months"


WORKING_UNITS = frozenset({Unit.WORKING_DAYS, Unit.WORKING_HOURS})


@dataclass(frozen=True, slots=True)
class Duration:
    unit: Unit
    # int when whole (the common case, and the fast one), Decimal for "0,5 ngày làm việc".
    amount: int | Decimal = 0

    @classmethod
    def working_days(cls, amount: int | Decimal) -> Duration:
        return cls(Unit.WORKING_DAYS, _check_amount(amount))

    @classmethod
    def working_hours(cls, amount: int | Decimal) -> Duration:
        return cls(Unit.WORKING_HOURS, _check_amount(amount))

    @classmethod
    def same_day(cls) -> Duration:
        return cls(Unit.SAME_DAY, 0)

    @classmethod
    def calendar_days(cls, amount: int) -> Duration:
        return cls(Unit.CALENDAR_DAYS, _check_whole(amount))

    @classmethod
    def hours(cls, amount: int) -> Duration:
        return cls(Unit.HOURS, _check_whole(amount))

    @classmethod
    def months(cls, amount: int) -> Duration:
        return cls(Unit.MONTHS, _check_whole(amount))

    @property
    def is_same_day(self) -> bool:
        return self.unit is Unit.SAME_DAY

    @property
    def is_working_time(self) -> bool:
        """Counted in office hours (pauses can stop it); the others run on the wall clock."""
        return self.unit in WORKING_UNITS

    def __str__(self) -> str:
        if self.unit is Unit.SAME_DAY:
            return "same day"
        word = _ENGLISH[self.unit]
        plural = "" if self.amount == 1 else "s"
        return f"{self.amount} {word}{plural}"

    def vietnamese(self) -> str:
        """The wording used on receipts (form 01)."""
        if self.unit is Unit.SAME_DAY:
            return "trong ngày"
        amount = str(self.amount).replace(".", ",")
        return f"{amount} {_VIETNAMESE[self.unit]}"


_ENGLISH = {
    Unit.WORKING_DAYS: "working day",
    Unit.WORKING_HOURS: "working hour",
    Unit.CALENDAR_DAYS: "calendar day",
    Unit.HOURS: "hour",
    Unit.MONTHS: "month",
}
_VIETNAMESE = {
    Unit.WORKING_DAYS: "ngày làm việc",
    Unit.WORKING_HOURS: "giờ làm việc",
    Unit.CALENDAR_DAYS: "ngày",
    Unit.HOURS: "giờ",
    Unit.MONTHS: "tháng",
}


def _check_amount(amount: int | Decimal) -> int | Decimal:
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise InvalidDuration(f"Số lượng thời hạn không hợp lệ: {amount!r}.")
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise InvalidDuration(f"Số lượng thời hạn không hợp lệ: {amount}.")
        if amount == amount.to_integral_value():
            amount = int(amount)
    if amount <= 0:
        raise InvalidDuration("Thời hạn phải lớn hơn 0.")
    return amount


def _check_whole(amount: int) -> int:
    amount = _check_amount(amount)
    if not isinstance(amount, int):
        raise InvalidDuration("Thời hạn tính theo ngày, giờ hoặc tháng phải là số nguyên.")
    return amount


def _fold(text: str) -> str:
    # Lower-case, no diacritics, đ -> d (NFD does not decompose đ), single spaces.
    text = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.split())


_SAME_DAY = {"same day", "same working day", "trong ngay", "trong ngay lam viec"}
_UNITS = {
    "working day": Unit.WORKING_DAYS,
    "working days": Unit.WORKING_DAYS,
    "ngay lam viec": Unit.WORKING_DAYS,
    "working hour": Unit.WORKING_HOURS,
    "working hours": Unit.WORKING_HOURS,
    "gio lam viec": Unit.WORKING_HOURS,
    "calendar day": Unit.CALENDAR_DAYS,
    "calendar days": Unit.CALENDAR_DAYS,
    "ngay": Unit.CALENDAR_DAYS,
    "hour": Unit.HOURS,
    "hours": Unit.HOURS,
    "gio": Unit.HOURS,
    "month": Unit.MONTHS,
    "months": Unit.MONTHS,
    "thang": Unit.MONTHS,
}
_AMOUNT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(.+)$")


def parse_duration(text: str) -> Duration:
    """Parse a limit; raises InvalidDuration (code "calendar.invalid_duration") with a Vietnamese message.

    Accepted: "N working days", "N working hours", "same day", "N ngày làm việc", "N giờ làm việc",
    "trong ngày" (any case, with or without diacritics; N may be a decimal such as "0,5"), and the
    wall-clock limits "N calendar days" / "N ngày", "N hours" / "N giờ", "N months" / "N tháng" (whole N).
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidDuration("Thiếu thời hạn giải quyết.")
    folded = _fold(text)
    if folded in _SAME_DAY:
        return Duration.same_day()
    match = _AMOUNT.match(folded)
    unit = _UNITS.get(match.group(2)) if match else None
    if unit is None:
        raise InvalidDuration(
            f"Thời hạn không hợp lệ: «{text.strip()}». Dùng «N ngày làm việc», «N giờ làm việc», "
            "«trong ngày», «N ngày», «N giờ» hoặc «N tháng» (hoặc «N working days», «N working hours», "
            "«same day», «N calendar days», «N hours», «N months»)."
        )
    try:
        amount = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex only lets digits through
        raise InvalidDuration(f"Thời hạn không hợp lệ: «{text.strip()}».") from exc
    if unit in WORKING_UNITS:
        return Duration(unit, _check_amount(amount))
    return Duration(unit, _check_whole(amount))
