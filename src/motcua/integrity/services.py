"""The scan (score a province's window, open or update cases) and the supervisor's review."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from motcua.core import kernel
from motcua.core.fast import rows
from motcua.dossiers.models import Submitter

from . import errors, events, scoring, selectors
from .models import CaseAction, CaseStatus, RiskCase, RiskCaseEvent

WINDOW_DAYS = 30
REOPEN_MARGIN = 20  # a dismissed case comes back only when its score rose this much since
MIN_REASON = 10


@dataclass(frozen=True)
class ScanResult:
    filings: int
    bookings: int
    flagged: int
    opened: int
    updated: int
    reopened: int


def _labels(risks: list[scoring.Risk]) -> dict[str, str]:
    ids = [r.value for r in risks if r.kind == scoring.SUBMITTER and r.value.isdigit()]
    rows = Submitter.objects.filter(id_number__in=ids).order_by("-pk").values_list("id_number", "full_name")
    return {number: name for number, name in reversed(list(rows))}


@transaction.atomic
def scan(province, *, last: date | None = None, days: int = WINDOW_DAYS, threshold: int = scoring.THRESHOLD,
         at=None) -> ScanResult:  # fmt: skip
    """Score the `days` ending on `last` (default: today) and bring the province's cases up to date."""
    at = at or timezone.now()
    last = last or timezone.localdate(at)
    first = last - timedelta(days=days - 1)
    filings = selectors.filings(province, first, last)
    bookings = selectors.bookings(province, first, last)
    hits = scoring.flagged(scoring.score(filings, bookings), threshold)
    existing = {
        (c.kind, c.value): c
        for c in _locked(RiskCase.objects.select_related("province")).filter(
            province=province, kind__in={r.kind for r in hits}, value__in={r.value for r in hits}
        )
    }
    labels = _labels(hits)
    opened = updated = reopened = 0
    for risk in hits:
        facts = {
            "score": risk.score,
            "evidence": [asdict(e) for e in risk.evidence],
            "filings": risk.filings,
            "bookings": risk.bookings,
            "window_from": first,
            "window_to": last,
            "scored_at": at,
            "label": labels.get(risk.value, ""),
        }
        case = existing.get(risk.key)
        if case is None:
            case = RiskCase.objects.create(
                province=province, kind=risk.kind, value=risk.value, flagged_at=at, **facts
            )
            _record(case, CaseAction.FLAGGED, previous_status="", at=at)
            opened += 1
            continue
        action, previous = None, case.status
        if case.status == CaseStatus.DISMISSED:
            if risk.score < (case.dismissed_score or 0) + REOPEN_MARGIN:
                continue  # a supervisor looked at this already; nothing new enough to ask again
            case.status, action = CaseStatus.OPEN, CaseAction.REOPENED
            reopened += 1
        elif risk.score != case.score:
            action = CaseAction.RESCORED
            updated += 1
        for name, value in facts.items():
            setattr(case, name, value)
        kernel.bump(case)
        if action:
            _record(case, action, previous_status=previous, at=at)
    return ScanResult(len(filings), len(bookings), len(hits), opened, updated, reopened)


DECISIONS = {
    "dismiss": (CaseStatus.DISMISSED, CaseAction.DISMISSED),
    "watch": (CaseStatus.WATCHING, CaseAction.WATCHING),
}


def case_for(user, pk: int) -> RiskCase:
    case = selectors.cases_for(user).filter(pk=pk).first()
    if case is None:
        if RiskCase.objects.filter(pk=pk).exists():
            raise errors.forbidden()
        raise errors.not_found()
    return case


@transaction.atomic
def review(pk: int, *, actor, version: int, decision: str, reason: str, at=None) -> RiskCase:
    """A supervisor's decision: dismiss (with the reason why it is not a broker) or confirm and watch."""
    if decision not in DECISIONS:
        raise errors.invalid_decision()
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise errors.reason_required()
    case_for(actor, pk)  # scope check before the lock
    case = kernel.lock(RiskCase.objects.select_related("province"), pk, missing=errors.not_found)
    kernel.check_version(case, version)
    at = at or timezone.now()
    status, action = DECISIONS[decision]
    previous = case.status
    case.status = status
    case.dismissed_score = case.score if status == CaseStatus.DISMISSED else None
    kernel.bump(case, ["status", "dismissed_score"])
    actor_name = getattr(actor, "full_name", "") or actor.get_username()
    _record(case, action, previous_status=previous, at=at, actor=actor, actor_name=actor_name, reason=reason)
    return case


def _locked(queryset):
    return (
        queryset.select_for_update(of=("self",)) if connection.features.has_select_for_update_of else queryset
    )


def _record(case, action, *, previous_status: str, at, **audit) -> None:
    """The case's own history row and its event, through the write kernel (ADR 0030)."""
    row = rows.new(RiskCaseEvent, case=case, at=at, action=action, score=case.score, **audit)
    kernel.record(
        row,
        events.TOPICS[action],
        aggregate_id=case.pk,
        version=case.version,
        occurred_at=at,
        payload=events.payload(case, previous_status=previous_status, at=at),
    )
