"""Real concurrency: threads, each with its own connection, committing for real. Counters pressing
"call next" at the same moment never call the same number; the last seat of a slot goes to one person;
one person's simultaneous bookings respect the limits; walk-in numbers stay unique and consecutive.
On PostgreSQL the call uses FOR UPDATE SKIP LOCKED; on SQLite the IMMEDIATE transactions serialise."""

import threading

import pytest
from django.db import connections

from motcua.core.errors import DomainError
from motcua.org import services as org
from motcua.org.services import ensure_roles
from motcua.queueing import services
from motcua.queueing.models import QueueSettings, Ticket, TicketEvent

from .factories import QueueWorld, at, person

pytestmark = pytest.mark.django_db(transaction=True)
NOW = at("2026-03-02 08:30")


@pytest.fixture
def live_world(transactional_db):
    ensure_roles()
    return QueueWorld()


def together(*calls):
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_four_counters_calling_at_once_never_call_the_same_number(live_world):
    w = live_world
    counters = [w.counter1, *(org.add_counter(place=w.point_ba_dinh) for _ in range(3))]
    for i in range(16):
        services.issue_walk_in(
            place=w.point_ba_dinh, service=w.civil_ba_dinh, priority="elderly" if i % 3 == 0 else "", now=NOW
        )

    def work(counter):
        def loop():
            called = []
            while True:
                try:
                    ticket = services.call_next(counter=counter, officer=w.officer, now=NOW)
                except DomainError as exc:
                    assert exc.code == "queue.no_one_waiting", exc.code
                    return called
                called.append(ticket.number)
                services.start_serving(ticket_id=ticket.pk, counter=counter, officer=w.officer, now=NOW)
                services.finish(ticket_id=ticket.pk, counter=counter, officer=w.officer, now=NOW)

        return loop

    results = together(*(work(c) for c in counters))
    assert all(isinstance(r, list) for r in results), results
    numbers = [n for r in results for n in r]
    assert len(numbers) == 16 and len(set(numbers)) == 16
    assert Ticket.objects.filter(status="done").count() == 16
    assert TicketEvent.objects.filter(to_status="called").count() == 16


def test_the_last_seat_of_a_slot_goes_to_one_person(live_world):
    w = live_world
    QueueSettings.objects.create(place=w.point_ba_dinh, slot_capacity=1)

    def booking(id_number):
        return lambda: services.book_online(
            place=w.point_ba_dinh,
            service=w.civil_ba_dinh,
            day="2026-03-02",
            slot="09:00",
            now=NOW,
            **person(id_number=id_number),
        )

    results = together(booking("001090012345"), booking("001190012345"), booking("001090054321"))
    booked = [r for r in results if isinstance(r, Ticket)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(booked) == 1 and [r.code for r in refused] == ["queue.slot_full"] * 2, results
    assert Ticket.objects.count() == 1


def test_one_person_booking_two_fields_at_once_gets_one_when_the_limit_is_one(live_world):
    w = live_world
    QueueSettings.objects.create(place=w.point_ba_dinh, per_person_per_day=1)

    def booking(service):
        return lambda: services.book_online(
            place=w.point_ba_dinh, service=service, day="2026-03-02", slot="09:00", now=NOW, **person()
        )

    results = together(booking(w.civil_ba_dinh), booking(w.land_ba_dinh))
    refused = [r.code for r in results if isinstance(r, DomainError)]
    assert refused == ["queue.person_day_limit"], results
    assert Ticket.objects.count() == 1


def test_walk_ins_at_the_same_moment_get_consecutive_numbers(live_world):
    w = live_world

    def walk_in():
        return services.issue_walk_in(place=w.point_ba_dinh, service=w.civil_ba_dinh, now=NOW)

    results = together(*([walk_in] * 6))
    assert sorted(r.number for r in results) == [f"A-00{i}" for i in range(1, 7)], results
