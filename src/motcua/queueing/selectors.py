"""Reads of the queue: places that give numbers, booking choices, the TV board, the counter panel,
waiting-time statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from motcua.org.models import Counter, ReceptionPlace
from motcua.org.roles import RoleCode
from motcua.org.selectors import places_for

from . import clock, rules
from . import policy as place_policy
from .errors import PlaceNotFound, TicketNotFound
from .models import QueueService, SlotLoad, Ticket, TicketStatus

NEXT_SHOWN = 6


def queue_places() -> QuerySet[ReceptionPlace]:
    """Active places with at least one active queue service."""
    with_services = QueueService.objects.filter(is_active=True).values("place_id")
    return ReceptionPlace.objects.active().filter(pk__in=with_services).order_by("province__code", "code")


def place_by_code(code: str) -> ReceptionPlace:
    place = queue_places().select_related("province").filter(code=code).first()
    if place is None:
        raise PlaceNotFound()
    return place


def services_at(place: ReceptionPlace) -> list[QueueService]:
    return list(QueueService.objects.filter(place=place, is_active=True).select_related("field"))


def ticket_by_token(token: str) -> Ticket:
    ticket = Ticket.objects.select_related("place", "service", "counter").filter(token=token).first()
    if ticket is None:
        raise TicketNotFound()
    return ticket


@dataclass(frozen=True)
class BookingChoices:
    days: list[date]
    slots: list[time]
    full: set[tuple[int, date, time]]  # (service id, day, slot) already at capacity
    policy: rules.Policy


def booking_choices(place: ReceptionPlace, now: datetime | None = None) -> BookingChoices:
    now = timezone.localtime(now) if now else clock.now()
    policy = place_policy.policy_for(place)
    sessions = place_policy.sessions(place)
    days = rules.bookable_days(now.date(), place_policy.working_day(place), policy)
    if days and days[0] == now.date() and rules.last_slot_over(now.date(), now, sessions, policy):
        days = days[1:]  # too late for today
    slots = rules.slots(sessions, policy)
    full = {
        (service_id, day, slot)
        for service_id, day, slot in SlotLoad.objects.filter(
            service__place=place, day__in=days, booked__gte=policy.slot_capacity
        ).values_list("service_id", "day", "slot")
    }
    return BookingChoices(days, slots, full, policy)


def counters_for(user) -> QuerySet[Counter]:
    """Counters of the places where the user is a reception officer today."""
    places = places_for(user, role=RoleCode.RECEPTION_OFFICER)
    return Counter.objects.filter(place__in=places, is_active=True, place__is_active=True).select_related(
        "place"
    )


def _ticket_row(t: Ticket) -> dict:
    return {
        "number": t.number,
        "service": t.service.name if t.service_id else "",
        "priority": bool(t.priority),
        "status": t.status,
    }


def board(place: ReceptionPlace, now: datetime | None = None) -> dict:
    """What the TV shows: each counter's current number, the next numbers per service."""
    today = (timezone.localtime(now) if now else clock.now()).date()
    counters = list(Counter.objects.filter(place=place, is_active=True).order_by("number"))
    current = {
        t.counter_id: t
        for t in Ticket.objects.filter(place=place, day=today, status__in=rules.AT_COUNTER).select_related(
            "service"
        )
    }
    waiting = Ticket.objects.filter(place=place, day=today, status=TicketStatus.CHECKED_IN).select_related(
        "service"
    )
    next_numbers = [_ticket_row(t) for t in waiting.order_by("queued_at", "pk")[:NEXT_SHOWN]]
    latest = max((t.announced_at for t in current.values() if t.announced_at), default=None)
    return {
        "place": {"code": place.code, "name": place.name},
        "day": today.isoformat(),
        "counters": [
            {
                "number": c.number,
                "name": c.name,
                "ticket": _ticket_row(current[c.pk]) if c.pk in current else None,
                "announced_at": current[c.pk].announced_at.isoformat()
                if c.pk in current and current[c.pk].announced_at
                else None,
            }
            for c in counters
        ],
        "next": next_numbers,
        "waiting": waiting.count(),
        "latest_call": latest.isoformat() if latest else None,
    }


def counter_panel(counter: Counter, service_ids: list[int], now: datetime | None = None) -> dict:
    today = (timezone.localtime(now) if now else clock.now()).date()
    current = (
        Ticket.objects.filter(counter=counter, day=today, status__in=rules.AT_COUNTER)
        .select_related("service")
        .first()
    )
    line = Ticket.objects.filter(
        place_id=counter.place_id, day=today, status=TicketStatus.CHECKED_IN, service_id__in=service_ids
    )
    counts = line.aggregate(total=Count("pk"), priority=Count("pk", filter=~Q(priority="")))
    served = Ticket.objects.filter(counter=counter, day=today, status=TicketStatus.DONE).count()
    return {
        "serving_now": current,
        "waiting": counts["total"],
        "waiting_priority": counts["priority"],
        "served": served,
    }


@dataclass(frozen=True)
class ServiceStats:
    name: str
    issued: int
    served: int
    no_show: int
    expired: int
    avg_wait_min: float | None
    p90_wait_min: float | None
    avg_service_min: float | None


def waiting_stats(place: ReceptionPlace, day: date) -> list[ServiceStats]:
    """Per service and in total: numbers issued, served, absent, expired; average and 90th-percentile
    wait (check-in to first call) and average service time (start to done), in minutes."""
    tickets = list(
        Ticket.objects.filter(place=place, day=day)
        .exclude(status=TicketStatus.CANCELLED)
        .select_related("service")
        .only(
            "status", "checked_in_at", "called_at", "served_at", "done_at", "service__name", "service__order"
        )
    )
    groups: dict[str, list[Ticket]] = {}
    for t in sorted(tickets, key=lambda t: (t.service.order, t.service.name)):
        groups.setdefault(t.service.name, []).append(t)
    rows = [_stats(name, group) for name, group in groups.items()]
    if len(rows) > 1:
        rows.append(_stats("", tickets))
    return rows


def _stats(name: str, tickets: list[Ticket]) -> ServiceStats:
    waits = [t.waited.total_seconds() / 60 for t in tickets if t.waited is not None]
    services = [t.service_time.total_seconds() / 60 for t in tickets if t.service_time is not None]
    by_status = {s: sum(1 for t in tickets if t.status == s) for s in TicketStatus.values}
    return ServiceStats(
        name=name,
        issued=len(tickets),
        served=by_status[TicketStatus.DONE],
        no_show=by_status[TicketStatus.NO_SHOW],
        expired=by_status[TicketStatus.EXPIRED],
        avg_wait_min=round(sum(waits) / len(waits), 1) if waits else None,
        p90_wait_min=round(rules.percentile(waits, 90), 1) if waits else None,
        avg_service_min=round(sum(services) / len(services), 1) if services else None,
    )
