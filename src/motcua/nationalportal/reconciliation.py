"""The daily reconciliation: per-status counts of a day's status changes, ours against the portal's report.

Ours: the captured events of that day (by the change's own moment, Vietnam's time), skipped ones left
out, as the portal would count what it accepted. A difference lists the status, both counts.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from django.utils import timezone

from . import contract
from .client import Client
from .models import EventState, PortalEvent, Reconciliation


def our_counts(day: date) -> dict[str, int]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=contract.ZONE)
    counts: Counter = Counter()
    # created_at follows the change by seconds; a day on either side catches late captures.
    window = PortalEvent.objects.filter(
        created_at__gte=start - timedelta(days=1), created_at__lt=start + timedelta(days=2)
    ).exclude(state=EventState.SKIPPED)
    for status, payload in window.values_list("status_code", "payload").iterator(chunk_size=2000):
        moment = contract.fmt_time(payload.get("at")) if isinstance(payload, dict) else None
        if moment and moment[:8] == day.strftime("%Y%m%d"):
            counts[str(status)] += 1
    return dict(counts)


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
