"""The event topics of home-service requests (the write kernel's schema, core/kernel.py; docs/events.md).

The payload carries codes, ids and moments, never the person's name, phone, CCCD or address."""

from motcua.core.kernel import iso, topic

from .flow import Action

FIELDS = (
    "code",
    "action",
    "status",
    "previous_status",
    "province_id",
    "commune_id",
    "officer_id",
    "place_id",
    "slot_start",
    "slot_end",
    "dossier_id",
    "at",
)
_WHEN = {
    Action.REQUEST: "A person (or a relative) asked for an officer to come.",
    Action.SCHEDULE: "A supervisor assigned an officer and a slot.",
    Action.RECEIVE: "The officer received a dossier on the spot (linked to the request).",
    Action.VISIT: "The officer came but received nothing (the reason is in the audit row).",
    Action.CANCEL: "The person or a supervisor cancelled the request.",
    Action.REFUSE: "A supervisor declared the visit not possible.",
}
for _action in Action:
    topic(f"homeservice.{_action.value}", aggregate="homeservice_request", fields=FIELDS, doc=_WHEN[_action])


def payload(request, *, action, previous_status: str, at) -> dict:
    return {
        "code": request.code,
        "action": str(action),
        "status": str(request.status),
        "previous_status": str(previous_status) or None,
        "province_id": request.province_id,
        "commune_id": request.commune_id,
        "officer_id": request.officer_id,
        "place_id": request.place_id,
        "slot_start": iso(request.slot_start),
        "slot_end": iso(request.slot_end),
        "dossier_id": request.dossier_id,
        "at": iso(at),
    }
