"""What the postal services share: codes, who acts where, the audit row."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from django.utils import timezone

from motcua.dossiers.choices import Status as DossierStatus
from motcua.org import selectors as org
from motcua.org.roles import RoleCode

from ..models import ShipmentEvent
from ..tracking import Status

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
    return ShipmentEvent.objects.create(
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
