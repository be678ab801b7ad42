"""The reader of the dossier outbox: one PortalEvent per dossier status change, nothing else.

Tolerant on purpose (the outbox's schema is moving to a common kernel): any topic whose payload names a
dossier code, a portal status code and a version is taken; anything else is ignored, never an error.
Called inside the outbox's publishing transaction, so the copy and the `published_at` stamp are
committed together, and a failure here leaves the outbox event for the next run.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import PortalEvent

FIELDS = ("procedure_code", "agency_code", "at", "received_at", "due_at", "finished_at", "returned_at")


def event_from(message) -> PortalEvent | None:
    payload = message.payload if isinstance(message.payload, dict) else {}
    code = payload.get("code") or payload.get("dossier_code") or getattr(message, "key", "")
    status = payload.get("portal_status") or payload.get("status_code")
    sequence = payload.get("version") or payload.get("sequence")
    if not (code and isinstance(status, int) and isinstance(sequence, int)):
        return None
    kept = {name: payload.get(name) for name in FIELDS if payload.get(name) is not None}
    kept["channel_code"] = payload.get("portal_channel") or payload.get("channel_code")
    kept["topic"] = str(getattr(message, "topic", ""))[:60]
    created = getattr(message, "created_at", None) or timezone.now()
    try:
        occurred = datetime.fromisoformat(payload["at"]) if payload.get("at") else created
    except (TypeError, ValueError):
        occurred = created
    return PortalEvent(
        event_id=uuid.uuid4().hex,
        outbox_id=message.pk,
        dossier_code=str(code),
        sequence=sequence,
        status_code=status,
        payload=kept,
        occurred_at=occurred,
        created_at=created,
    )


def capture(message) -> None:
    event = event_from(message)
    if event is None:
        return
    # An outbox event published again (another subscriber failed the first time) is not copied twice.
    PortalEvent.objects.bulk_create([event], ignore_conflicts=True)
    global _kicked_at
    now = time.monotonic()
    if getattr(settings, "MOTCUA_PORTAL_URL", "") and now - _kicked_at >= KICK_SECONDS:
        # One kick a second at most (a publishing batch captures hundreds of events): the sync it starts
        # reads everything committed by then; beat's run every minute catches anything in between.
        _kicked_at = now
        transaction.on_commit(_kick, robust=True)


KICK_SECONDS = 1.0
_kicked_at = float("-inf")


def _kick() -> None:
    from .tasks import sync

    sync.apply_async(countdown=KICK_SECONDS)
