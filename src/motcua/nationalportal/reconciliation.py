"""The daily reconciliation: per-status counts of a day's status changes, ours against the portal's report.

Ours: the captured events of that day (by the change's own moment, Vietnam's time), skipped ones left
out, as the portal would count what it accepted. A difference lists the status, both counts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from . import contract
from .client import Client
from .models import EventState, PortalEvent, Reconciliation


def our_counts(day: date) -> dict[str, int]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=contract.ZONE)
    rows = (
        PortalEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=start + timedelta(days=1))
        .exclude(state=EventState.SKIPPED)
        .values_list("status_code")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {str(status): n for status, n in rows}


def reconcile(day: str | date | None = None, client: Client | None = None) -> dict:
    if day is None:
        day = timezone.localdate() - timedelta(days=1)
    elif isinstance(day, str):
        day = date.fromisoformat(day)
    ours = our_counts(day)
    theirs_raw = (client or Client()).report(day.strftime("%Y%m%d")).get("counts") or {}
    theirs = {str(k): int(v) for k, v in theirs_raw.items()}
    differences = {
        status: {"ours": ours.get(status, 0), "theirs": theirs.get(status, 0)}
        for status in sorted(set(ours) | set(theirs), key=int)
        if ours.get(status, 0) != theirs.get(status, 0)
    }
    Reconciliation.objects.update_or_create(
        day=day, defaults={"ours": ours, "theirs": theirs, "differences": differences}
    )
    return {"day": day.isoformat(), "ours": ours, "theirs": theirs, "differences": differences}
