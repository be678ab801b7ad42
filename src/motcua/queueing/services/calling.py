"""At the counter: call the next number, call it again, start serving, done, absent.

`call_next` is one transaction: it expires what is due at the place, then locks the heads of the
priority and regular lines of the counter's services (FOR UPDATE SKIP LOCKED on PostgreSQL, so two
counters pressing at the same moment lock different rows; SQLite's IMMEDIATE transaction lets one in at
a time) and lets `rules.choose_next` pick one. Two counters never call the same number.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from motcua.core import kernel
from motcua.org.models import Counter
from motcua.org.roles import RoleCode
from motcua.org.selectors import can_act

from .. import policy as place_policy
from .. import rules
from ..errors import CounterBusy, CounterForbidden, NoOneWaiting, TicketNotFound
from ..models import QueueService, Ticket, TicketStatus
from .base import change, local_now, locked, record
from .expiry import expire_due


def check_counter(officer, counter: Counter) -> None:
    if not counter.is_active or not can_act(officer, RoleCode.RECEPTION_OFFICER, counter):
        raise CounterForbidden()


def services_of(counter: Counter) -> list[int]:
    offered = QueueService.objects.filter(place_id=counter.place_id, is_active=True).select_related("field")
    return [s.pk for s in offered if s.served_by(counter)]


def call_next(*, counter: Counter, officer, now: datetime | None = None) -> Ticket:
    now = local_now(now)
    check_counter(officer, counter)
    place = counter.place
    policy = place_policy.policy_for(place)
    with transaction.atomic():
        expire_due(now=now, place=place, policy=policy)
        current = Ticket.objects.filter(counter=counter, day=now.date(), status__in=rules.AT_COUNTER).first()
        if current is not None:
            raise CounterBusy(current.number)
        line = Ticket.objects.filter(
            place=place, day=now.date(), status=TicketStatus.CHECKED_IN, service_id__in=services_of(counter)
        ).order_by("queued_at", "pk")
        heads = {
            is_priority: locked(
                line.exclude(priority="") if is_priority else line.filter(priority=""), skip_locked=True
            )
            .only("pk", "priority", "queued_at")
            .first()
            for is_priority in (True, False)
        }
        recent = Ticket.objects.filter(counter=counter, day=now.date(), called_at__isnull=False).order_by(
            "-called_at", "-pk"
        )
        recent_calls = [bool(p) for p in recent.values_list("priority", flat=True)[: policy.priority_streak]]
        waiting = {
            key: rules.Waiting(t.pk, key, t.queued_at) if t is not None else None for key, t in heads.items()
        }
        chosen = rules.choose_next(waiting[True], waiting[False], recent_calls, now, policy)
        if chosen is None:
            raise NoOneWaiting()
        ticket = Ticket.objects.get(pk=chosen.id)
        return change(
            ticket,
            TicketStatus.CALLED,
            at=now,
            actor=officer,
            counter=counter,
            counter_id=counter.pk,
            officer=officer,
            called_at=now,
            announced_at=now,
            calls=1,
        )


def _at_counter(ticket_id: int, counter: Counter, officer, version: int | None = None):
    check_counter(officer, counter)
    ticket = locked(Ticket.objects.filter(pk=ticket_id, counter=counter)).first()
    if ticket is None:
        raise TicketNotFound()
    kernel.check_version(ticket, version)
    return ticket


def recall(
    *, ticket_id: int, counter: Counter, officer, now: datetime | None = None, version: int | None = None
) -> Ticket:
    """Call the same number again (the TV shows it again); the first call's time stays the wait's end."""
    now = local_now(now)
    with transaction.atomic():
        ticket = _at_counter(ticket_id, counter, officer, version)
        return change(
            ticket,
            TicketStatus.CALLED,
            at=now,
            actor=officer,
            counter=counter,
            note="recall",
            announced_at=now,
            calls=ticket.calls + 1,
        )


def start_serving(
    *, ticket_id: int, counter: Counter, officer, now: datetime | None = None, version: int | None = None
) -> Ticket:
    now = local_now(now)
    with transaction.atomic():
        ticket = _at_counter(ticket_id, counter, officer, version)
        return change(ticket, TicketStatus.SERVING, at=now, actor=officer, counter=counter, served_at=now)


def finish(
    *, ticket_id: int, counter: Counter, officer, now: datetime | None = None, version: int | None = None
) -> Ticket:
    now = local_now(now)
    with transaction.atomic():
        ticket = _at_counter(ticket_id, counter, officer, version)
        return change(
            ticket, TicketStatus.DONE, at=now, actor=officer, counter=counter, done_at=now, closed_at=now
        )


def mark_no_show(
    *, ticket_id: int, counter: Counter, officer, now: datetime | None = None, version: int | None = None
) -> Ticket:
    now = local_now(now)
    with transaction.atomic():
        ticket = _at_counter(ticket_id, counter, officer, version)
        return change(ticket, TicketStatus.NO_SHOW, at=now, actor=officer, counter=counter, closed_at=now)


__all__ = ["call_next", "finish", "mark_no_show", "recall", "record", "start_serving"]
