"""What the postal services share: codes, who acts where, the audit row and the outbox event (through
the write kernel, core/kernel.py; topics in postal/events.py)."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from django.utils import timezone

from motcua.core import kernel
from motcua.core.fast import rows
from motcua.dossiers.choices import Status as DossierStatus
from motcua.org import selectors as org
from motcua.org.roles import RoleCode

from .. import events
from ..models import ShipmentEvent
from ..tracking import Outcome, Status

log = logging.getLogger("motcua.postal")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RESULT_STATES = (DossierStatus.RESULT_READY, DossierStatus.REFUSED)
ACTIVE_RESULT = [s.value for s in Status if s not in (Status.RETURNED, Status.CANCELLED)]


def now() -> datetime:
    return timezone.now()


def new_code(prefix: str) -> str:
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(8))


def is_officer(user, place) -> bool:
    return org.can_act(user, RoleCode.RECEPTION_OFFICER, place)


def is_agent(user, place) -> bool:
    return org.can_act(user, RoleCode.POSTAL_AGENT, place)


def event(
    shipment,
    *,
    at,
    occurred_at,
    source,
    actor,
    from_status,
    outcome,
    status=None,
    external_id="",
    note="",
    details=None,
):
    """The audit row of a report or change; an applied one (a status change) also emits its event."""
    audit = rows.new(
        ShipmentEvent,
        shipment=shipment,
        recorded_at=at,
        occurred_at=occurred_at,
        source=source,
        actor=actor,
        external_id=external_id,
        from_status=from_status,
        status=str(status or shipment.status),
        outcome=outcome,
        note=note,
        details=details or {},
    )
    if outcome != Outcome.APPLIED:
        rows.insert(audit)  # recorded, changes nothing: no event
        return audit
    kernel.record(
        audit,
        f"shipment.{audit.status}",
        aggregate_id=shipment.code,
        version=shipment.version,
        occurred_at=occurred_at,
        payload=events.shipment_payload(shipment, previous_status=from_status, source=source, at=occurred_at),
    )
    return audit


def batch_event(batch, name: str, *, at, side: str = "") -> None:
    """The event of a hand-over record (its signatures are its own audit: who and when, never rewritten)."""
    kernel.emit(
        name,
        aggregate_id=batch.code,
        version=batch.version,
        occurred_at=at,
        payload=events.batch_payload(batch, side=side, at=at),
    )


def check_version(row, version: int | None) -> None:
    kernel.check_version(row, version)
