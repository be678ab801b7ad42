"""What a run wrote, read back from the database: counts per channel and status, on-time share."""

from __future__ import annotations

from collections import Counter

from django.db.models import F, Q

from motcua.dossiers.models import Dossier


def summarise(dossier_ids) -> dict:
    rows = Dossier.objects.filter(pk__in=list(dossier_ids))
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
