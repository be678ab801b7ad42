"""Reads of the feedback app: who may answer what, the officers' open list, the citizen's own items,
and the SIPAS summary of ratings."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from motcua.org import selectors as org
from motcua.org.roles import DOSSIER_READERS

from . import sipas
from .models import Feedback, FeedbackStatus, Rating


def _answerable(user) -> Q | None:
    """Feedback about a dossier: its agency's officers; about a place: that place's officers."""
    if not org.scopes_for(user, roles=DOSSIER_READERS):
        return None
    return Q(agency__in=org.agencies_for(user, roles=DOSSIER_READERS).values("pk")) | Q(
        agency__isnull=True, place__in=org.places_for(user, roles=DOSSIER_READERS).values("pk")
    )


def is_officer(user) -> bool:
    """An officer whose work reads citizens' dossiers (a catalog administrator or a postal agent reads
    no citizen's feedback: ADR 0051)."""
    return bool(org.scopes_for(user, roles=DOSSIER_READERS))


def for_officer(user, *, open_only: bool = True) -> QuerySet[Feedback]:
    """What this officer must answer, soonest deadline first."""
    condition = _answerable(user)
    if condition is None:
        return Feedback.objects.none()
    found = Feedback.objects.filter(condition).select_related("dossier", "place", "agency")
    if open_only:
        found = found.filter(status=FeedbackStatus.OPEN)
    return found.order_by("due_at", "id")


def may_answer(user, feedback: Feedback) -> bool:
    condition = _answerable(user)
    return condition is not None and Feedback.objects.filter(condition, pk=feedback.pk).exists()


def for_citizen(user) -> QuerySet[Feedback]:
    return Feedback.objects.filter(author=user).select_related("dossier", "place").order_by("-sent_at", "-id")


def summary(ratings: QuerySet[Rating] | None = None):
    """Per-factor SIPAS summaries and the index for these ratings (all of them by default)."""
    rows = (ratings if ratings is not None else Rating.objects.all()).values_list(
        "access", "procedure", "officer", "result", "handling", "improve"
    )
    pairs = ((dict(zip(sipas.CODES, row[:5], strict=True)), row[5] or []) for row in rows.iterator())
    return sipas.summarise(pairs)
