"""Unused numbers expire: booked numbers not checked in by the place's expiry time (16:00 by default)
on their day, and anything still waiting or called from an earlier day. Run by the periodic task
`queueing.expire` / `motcua queueing expire`, and by `call_next` for its own place, so the line is right
even when the task did not run."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q

from motcua.org.models import ReceptionPlace

from .. import policy as place_policy
from .. import rules
from ..models import Ticket, TicketEvent, TicketStatus
from .base import local_now, locked

STALE = (TicketStatus.BOOKED, TicketStatus.CHECKED_IN, TicketStatus.CALLED)


def expire_due(*, now: datetime | None = None, place: ReceptionPlace | None = None, policy=None) -> int:
    """Expire what is due (at one place, whose `policy` may be given, or everywhere); returns how many
    numbers expired."""
    now = local_now(now)
    today = now.date()
    scope = Ticket.objects.all() if place is None else Ticket.objects.filter(place=place)
    due = Q(day__lt=today, status__in=STALE)
    booked_today = scope.filter(day=today, status=TicketStatus.BOOKED)
    places = (
        [place]
        if place is not None
        else ReceptionPlace.objects.filter(pk__in=booked_today.values("place_id").distinct())
    )
    expired_places = [
        p.pk
        for p in places
        if rules.is_expired(
            today, now, policy if place is not None and policy else place_policy.policy_for(p)
        )
    ]
    if expired_places:
        due |= Q(day=today, status=TicketStatus.BOOKED, place_id__in=expired_places)
    with transaction.atomic():
        rows = list(locked(scope.filter(due).order_by("pk"), skip_locked=True).only("pk", "status"))
        if not rows:
            return 0
        TicketEvent.objects.bulk_create(
            TicketEvent(
                ticket_id=t.pk, from_status=t.status, to_status=TicketStatus.EXPIRED, at=now, note="expiry"
            )
            for t in rows
        )
        Ticket.objects.filter(pk__in=[t.pk for t in rows]).update(status=TicketStatus.EXPIRED, closed_at=now)
    return len(rows)
