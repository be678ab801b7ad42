"""The working time left before a due moment, as an officer reads it: "còn 1 ngày 3 giờ", "quá hạn 2 giờ".

The amount is the legal clock's (WorkCalendar.remaining: working time only, nights, weekends and
holidays excluded); this module only words it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.calendar.clock import WorkCalendar

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Remaining:
    text: str
    late: bool
    urgent: bool  # less than one working day left


def short_working_time(value: timedelta, day_length: timedelta) -> str:
    """ "1 ngày 3 giờ", "2 giờ", "45 phút" (minutes only under one hour; a working day = `day_length`)."""
    days, rest = divmod(abs(value), day_length)
    hours, minutes = int(rest // HOUR), int((rest % HOUR).total_seconds() // 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d ngày", "%(n)d ngày", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d giờ", "%(n)d giờ", hours) % {"n": hours})
    if not days and not hours:
        parts.append(ngettext("%(n)d phút", "%(n)d phút", max(minutes, 1)) % {"n": max(minutes, 1)})
    return " ".join(parts)


def remaining(cal: WorkCalendar, now: datetime, due: datetime | None) -> Remaining | None:
    if due is None:
        return None
    left = cal.remaining(now, due)
    amount = short_working_time(left, cal.working_day_length)
    if left < timedelta(0) or (left == timedelta(0) and now >= due):
        return Remaining(_("quá hạn %(time)s") % {"time": amount}, late=True, urgent=True)
    return Remaining(_("còn %(time)s") % {"time": amount}, late=False, urgent=left < cal.working_day_length)
