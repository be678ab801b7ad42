"""The two writes that accompany every change: a tracking-sheet line (form 06) and an outbox event
(written by the write kernel, core/kernel.py; the topics are declared in dossiers/events.py).

Kept apart so that they are written the same way by every service (and so tests can make them fail).
The event carries codes and moments only, never personal data: consumers read the dossier if they need it.
"""

from __future__ import annotations

import logging

from motcua.core import kernel
from motcua.core.fast import rows

from .. import events, lifecycle  # noqa: F401 - events: the topics this module emits
from ..choices import PORTAL_CHANNEL
from ..models import Dossier, TrackingEntry

log = logging.getLogger("motcua.dossiers")


_iso = kernel.iso


def append_tracking(
    dossier: Dossier,
    *,
    at,
    actor,
    action: str,
    from_status: str,
    from_agency=None,
    note: str = "",
    details: dict | None = None,
) -> TrackingEntry:
    entry = tracking_entry(
        dossier,
        at=at,
        actor=actor,
        action=action,
        from_status=from_status,
        from_agency=from_agency,
        note=note,
        details=details,
    )
    rows.insert(entry)
    return entry


def tracking_entry(
    dossier: Dossier,
    *,
    at,
    actor,
    action: str,
    from_status: str,
    from_agency=None,
    note: str = "",
    details: dict | None = None,
) -> TrackingEntry:
    """The tracking line of a change, not yet written (the engine's row builder, also the bulk writer's)."""
    step = dossier.current_step
    return rows.new(
        TrackingEntry,
        dossier=dossier,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "full_name", "") or getattr(actor, "username", "")) if actor else "",
        action=str(action),
        from_status=from_status or "",
        to_status=dossier.status,
        from_agency=from_agency,
        to_agency=dossier.agency,
        step_name=step.name if step else "",
        step_due_at=step.due_at if step else None,
        note=note,
        details=details or {},
        dossier_version=dossier.version,
    )


def event_payload(dossier: Dossier, *, action: str, from_status: str, at) -> dict:
    return {
        "code": dossier.code,
        "action": str(action),
        "status": dossier.status,
        "previous_status": from_status or None,
        "portal_status": lifecycle.portal_code(dossier.status),
        "portal_channel": PORTAL_CHANNEL[dossier.channel],
        "channel": dossier.channel,
        "procedure_code": dossier.procedure.code,
        "agency_code": dossier.agency.code,
        "province_code": dossier.province.code,
        "at": _iso(at),
        "received_at": _iso(dossier.received_at),
        "due_at": _iso(dossier.due_at),
        "appointment_at": _iso(dossier.appointment_at),
        "version": dossier.version,
    }


def emit(topic: str, payload: dict, *, dossier: Dossier | None = None, aggregate_id=None, at=None):
    """The event of a dossier change (aggregate "dossier", ordered by the dossier's code), or of a counter
    slip (`aggregate_id` the slip's key): through the write kernel."""
    if dossier is not None:
        return kernel.emit(topic, **_dossier_event(payload, dossier, at))
    return kernel.emit(topic, aggregate_id=aggregate_id, version=None, occurred_at=at, payload=payload)


def dossier_event(topic: str, payload: dict, *, dossier: Dossier, at):
    """The outbox row of a dossier change, not yet written (the engine's row builder, also the bulk
    writer's): what `emit` writes."""
    return kernel.event(topic, **_dossier_event(payload, dossier, at))


def _dossier_event(payload: dict, dossier: Dossier, at) -> dict:
    return {
        "aggregate_id": dossier.code,
        "version": dossier.version,
        "occurred_at": at,
        "payload": payload,
        "key": dossier.code,
        "dossier": dossier,
    }
