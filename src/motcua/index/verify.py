"""`motcua index verify`: the grouped counts equal a naive recomputation, dossier by dossier, in Python.

Slow on purpose (it reads every dossier of the period one by one): it checks the aggregate queries, it is
not a way to compute the index.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields

from django.utils import timezone

from motcua.dossiers.choices import DossierChannel, PaymentMethod, PaymentStatus
from motcua.dossiers.models import ApologyLetter, Dossier, Payment, Result
from motcua.feedback.models import Feedback, FeedbackKind, Rating

from . import selectors
from .scoring import Counts
from .selectors import BRANCH, FIELD, KINDS, LOW_SCORE, NOT_PROCESSED, ONLINE_LEVELS, POINTS, Period


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
    """Every difference between the grouped counts and the naive ones, as lines to print (none: equal)."""
    naive = _naive(period)
    problems = []
    for kind in KINDS:
        grouped = selectors.counts_by(kind, period)
        empty = Counts()
        for key in set(grouped) | {k for k, c in naive[kind].items() if c != empty}:
            a, b = grouped.get(key, Counts()), naive[kind].get(key, Counts())
            for f in fields(Counts):
                if getattr(a, f.name) != getattr(b, f.name):
                    problems.append(
                        f"{kind} {key} {f.name}: nhóm {getattr(a, f.name)} ≠ trực tiếp {getattr(b, f.name)}"
                    )
    return problems
