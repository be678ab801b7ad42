"""`motcua index verify`: the maintained aggregates (ADR 0049) equal a naive recomputation, dossier by
dossier, in Python: the index's counts of every unit of every kind for the period, the open dossiers now
and the officers' daily figures of the period (the supervisor's page).

Slow on purpose (it reads every dossier one by one): it checks the aggregates, it is not a way to
compute the index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import fields
from datetime import date

from django.utils import timezone

from motcua.dossiers.choices import DossierChannel, PaymentMethod, PaymentStatus, Status
from motcua.dossiers.models import ApologyLetter, Dossier, Payment, Result
from motcua.feedback.models import Feedback, FeedbackKind, Rating
from motcua.workspace.selectors import QUEUED_STATES

from . import figures, selectors
from .models import OfficerDay, OpenFigures
from .scoring import Counts
from .selectors import BRANCH, FIELD, KINDS, LOW_SCORE, NOT_PROCESSED, ONLINE_LEVELS, POINTS, TZ, Period


def _naive(period: Period) -> dict[str, dict]:
    start, end = period.bounds
    apologies = set(ApologyLetter.objects.values_list("dossier_id", flat=True))
    complained = set(
        Feedback.objects.filter(kind=FeedbackKind.COMPLAINT).values_list("dossier_id", flat=True)
    )
    disliked = {
        r.dossier_id
        for r in Rating.objects.all()
        if any(v is not None and v <= LOW_SCORE for v in r.scores().values())
    }
    reused, digitised = set(), set()
    from motcua.documents.models import DossierDocument

    for dossier_id, was_reused, was_digitised in DossierDocument.objects.values_list(
        "dossier_id", "reused", "document__digitised"
    ):
        if was_reused:
            reused.add(dossier_id)
        if was_digitised:
            digitised.add(dossier_id)
    places = {p.pk: p for p in selectors.ReceptionPlace.objects.all()}

    def unit_of(d, kind):
        if kind == BRANCH:
            place = places.get(d.received_place_id)
            if place is None:
                return None
            return place.parent_id if place.kind in POINTS and place.parent_id else place.pk
        return getattr(d, f"{FIELD[kind]}_id")

    out = {kind: defaultdict(Counts) for kind in KINDS}
    procs = {kind: defaultdict(dict) for kind in KINDS}
    for d in Dossier.objects.select_related("procedure_version").iterator():
        received = d.received_at is not None and start <= d.received_at < end
        ended = d.finished_at is not None and start <= d.finished_at < end and d.status not in NOT_PROCESSED
        capable = d.procedure_version.online_level in ONLINE_LEVELS
        paper = d.channel != DossierChannel.ONLINE
        on_time = (
            (d.due_at is None or d.finished_at <= d.due_at)
            and d.supplement_count <= 1
            and d.pk not in apologies
            if ended
            else False
        )
        satisfied = on_time and d.pk not in complained and d.pk not in disliked
        for kind in KINDS:
            key = unit_of(d, kind)
            c = out[kind][key]
            c.received += received
            c.received_online += received and capable and not paper
            c.received_online_capable += received and capable
            c.received_reusing += received and d.pk in reused
            c.paper_received += received and paper
            c.paper_digitised += received and paper and d.pk in digitised
            c.ended += ended
            c.ended_on_time += on_time
            c.ended_satisfied += satisfied
            if received:
                procs[kind][key][d.procedure_id] = (
                    d.procedure_version.online_level,
                    d.procedure_version.needs_review,
                )
    dossiers = {d.pk: d for d in Dossier.objects.all()}
    with_result, electronic = set(), set()
    for r in Result.objects.all():
        with_result.add(r.dossier_id)
        if r.e_copy or r.e_copy_ref:
            electronic.add(r.dossier_id)
    for d in dossiers.values():
        if d.finished_at is not None and start <= d.finished_at < end and d.status not in NOT_PROCESSED:
            for kind in KINDS:
                c = out[kind][unit_of(d, kind)]
                c.results += d.pk in with_result
                c.results_electronic += d.pk in electronic
    paid = {kind: defaultdict(lambda: (defaultdict(bool), defaultdict(bool))) for kind in KINDS}
    for p in Payment.objects.filter(status=PaymentStatus.PAID):
        if p.paid_at and start <= p.paid_at < end:
            d = dossiers[p.dossier_id]
            for kind in KINDS:
                by_dossier, by_proc = paid[kind][unit_of(d, kind)]
                by_dossier[d.pk] |= p.method == PaymentMethod.ONLINE
                by_proc[d.procedure_id] |= p.method == PaymentMethod.ONLINE
    now = timezone.now()
    for f in Feedback.objects.filter(dossier__isnull=False):
        if start <= f.due_at < min(end, now):
            for kind in KINDS:
                c = out[kind][unit_of(dossiers[f.dossier_id], kind)]
                c.feedback_due += 1
                c.feedback_on_time += f.answered_at is not None and f.answered_at <= f.due_at
    for kind in KINDS:
        for key, ps in procs[kind].items():
            c = out[kind][key]
            c.procedures = len(ps)
            c.procedures_online = sum(1 for level, _ in ps.values() if level in ONLINE_LEVELS)
            c.procedures_complete = sum(1 for _, review in ps.values() if not review)
        for key, (by_dossier, by_proc) in paid[kind].items():
            c = out[kind][key]
            c.dossiers_paid, c.dossiers_paid_online = len(by_dossier), sum(by_dossier.values())
            c.procedures_paid, c.procedures_paid_online = len(by_proc), sum(by_proc.values())
    return out


def verify(period: Period) -> list[str]:
    """Every difference between the aggregates and the naive counts, as lines to print (none: equal)."""
    return [*verify_index(period), *verify_live(period)]


def verify_index(period: Period) -> list[str]:
    naive = _naive(period)
    problems = []
    for kind in KINDS:
        maintained = figures.counts_by(kind, period)
        empty = Counts()
        for key in set(maintained) | {k for k, c in naive[kind].items() if c != empty}:
            a, b = maintained.get(key, Counts()), naive[kind].get(key, Counts())
            for f in fields(Counts):
                if getattr(a, f.name) != getattr(b, f.name):
                    problems.append(
                        f"{kind} {key} {f.name}: tổng hợp {getattr(a, f.name)} ≠ trực tiếp {getattr(b, f.name)}"
                    )
    return problems


def verify_live(period: Period) -> list[str]:
    """The open dossiers per (province, place, agency, officer, state, apology letter), and the officers'
    received and returned per day of the period."""
    apologies = set(ApologyLetter.objects.values_list("dossier_id", flat=True))
    start, end = period.bounds
    open_now, days = Counter(), Counter()
    for d in Dossier.objects.only(*LIVE_FIELDS).iterator():
        where = (d.province_id or 0, d.received_place_id or 0, d.agency_id or 0, d.assignee_id or 0)
        if d.status in QUEUED_STATES:
            open_now[(*where, d.status, d.pk in apologies)] += 1
        if d.received_at is not None and start <= d.received_at < end:
            days[(d.received_at.astimezone(TZ).date(), *where, "received")] += 1
        if d.status == Status.RETURNED and d.returned_at is not None and start <= d.returned_at < end:
            days[(d.returned_at.astimezone(TZ).date(), *where, "returned")] += 1
    kept = Counter()
    for r in OpenFigures.objects.exclude(n=0).values_list(
        "province", "place", "agency", "assignee", "status", "apology", "n"
    ):
        kept[r[:-1]] += r[-1]
    for r in OfficerDay.objects.filter(day__gte=period.start, day__lte=period.end).values_list(
        "day", "province", "place", "agency", "assignee", "received", "returned"
    ):
        kept[(*r[:5], "received")] += r[5]
        kept[(*r[:5], "returned")] += r[6]
    naive = open_now + days
    return [
        f"{'theo ngày' if isinstance(key[0], date) else 'đang mở'} {key}: tổng hợp {kept[key]} ≠ trực tiếp {naive[key]}"
        for key in sorted(set(kept) | set(naive), key=str)
        if kept[key] != naive[key]
    ]


LIVE_FIELDS = (
    "province_id",
    "received_place_id",
    "agency_id",
    "assignee_id",
    "status",
    "received_at",
    "returned_at",
)
