"""Unused numbers expire: booked numbers not checked in by the place's expiry time (16:00 by default)
on their day, and anything still waiting or called from an earlier day. Run by the periodic task
`queueing.expire` / `motcua queueing expire`, and by `call_next` for its own place, so the line is right
even when the task did not run."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F, Q

from motcua.core import kernel
from motcua.core.fast import rows
from motcua.org.models import ReceptionPlace

from .. import events, rules
from .. import policy as place_policy
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
        due_rows = list(
            locked(scope.filter(due).order_by("pk"), skip_locked=True).only(*events.PAYLOAD_COLUMNS)
        )
        if not due_rows:
            return 0
        Ticket.objects.filter(pk__in=[t.pk for t in due_rows]).update(
            status=TicketStatus.EXPIRED, closed_at=now, version=F("version") + 1
        )
        with rows.deferred():  # one audit row and one event per number, written together
            for ticket in due_rows:
                before = ticket.status
                ticket.status, ticket.closed_at, ticket.version = (
                    TicketStatus.EXPIRED,
                    now,
                    ticket.version + 1,
                )
                audit = TicketEvent(
                    ticket_id=ticket.pk,
                    from_status=before,
                    to_status=TicketStatus.EXPIRED,
                    at=now,
                    note="expiry",
                )
                kernel.record(
                    audit,
                    "ticket.expired",
                    aggregate_id=ticket.pk,
                    version=ticket.version,
                    occurred_at=now,
                    payload=events.payload(ticket, previous_status=before, at=now, note="expiry"),
                )
    return len(due_rows)
