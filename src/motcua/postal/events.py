"""The event topics of postal items and hand-over records (the write kernel's schema, core/kernel.py;
docs/events.md). The payload carries codes, ids and moments, never names, phones or addresses."""

from motcua.core.kernel import iso, topic

from .tracking import Status

SHIPMENT_FIELDS = (
    "code",
    "kind",
    "status",
    "previous_status",
    "source",
    "place_id",
    "dossier_id",
    "batch_id",
    "tracking_number",
    "at",
)
BATCH_FIELDS = ("code", "direction", "place_id", "side", "signed", "at")

_WHEN = {
    Status.READY: "A result was put on a hand-over record to go by post.",
    Status.REQUESTED: "A pickup was requested (an operator order or an officer's entry).",
    Status.COLLECTED: "The post collected the dossier at the applicant's address.",
    Status.HANDED_OVER: "The hand-over record was signed by both sides: the item changed hands.",
    Status.IN_TRANSIT: "The item is on its way.",
    Status.DELIVERED: "The post delivered the result (the dossier's return is recorded with it).",
    Status.FAILED: "A delivery or pickup attempt failed (the reason is in the audit row).",
    Status.RETURNED: "The item came back undelivered.",
    Status.RECEIVED: "The reception place received the collected dossier (linked to it).",
    Status.CANCELLED: "The item was cancelled.",
}
for _status in Status:
    topic(f"shipment.{_status.value}", aggregate="shipment", fields=SHIPMENT_FIELDS, doc=_WHEN[_status])
topic(
    "handover.prepared",
    aggregate="handover_batch",
    fields=BATCH_FIELDS,
    doc="A hand-over record (centre → post or post → centre) was drawn up.",
)
topic(
    "handover.signed",
    aggregate="handover_batch",
    fields=BATCH_FIELDS,
    doc="The officer or the postal agent (`side`) confirmed the record; `signed`: both have.",
)


def shipment_payload(shipment, *, previous_status: str, source: str, at) -> dict:
    return {
        "code": shipment.code,
        "kind": str(shipment.kind),
        "status": str(shipment.status),
        "previous_status": str(previous_status) or None,
        "source": str(source),
        "place_id": shipment.place_id,
        "dossier_id": shipment.dossier_id,
        "batch_id": shipment.batch_id,
        "tracking_number": shipment.tracking_number,
        "at": iso(at),
    }


def batch_payload(batch, *, side: str, at) -> dict:
    return {
        "code": batch.code,
        "direction": str(batch.direction),
        "place_id": batch.place_id,
        "side": side or None,
        "signed": batch.signed,
        "at": iso(at),
    }
