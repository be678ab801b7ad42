"""Shared pieces of the queue services: the clock, the sequence counter, status changes with their audit
row and outbox event (through the write kernel, core/kernel.py), and the row lock that does the same on
PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from motcua.core import kernel
from motcua.core.fast import rows

from .. import clock, events, rules
from ..errors import InvalidTicketChange
from ..models import Ticket, TicketEvent, TicketSequence, TicketStatus


def local_now(now: datetime | None = None) -> datetime:
    return timezone.localtime(now) if now else clock.now()


def locked(queryset: QuerySet, *, skip_locked: bool = False) -> QuerySet:
    """SELECT … FOR UPDATE (SKIP LOCKED where asked and supported). SQLite has no row locks: its
    IMMEDIATE transactions (settings.py) already let one writer in at a time."""
    if not connection.features.has_select_for_update:
        return queryset
    skip = skip_locked and connection.features.has_select_for_update_skip_locked
    of = ("self",) if connection.features.has_select_for_update_of else ()
    return queryset.select_for_update(skip_locked=skip, of=of)


def next_sequence(place_id: int, day: date, prefix: str) -> int:
    """The next number of a place, day and prefix: the dossier-code technique (dossiers/services/codes.py):
    the UPDATE holds the counter row's lock until the transaction commits; the first number of a day
    creates the row, and a racing creator's INSERT fails in a savepoint and increments instead."""
    rows = TicketSequence.objects.filter(place_id=place_id, day=day, prefix=prefix)
    for _attempt in range(2):
        if rows.update(last=F("last") + 1):
            return rows.values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                TicketSequence.objects.create(place_id=place_id, day=day, prefix=prefix, last=1)
            return 1
        except IntegrityError:
            continue
    raise RuntimeError(f"could not allocate a queue number for {place_id} {day} {prefix}")  # pragma: no cover


def ensure_row(model, **keys) -> None:
    """Create the row with these keys unless it exists (a racing creator's INSERT loses in a savepoint)."""
    if model.objects.filter(**keys).exists():
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys)
    except IntegrityError:
        pass


def status_label(status: str) -> str:
    return str(TicketStatus(status).label)


def change(
    ticket: Ticket,
    new: str,
    *,
    at: datetime,
    actor=None,
    counter=None,
    note: str = "",
    version: int | None = None,
    **fields,
):
    """Move a (locked) ticket to `new`, set the given fields, version + 1, append the audit row and the
    event. `version`: the one the actor saw, if any (stale: "stale_write")."""
    old = ticket.status
    kernel.check_version(ticket, version)
    if not rules.can_change(old, new):
        raise InvalidTicketChange(ticket.number, status_label(old))
    ticket.status = new
    for name, value in fields.items():
        setattr(ticket, name, value)
    kernel.bump(ticket, ["status", *fields])
    record(ticket, old, new, at=at, actor=actor, counter=counter, note=note)
    return ticket


def record(ticket: Ticket, old: str, new: str, *, at: datetime, actor=None, counter=None, note: str = ""):
    audit = rows.new(
        TicketEvent,
        ticket=ticket,
        from_status=old,
        to_status=new,
        at=at,
        actor=actor,
        counter=counter,
        note=note,
    )
    kernel.record(
        audit,
        f"ticket.{new}",
        aggregate_id=ticket.pk,
        version=ticket.version,
        occurred_at=at,
        payload=events.payload(ticket, previous_status=old, at=at, note=note),
    )
