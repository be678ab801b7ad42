"""What a run wrote, read back from the database: counts per channel and status, on-time share."""

from __future__ import annotations

from collections import Counter

from django.db.models import F, Q

from motcua.dossiers.models import Dossier, IdempotencyRecord


def run_dossiers(run):
    """The dossiers a run wrote (through its idempotency keys: a subquery, never a list of a million ids)."""
    keys = IdempotencyRecord.objects.filter(key__startswith=run.idempotency_key(0)[:-1])
    return Dossier.objects.filter(pk__in=keys.values("dossier_id"))


def summarise(run) -> dict:
    rows = run_dossiers(run)
    channels = Counter(dict(_count(rows, "channel")))
    statuses = Counter(dict(_count(rows, "status")))
    ended = rows.filter(finished_at__isnull=False).exclude(status__in=["not_accepted", "withdrawn"])
    timed = ended.filter(due_at__isnull=False)
    on_time = timed.filter(Q(finished_at__lte=F("due_at")), supplement_count__lte=1).count()
    total_timed = timed.count()
    return {
        "dossiers": sum(channels.values()),
        "channels": dict(sorted(channels.items())),
        "statuses": dict(sorted(statuses.items())),
        "ended": ended.count(),
        "ended_with_due": total_timed,
        "on_time": on_time,
        "on_time_share": round(on_time / total_timed, 4) if total_timed else None,
    }


def _count(rows, name):
    from django.db.models import Count

    return rows.values_list(name).annotate(n=Count("id")).values_list(name, "n")
