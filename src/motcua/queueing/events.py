"""The event topics of queue numbers (the write kernel's schema, core/kernel.py; docs/events.md).

The payload carries the number and ids, never the person's name, CCCD or phone."""

from motcua.core.kernel import iso, topic

from .models import TicketStatus

FIELDS = (
    "number",
    "day",
    "place_id",
    "service_id",
    "channel",
    "priority",
    "status",
    "previous_status",
    "counter_id",
    "calls",
    "note",
    "at",
)
# the ticket columns `payload` reads (expiry loads only these)
PAYLOAD_COLUMNS = (
    "pk",
    "number",
    "day",
    "place_id",
    "service_id",
    "channel",
    "priority",
    "status",
    "counter_id",
    "calls",
    "version",
)

_WHEN = {
    TicketStatus.BOOKED: "A number was booked online for a day and slot.",
    TicketStatus.CHECKED_IN: "A number joined the line (a kiosk number, or a booked one checked in).",
    TicketStatus.CALLED: "A counter called the number (note `recall`: called again).",
    TicketStatus.SERVING: "The counter started serving the number.",
    TicketStatus.DONE: "The counter finished serving the number.",
    TicketStatus.NO_SHOW: "The called person did not come.",
    TicketStatus.CANCELLED: "The person gave the number up.",
    TicketStatus.EXPIRED: "An unused number expired (note `expiry`).",
}
for _status in TicketStatus:
    topic(f"ticket.{_status.value}", aggregate="ticket", fields=FIELDS, doc=_WHEN[_status])


def payload(ticket, *, previous_status: str, at, note: str = "") -> dict:
    return {
        "number": ticket.number,
        "day": iso(ticket.day),
        "place_id": ticket.place_id,
        "service_id": ticket.service_id,
        "channel": ticket.channel,
        "priority": bool(ticket.priority),
        "status": str(ticket.status),
        "previous_status": str(previous_status) or None,
        "counter_id": ticket.counter_id,
        "calls": ticket.calls,
        "note": note,
        "at": iso(at),
    }
