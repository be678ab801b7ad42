"""The dossier engine's event topics (the write kernel's schema, core/kernel.py; docs/events.md).

One topic per lifecycle action, all with the payload of `services.records.event_payload`, and the two
counter outcomes that store no dossier."""

from motcua.core.kernel import topic

from .lifecycle import TRANSITIONS

DOSSIER_FIELDS = (
    "code",
    "action",
    "status",
    "previous_status",
    "portal_status",
    "portal_channel",
    "channel",
    "procedure_code",
    "agency_code",
    "province_code",
    "at",
    "received_at",
    "due_at",
    "appointment_at",
    "version",
)
SLIP_FIELDS = ("slip", "kind", "place", "procedure_code", "items", "at")

for _transition in TRANSITIONS.values():
    topic(
        f"dossier.{_transition.action}",
        aggregate="dossier",
        fields=DOSSIER_FIELDS,
        doc=f"Lifecycle action `{_transition.action}` ({_transition.label}); key: the dossier code.",
    )
topic(
    "counter.guidance_issued",
    aggregate="counter_slip",
    fields=SLIP_FIELDS,
    doc="A counter officer issued completion guidance (form 02); no dossier is stored.",
)
topic(
    "counter.refused",
    aggregate="counter_slip",
    fields=SLIP_FIELDS,
    doc="A counter officer refused to receive (form 03); no dossier is stored.",
)
