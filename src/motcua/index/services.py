"""The index of a unit for a period, ranked units, and the weekly snapshots kept with their history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from . import figures, scoring, selectors
from .models import RankingSnapshot
from .selectors import Period, Unit


def index_of(unit: Unit, period: Period) -> scoring.IndexScore:
    return scoring.score(figures.counts(unit, period))


def report(unit: Unit, period: Period) -> dict:
    """What `motcua index --json` prints: the unit, the period, total, max, scaled and the groups."""
    result = index_of(unit, period)
    return {
        "unit": {"kind": unit.kind, "code": unit.code, "name": unit.name},
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        **result.as_dict(),
    }


@dataclass
class Ranked:
    pk: int
    code: str
    name: str
    score: scoring.IndexScore
    counts: scoring.Counts
    rank: int | None = None


def ranking(kind: str, period: Period, within: Unit | None = None) -> list[Ranked]:
    """Every unit of a kind with data in the period, best first (ties share a rank); units without data
    follow, unranked."""
    by_unit = figures.counts_by(kind, period, within=within)
    names = selectors.names(kind, by_unit)
    rows = [
        Ranked(pk, *names.get(pk, ("", "")), scoring.score(c), c)
        for pk, c in by_unit.items()
        if pk is not None
    ]
    rows.sort(key=lambda r: (r.score.scaled is None, -(r.score.scaled or 0), r.name))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.score.scaled is None:
            break
        if row.score.scaled != previous:
            rank, previous = position, row.score.scaled
        row.rank = rank
    return rows


@transaction.atomic
def take_snapshot(week_of: date | None = None) -> int:
    """The ranking of the week (Monday to Sunday) containing `week_of` (default: last week), for every kind
    of unit, with each unit's rank the week before. Taking a week again replaces it (idempotent)."""
    day = week_of or (timezone.localdate() - timedelta(days=7))
    period = Period.week_of(day)
    RankingSnapshot.objects.filter(week=period.start).delete()
    before = {
        (s.kind, s.unit_id): s.rank
        for s in RankingSnapshot.objects.filter(week=period.start - timedelta(days=7))
    }
    rows = []
    for kind in selectors.KINDS:
        for r in ranking(kind, period):
            rows.append(
                RankingSnapshot(
                    week=period.start,
                    kind=kind,
                    unit_id=r.pk,
                    code=r.code,
                    name=r.name,
                    total=r.score.total,
                    max=r.score.max,
                    scaled=r.score.scaled,
                    rank=r.rank,
                    previous_rank=before.get((kind, r.pk)),
                    detail=r.score.as_dict(),
                )
            )
    RankingSnapshot.objects.bulk_create(rows)
    return len(rows)
