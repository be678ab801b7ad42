"""A place's queue rules and its legal clock: the policy (settings row or defaults), which days are
working days (motcua.calendar: holidays and swapped days included) and the office sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from motcua.calendar.selectors import calendar_for, office_hours_for
from motcua.org.models import ReceptionPlace

from . import rules
from .models import QueueSettings


def policy_for(place: ReceptionPlace) -> rules.Policy:
    row = QueueSettings.objects.filter(place_id=place.pk).first()
    return row.policy() if row else rules.Policy()


def province_code(place: ReceptionPlace) -> str:
    return place.province.code


def working_day(place: ReceptionPlace) -> Callable[[date], bool]:
    return calendar_for(province_code(place)).is_working_day


def sessions(place: ReceptionPlace) -> tuple[tuple[time, time], ...]:
    return office_hours_for(province_code(place)).sessions
