"""The two writes that accompany every change: a tracking-sheet line (form 06) and an outbox event.

Kept apart so that they are written the same way by every service (and so tests can make them fail).
The event carries codes and moments only, never personal data: consumers read the dossier if they need it.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import transaction

from motcua.core import rows

from .. import lifecycle
from ..choices import PORTAL_CHANNEL
from ..models import Dossier, OutboxMessage, TrackingEntry

log = logging.getLogger("motcua.dossiers")


def _iso(moment):
    return moment.isoformat() if moment else None


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
    step = dossier.current_step
    entry = rows.new(
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
    rows.insert(entry)
    return entry


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


def emit(topic: str, payload: dict, *, dossier: Dossier | None = None) -> OutboxMessage:
    message = rows.new(
        OutboxMessage, topic=topic, dossier=dossier, key=dossier.code if dossier else "", payload=payload
    )
    rows.insert(message)
    transaction.on_commit(_kick, robust=True)
    return message


_run_asked_for = 0.0  # monotonic moment at which the last publish run asked for by this process starts


def kick_seconds() -> float:
    return float(getattr(settings, "MOTCUA_OUTBOX_KICK_SECONDS", 1.0))


def _kick() -> None:
    """After commit: ask the worker to deliver.

    Without a broker (development, tests) the run is eager, in-process, at once. With one, a process
    sends at most one task per MOTCUA_OUTBOX_KICK_SECONDS, with that countdown: a run that has been
    asked for and has not started yet reads every event committed before it starts, including this one,
    so a busy counter costs one broker message a second instead of one per reception."""
    global _run_asked_for
    from ..tasks import publish_outbox

    try:
        if publish_outbox.app.conf.task_always_eager:
            publish_outbox.delay()
            return
        delay = kick_seconds()
        now = time.monotonic()
        if now < _run_asked_for - delay / 4:  # a quarter of the countdown as a margin for clocks
            return
        publish_outbox.apply_async(countdown=delay)
        _run_asked_for = now + delay
    except Exception:  # the event stays in the outbox; the next run delivers it
        log.exception("could not schedule publish_outbox")
