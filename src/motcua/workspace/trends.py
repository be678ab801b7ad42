"""The last 30 days of what the supervisor sees: received, returned, and returned late, per day.

Two grouped queries over indexed moments (received_at; returned_at, indexed by this app's migration
0001), grouped by the local day; cached for five minutes per user and day, as the past days do not
change and today's figure is on the live table anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from motcua.calendar.clock import TZ

# Named zone for the database's date functions (SQLite and PostgreSQL know it; not the fixed "ICT").
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

DAYS = 30
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Trend:
    days: list[date]
    received: tuple[int, ...]
    returned: tuple[int, ...]
    returned_late: tuple[int, ...]


def _per_day(rows, moment: str, days: list[date], *, extra: Q | None = None) -> dict:
    start = datetime.combine(days[0], time(0), tzinfo=TZ)
    end = datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=TZ)
    query = rows.filter(**{f"{moment}__gte": start, f"{moment}__lt": end})
    aggregates = {"n": Count("pk")}
    if extra is not None:
        aggregates["late"] = Count("pk", filter=extra)
    counts = query.annotate(day=TruncDate(moment, tzinfo=LOCAL)).values("day").annotate(**aggregates)
    return {r["day"]: (r["n"], r.get("late", 0)) for r in counts}


def last_days(user_key: str, visible_rows, today: date) -> Trend:
    key = f"supervision:trend:{user_key}:{today.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    rows = visible_rows.order_by()
    received = _per_day(rows, "received_at", days)
    returned = _per_day(rows, "returned_at", days, extra=Q(due_at__isnull=False, finished_at__gt=F("due_at")))
    trend = Trend(
        days=days,
        received=tuple(received.get(d, (0, 0))[0] for d in days),
        returned=tuple(returned.get(d, (0, 0))[0] for d in days),
        returned_late=tuple(returned.get(d, (0, 0))[1] for d in days),
    )
    cache.set(key, trend, CACHE_SECONDS)
    return trend
