"""Queue services: booking limits, walk-ins, check-in, calling with priority fairness, expiry, the audit
trail and waiting times — a morning at Ba Đình's point."""

import io
from datetime import time

import pytest
from django.core.management import call_command

from motcua.calendar.models import CalendarOverride
from motcua.core.errors import DomainError
from motcua.queueing import selectors, services
from motcua.queueing.models import QueueSettings, Ticket, TicketEvent

from .factories import MONDAY, at, person

pytestmark = pytest.mark.django_db


def book(w, service=None, day=MONDAY, slot="09:00", when="2026-03-02 07:30", **who):
    return services.book_online(
        place=w.point_ba_dinh,
        service=service or w.civil_ba_dinh,
        day=day,
        slot=slot,
        now=at(when),
        **person(**who),
    )


def walk_in(w, service=None, priority="", when="2026-03-02 08:00"):
    return services.issue_walk_in(
        place=w.point_ba_dinh, service=service or w.civil_ba_dinh, priority=priority, now=at(when)
    )


def code_of(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


def test_a_booking_gets_a_prefixed_number_and_an_audit_row(world):
    ticket = book(world)
    assert ticket.number == "A-001" and ticket.status == "booked" and ticket.slot == time(9)
    assert ticket.channel == "online" and ticket.id_number == "001090012345"
    assert list(ticket.events.values_list("from_status", "to_status")) == [("", "booked")]
    second = book(world, service=world.land_ba_dinh, slot="10:00")
    assert second.number == "B-001"
    assert walk_in(world).number == "A-002"  # one sequence per place, day and prefix


def test_two_numbers_per_person_per_day_and_one_per_field(world):
    book(world)
    assert code_of(lambda: book(world, slot="10:00")) == "queue.person_field_limit"
    book(world, service=world.land_ba_dinh, slot="10:00")
    third = world.point_ba_dinh.queue_services.create(prefix="C", code="kd", name="Kinh doanh")
    assert code_of(lambda: book(world, service=third, slot="11:00")) == "queue.person_day_limit"
    book(world, id_number="001190012345", slot="11:00")  # someone else
    book(world, day=MONDAY.replace(day=3))  # the next day
    assert Ticket.objects.count() == 4


def test_a_cancelled_number_frees_its_place_in_the_limits_and_the_slot(world):
    QueueSettings.objects.create(place=world.point_ba_dinh, slot_capacity=1)
    first = book(world)
    assert code_of(lambda: book(world, id_number="001190012345")) == "queue.slot_full"
    services.cancel(token=first.token, now=at("2026-03-02 07:40"))
    book(world, id_number="001190012345")
    book(world, slot="10:00")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"id_number": "12345"}, "queue.invalid_id_number"),
        ({"id_number": "999090012345"}, "queue.invalid_id_number"),
        ({"phone": "12"}, "queue.invalid_phone"),
        ({"full_name": "  "}, "queue.invalid_name"),
        ({"day": "2026-03-07"}, "queue.closed_day"),
        ({"day": "2026-03-20"}, "queue.too_far"),
        ({"slot": "12:15"}, "queue.invalid_slot"),
        ({"slot": "banana"}, "queue.invalid_slot"),
    ],
)
def test_bad_booking_input_changes_nothing(world, kwargs, code):
    assert code_of(lambda: book(world, **kwargs)) == code
    assert Ticket.objects.count() == 0 and TicketEvent.objects.count() == 0


def test_a_holiday_of_the_legal_clock_is_closed(world):
    CalendarOverride.objects.create(date=MONDAY, province_code="01", kind="day_off", reason="Nghỉ bù")
    assert code_of(lambda: book(world)) == "queue.closed_day"


def test_a_service_of_another_place_is_refused(world):
    assert code_of(lambda: book(world, service=world.civil_hoan_kiem)) == "queue.invalid_service"


def test_check_in_puts_a_booking_in_line_from_its_slot(world):
    ticket = book(world)
    [checked] = services.check_in(
        place=world.point_ba_dinh, id_number="001090012345", now=at("2026-03-02 08:40")
    )
    assert checked.pk == ticket.pk and checked.status == "checked_in"
    assert checked.queued_at == at("2026-03-02 09:00") and checked.checked_in_at == at("2026-03-02 08:40")
    assert (
        code_of(
            lambda: services.check_in(
                place=world.point_ba_dinh, id_number="001090012345", now=at("2026-03-02 08:41")
            )
        )
        == "queue.no_booking"
    )


def test_check_in_after_16_00_is_refused_and_expiry_runs(world):
    book(world)
    late = at("2026-03-02 16:05")
    assert (
        code_of(lambda: services.check_in(place=world.point_ba_dinh, id_number="001090012345", now=late))
        == "queue.booking_expired"
    )
    assert services.expire_due(now=late) == 1
    ticket = Ticket.objects.get()
    assert ticket.status == "expired" and ticket.events.last().to_status == "expired"
    assert services.expire_due(now=late) == 0


def test_the_expire_command(world):
    book(world)
    call_command("queueing", "expire", stdout=io.StringIO())
    assert Ticket.objects.get().status == "expired"  # the real clock is long past 2 March 2026


def test_an_officer_calls_serves_and_finishes_and_times_are_recorded(world):
    ticket = walk_in(world, when="2026-03-02 08:00")
    called = services.call_next(counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:12"))
    assert called.pk == ticket.pk and called.status == "called" and called.counter == world.counter1
    assert (
        code_of(
            lambda: services.call_next(
                counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:13")
            )
        )
        == "queue.counter_busy"
    )
    services.recall(
        ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:14")
    )
    services.start_serving(
        ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:15")
    )
    done = services.finish(
        ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:25")
    )
    assert (
        done.calls == 2
        and done.waited.total_seconds() == 12 * 60
        and done.service_time.total_seconds() == 600
    )
    assert list(done.events.values_list("to_status", flat=True)) == [
        "checked_in",
        "called",
        "called",
        "serving",
        "done",
    ]
    [row] = selectors.waiting_stats(world.point_ba_dinh, MONDAY)
    assert (row.issued, row.served, row.avg_wait_min, row.p90_wait_min, row.avg_service_min) == (
        1,
        1,
        12.0,
        12.0,
        10.0,
    )


def test_a_counter_only_calls_its_own_fields(world):
    walk_in(world, service=world.civil_ba_dinh)
    assert (
        code_of(
            lambda: services.call_next(
                counter=world.counter2, officer=world.officer, now=at("2026-03-02 08:10")
            )
        )
        == "queue.no_one_waiting"
    )
    land = walk_in(world, service=world.land_ba_dinh, when="2026-03-02 08:05")
    assert (
        services.call_next(counter=world.counter2, officer=world.officer, now=at("2026-03-02 08:10")).pk
        == land.pk
    )


def test_an_officer_of_another_place_cannot_call(world):
    walk_in(world)
    assert (
        code_of(
            lambda: services.call_next(
                counter=world.counter1, officer=world.officer_hoan_kiem, now=at("2026-03-02 08:10")
            )
        )
        == "queue.forbidden"
    )
    assert Ticket.objects.get().status == "checked_in"


def test_absent_and_wrong_order_actions(world):
    ticket = walk_in(world)
    services.call_next(counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:10"))
    assert (
        code_of(
            lambda: services.finish(
                ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:11")
            )
        )
        == "queue.invalid_transition"
    )
    assert (
        code_of(
            lambda: services.start_serving(ticket_id=ticket.pk, counter=world.counter2, officer=world.officer)
        )
        == "queue.not_found"
    )
    services.mark_no_show(
        ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:15")
    )
    assert Ticket.objects.get().status == "no_show"


def call(w, when):
    ticket = services.call_next(counter=w.counter1, officer=w.officer, now=at(when))
    services.start_serving(ticket_id=ticket.pk, counter=w.counter1, officer=w.officer, now=at(when))
    services.finish(ticket_id=ticket.pk, counter=w.counter1, officer=w.officer, now=at(when))
    return ticket


def test_priority_first_but_a_long_waiting_regular_gets_in_after_three(world):
    regular = walk_in(world, when="2026-03-02 07:55")  # has waited 18 minutes at the fourth call
    elders = [walk_in(world, priority="elderly", when=f"2026-03-02 08:0{i + 1}") for i in range(5)]
    order = [call(world, f"2026-03-02 08:{10 + i}") for i in range(6)]
    assert [t.pk for t in order] == [*[e.pk for e in elders[:3]], regular.pk, *[e.pk for e in elders[3:]]]


def test_a_regular_who_has_not_waited_long_stays_behind_priority(world):
    elders = [walk_in(world, priority="pregnant", when=f"2026-03-02 08:0{i}") for i in range(5)]
    regular = walk_in(world, when="2026-03-02 08:09")
    order = [call(world, f"2026-03-02 08:1{i}") for i in range(5)]  # the regular waits < 15 min
    assert [t.pk for t in order] == [e.pk for e in elders] and Ticket.objects.get(
        pk=regular.pk
    ).status == "checked_in"


def test_calling_next_expires_bookings_due_even_without_the_task(world):
    book(world)
    walk_in(world)
    services.call_next(counter=world.counter1, officer=world.officer, now=at("2026-03-02 16:01"))
    assert Ticket.objects.get(channel="online").status == "expired"


def test_the_board_shows_the_counter_and_the_next_numbers(world):
    first, second = walk_in(world), walk_in(world, when="2026-03-02 08:01")
    services.call_next(counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:05"))
    board = selectors.board(world.point_ba_dinh, now=at("2026-03-02 08:06"))
    counters = {c["number"]: c["ticket"] for c in board["counters"]}
    assert (
        counters[world.counter1.number]["number"] == first.number and counters[world.counter2.number] is None
    )
    assert [t["number"] for t in board["next"]] == [second.number] and board["waiting"] == 1


def test_the_demo_creates_services_at_the_center_and_branches_once(world):
    out = io.StringIO()
    call_command("queueing", "demo", stdout=out)
    assert "Đã tạo 12 dịch vụ lấy số." in out.getvalue()  # center + 2 branches, 4 groups each
    assert world.center.queue_services.get(prefix="A").field == world.civil
    call_command("queueing", "demo", stdout=out)
    assert "Đã tạo 0 dịch vụ lấy số." in out.getvalue()


def test_every_change_of_a_number_is_audited_and_announced_and_a_stale_one_refused(world):
    from motcua.dossiers.models import OutboxMessage

    ticket = walk_in(world)
    called = services.call_next(counter=world.counter1, officer=world.officer, now=at("2026-03-02 08:12"))
    assert called.pk == ticket.pk and called.version == 2
    assert (
        code_of(
            lambda: services.start_serving(
                ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, version=1
            )
        )
        == "stale_write"
    )
    services.start_serving(ticket_id=ticket.pk, counter=world.counter1, officer=world.officer, version=2)
    booked = book(world, slot="09:00")
    assert services.expire_due(now=at("2026-03-03 08:00")) == 1  # the booking; the one served stays
    audit = list(ticket.events.values_list("to_status", flat=True))
    assert audit == ["checked_in", "called", "serving"]
    events = OutboxMessage.objects.filter(aggregate="ticket").order_by("id")
    mine = [(e.topic, e.version) for e in events if e.aggregate_id == str(ticket.pk)]
    assert mine == [
        ("ticket.checked_in", 1),
        ("ticket.called", 2),
        ("ticket.serving", 3),
    ]
    expired = events.get(aggregate_id=str(booked.pk), topic="ticket.expired")
    assert expired.payload["previous_status"] == "booked" and "001090012345" not in str(expired.payload)
    assert Ticket.objects.get(pk=booked.pk).version == 2
