"""Writes of the calendar: overrides of the national calendar and office hours, one transaction each.

Every write goes through `full_clean` (formats, order of the hours) and checks the province against the
units in force; `selectors.calendar_for` notices the change at its next call (no signal needed).
"""

from __future__ import annotations

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput

from .models import CalendarOverride, OfficeHoursSetting, OverrideKind
from .selectors import check_province


@transaction.atomic
def set_override(
    *, day: date, kind: OverrideKind | str, reason: str, province_code: str = "", legal_basis: str = ""
) -> CalendarOverride:
    """Make `day` a day off or a working day, nationwide ("") or in one province (replaces the row)."""
    province = check_province(province_code)
    row = CalendarOverride.objects.select_for_update().filter(province_code=province.code, date=day).first()
    row = row or CalendarOverride(province_code=province.code, date=day)
    row.kind, row.reason, row.legal_basis = kind, reason.strip(), legal_basis.strip()
    _validate(row)
    row.save()
    return row


@transaction.atomic
def remove_override(*, day: date, province_code: str = "") -> bool:
    deleted, _details = CalendarOverride.objects.filter(province_code=province_code or "", date=day).delete()
    return bool(deleted)


@transaction.atomic
def set_office_hours(
    *,
    province_code: str = "",
    morning: tuple[time, time] = (time(8), time(12)),
    afternoon: tuple[time, time] = (time(13), time(17)),
    cutoff: time | None = time(15),
    legal_basis: str = "",
) -> OfficeHoursSetting:
    province = check_province(province_code)
    row = OfficeHoursSetting.objects.select_for_update().filter(province_code=province.code).first()
    row = row or OfficeHoursSetting(province_code=province.code)
    row.morning_start, row.morning_end = morning
    row.afternoon_start, row.afternoon_end = afternoon
    row.cutoff, row.legal_basis = cutoff, legal_basis.strip()
    _validate(row)
    row.save()
    return row


def _validate(row) -> None:
    try:
        row.full_clean(validate_unique=False)
    except ValidationError as error:
        raise InvalidInput(
            _("Dữ liệu lịch làm việc không hợp lệ."),
            code="calendar.invalid_input",
            details=error.message_dict,
        ) from None
