"""Getting a number: booked online for a slot, issued at the kiosk, checked in on arrival, cancelled."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.core.identity import InvalidIdentity, check_personal_id, normalise_phone
from motcua.org.models import ReceptionPlace

from .. import policy as place_policy
from .. import rules
from ..errors import BookingNotAllowed, QueueInputError, TicketNotFound
from ..models import PersonDay, PriorityCategory, QueueService, SlotLoad, Ticket, TicketStatus
from .base import change, ensure_row, local_now, locked, next_sequence, record

NAME_MAX = 150


def _service(place: ReceptionPlace, service) -> QueueService:
    service_id = str(getattr(service, "pk", service) or "")
    found = None
    if service_id.isdigit():
        found = QueueService.objects.filter(pk=int(service_id), place=place, is_active=True).first()
    if found is None:
        raise QueueInputError("invalid_service", _("Hãy chọn một lĩnh vực có ở nơi này."), "service")
    return found


def _priority(value: str | None) -> str:
    value = value or ""
    if value not in PriorityCategory.values:
        raise QueueInputError("invalid_priority", _("Diện ưu tiên không hợp lệ."), "priority")
    return value


def _person(full_name: str, id_number: str, phone: str, today: date) -> tuple[str, str, str]:
    name = " ".join((full_name or "").split())
    if not name or len(name) > NAME_MAX:
        raise QueueInputError("invalid_name", _("Hãy nhập họ và tên (tối đa 150 ký tự)."), "full_name")
    try:
        number = check_personal_id(id_number, today=today).number
    except InvalidIdentity:
        message = _("Số CCCD gồm 12 chữ số, ví dụ 001090012345. Hãy kiểm tra lại.")
        raise QueueInputError("invalid_id_number", message, "id_number") from None
    try:
        phone = normalise_phone(phone)
    except InvalidIdentity:
        message = _("Số điện thoại chưa đúng, ví dụ 0912345678.")
        raise QueueInputError("invalid_phone", message, "phone") from None
    return name, number, phone


def _day_and_slot(day, slot) -> tuple[date, time]:
    try:
        day = day if isinstance(day, date) else date.fromisoformat(str(day))
    except ValueError:
        raise QueueInputError("invalid_day", _("Hãy chọn ngày."), "day") from None
    try:
        slot = slot if isinstance(slot, time) else time.fromisoformat(str(slot))
    except ValueError:
        raise QueueInputError("invalid_slot", _("Hãy chọn khung giờ."), "slot") from None
    return day, slot


def book_online(
    *,
    place: ReceptionPlace,
    service,
    day,
    slot,
    full_name: str,
    id_number: str,
    phone: str,
    priority: str = "",
    now: datetime | None = None,
) -> Ticket:
    """A number for `day` at `slot`, checked against the place's rules; one transaction. The person's
    lock row serialises their bookings of the day; the slot's load row is incremented only below
    capacity, so the last seat of a slot goes to exactly one of two people booking at once."""
    now = local_now(now)
    service = _service(place, service)
    day, slot = _day_and_slot(day, slot)
    name, id_number, phone = _person(full_name, id_number, phone, now.date())
    priority = _priority(priority)
    policy = place_policy.policy_for(place)
    with transaction.atomic():
        ensure_row(PersonDay, day=day, id_number=id_number)
        locked(PersonDay.objects.filter(day=day, id_number=id_number)).get()
        held = [
            rules.Held(held_day, f"f{field_id}" if field_id else f"s{service_id}")
            for held_day, field_id, service_id in Ticket.objects.filter(
                id_number=id_number, day=day, status__in=rules.HELD
            ).values_list("day", "service__field_id", "service_id")
        ]
        ensure_row(SlotLoad, service=service, day=day, slot=slot)
        load = SlotLoad.objects.filter(service=service, day=day, slot=slot)
        try:
            rules.check_booking(
                day=day,
                slot=slot,
                field_key=service.field_key,
                now=now,
                is_working_day=place_policy.working_day(place),
                sessions=place_policy.sessions(place),
                policy=policy,
                held=held,
                booked_in_slot=load.values_list("booked", flat=True).get(),
            )
        except rules.BookingRefused as refused:
            raise BookingNotAllowed(refused.reason, refused.field, policy) from None
        if not load.filter(booked__lt=policy.slot_capacity).update(booked=F("booked") + 1):
            raise BookingNotAllowed("slot_full", "slot", policy)
        ticket = _issue(place, service, day, now, status=TicketStatus.BOOKED, channel=rules.Channel.ONLINE)
        ticket.slot, ticket.full_name, ticket.id_number, ticket.phone = slot, name, id_number, phone
        ticket.priority = priority
        ticket.save()
        record(ticket, "", TicketStatus.BOOKED, at=now)
    return ticket


def issue_walk_in(
    *, place: ReceptionPlace, service, priority: str = "", now: datetime | None = None
) -> Ticket:
    """A number from the kiosk: in the line at once (checked in when issued)."""
    now = local_now(now)
    service = _service(place, service)
    priority = _priority(priority)
    if not place_policy.working_day(place)(now.date()):
        raise QueueInputError("closed_day", _("Hôm nay nơi này không làm việc."), "service")
    with transaction.atomic():
        ticket = _issue(
            place, service, now.date(), now, status=TicketStatus.CHECKED_IN, channel=rules.Channel.KIOSK
        )
        ticket.priority = priority
        ticket.checked_in_at = ticket.queued_at = now
        ticket.save()
        record(ticket, "", TicketStatus.CHECKED_IN, at=now)
    return ticket


def _issue(place, service, day, now, *, status, channel) -> Ticket:
    sequence = next_sequence(place.pk, day, service.prefix)
    return Ticket(
        place=place,
        service=service,
        day=day,
        sequence=sequence,
        number=rules.format_number(service.prefix, sequence),
        channel=channel,
        status=status,
        issued_at=now,
    )


def check_in(*, place: ReceptionPlace, id_number: str, now: datetime | None = None) -> list[Ticket]:
    """The person has arrived: today's booked numbers of this CCCD at this place join the line."""
    now = local_now(now)
    number = (id_number or "").strip()
    if not number.isdigit() or len(number) != 12:
        message = _("Số CCCD gồm 12 chữ số, ví dụ 001090012345. Hãy kiểm tra lại.")
        raise QueueInputError("invalid_id_number", message, "id_number")
    policy = place_policy.policy_for(place)
    with transaction.atomic():
        booked = list(
            locked(
                Ticket.objects.filter(
                    place=place, day=now.date(), id_number=number, status=TicketStatus.BOOKED
                )
            )
        )
        if not booked:
            message = _("Không có số đặt trước hôm nay cho số CCCD này tại nơi này.")
            raise QueueInputError("no_booking", message, "id_number")
        if rules.is_expired(now.date(), now, policy):
            message = _("Số đặt trước đã hết hạn lúc %(time)s. Hãy lấy số mới tại quầy.")
            raise QueueInputError(
                "booking_expired", message % {"time": f"{policy.expiry:%H:%M}"}, "id_number"
            )
        for ticket in booked:
            slot_start = datetime.combine(ticket.day, ticket.slot, tzinfo=now.tzinfo)
            queued = rules.queued_at(checked_in=now, slot_start=slot_start)
            change(ticket, TicketStatus.CHECKED_IN, at=now, checked_in_at=now, queued_at=queued)
    return booked


def cancel(*, token: str, now: datetime | None = None) -> Ticket:
    """The person gives up a number they hold (from the link on their confirmation); frees the slot."""
    now = local_now(now)
    with transaction.atomic():
        ticket = locked(Ticket.objects.filter(token=token)).first()
        if ticket is None:
            raise TicketNotFound()
        was_booked = ticket.status == TicketStatus.BOOKED
        change(ticket, TicketStatus.CANCELLED, at=now, closed_at=now)
        if was_booked and ticket.slot is not None:
            SlotLoad.objects.filter(
                service_id=ticket.service_id, day=ticket.day, slot=ticket.slot, booked__gt=0
            ).update(booked=F("booked") - 1)
    return ticket
