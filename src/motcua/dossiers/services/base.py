"""What every dossier service does the same way: lock, check, change, record.

A service on an existing dossier calls `begin` (row lock, access, version check, lifecycle check, note)
and ends with `commit_change` (version + 1, one tracking line, one outbox event), all inside the one
transaction of the service, through the write kernel (core/kernel.py). A stale `version` is a
`stale_write`, never a lost update.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core import kernel
from motcua.core.fast import rows

from .. import access, lifecycle
from ..errors import (
    ActionForbidden,
    DossierNotFound,
    IdempotencyMismatch,
    InvalidTransition,
    NoteRequired,
    VersionConflict,
)
from ..models import Dossier, IdempotencyRecord
from . import records

log = logging.getLogger("motcua.dossiers")

LOCK_RELATED = ("procedure", "procedure_version", "agency", "province", "received_place", "current_step")


def now() -> datetime:
    return timezone.now()


@dataclass
class Change:
    """A dossier locked for `action`, with what it was before the change."""

    dossier: Dossier
    transition: lifecycle.Transition
    from_status: str
    from_agency: object
    at: datetime
    actor: object
    note: str


def lock(dossier: Dossier | int) -> Dossier:
    pk = getattr(dossier, "pk", dossier)
    return kernel.lock(Dossier.objects.select_related(*LOCK_RELATED), pk, missing=lambda: DossierNotFound(pk))


def begin(
    dossier: Dossier | int,
    *,
    actor,
    action: str,
    version: int,
    note: str = "",
    at: datetime | None = None,
    guard=None,
) -> Change:
    """Lock the dossier and check, in this order: the actor's role, the version, `guard(dossier)` (a
    rule that must win over the state check, e.g. "only one supplement request"), the state, the note."""
    locked = lock(dossier)
    if not access.can_fire(actor, locked, action):
        raise ActionForbidden(action)
    if version != locked.version:  # None too: a dossier action always says which version it saw
        raise VersionConflict(version, locked.version)
    if guard is not None:
        guard(locked)
    try:
        transition = lifecycle.check(action, locked.status)
    except lifecycle.InvalidTransition:
        raise InvalidTransition(action, locked.status) from None
    note = (note or "").strip()
    if transition.needs_note and not note:
        raise NoteRequired(action)
    return Change(locked, transition, locked.status, locked.agency, at or now(), actor, note)


def commit_change(change: Change, *, details: dict | None = None, topic: str | None = None) -> Dossier:
    dossier = change.dossier
    dossier.status = change.transition.target_from(lifecycle.State(change.from_status))
    dossier.version += 1
    dossier.save()
    _record(
        dossier,
        change.actor,
        change.transition.action,
        change.from_status,
        change.at,
        change.note,
        change.from_agency,
        details,
        topic,
    )
    return dossier


def record_creation(dossier: Dossier, *, actor, action: str, at: datetime, note: str = "", details=None):
    _record(dossier, actor, action, "", at, note, None, details, None)


def _record(dossier, actor, action, from_status, at, note, from_agency, details, topic):
    with rows.deferred():  # the line and the event written together (ADR 0019)
        records.append_tracking(
            dossier,
            at=at,
            actor=actor,
            action=action,
            from_status=from_status,
            from_agency=from_agency,
            note=note,
            details=details,
        )
        payload = records.event_payload(dossier, action=action, from_status=from_status, at=at)
        records.emit(topic or f"dossier.{action}", payload, dossier=dossier, at=at)
    log.info("dossier %s: %s (%s -> %s)", dossier.code, action, from_status or "-", dossier.status)


# ---- idempotent creation ------------------------------------------------------------------------------


def actor_ref(actor) -> str:
    return f"user:{actor.pk}" if getattr(actor, "pk", None) else "anonymous"


def fingerprint(payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def idempotent(actor, key: str | None, payload: dict, create) -> Dossier:
    """Run `create()` once per (actor, key): a retry with the same payload returns the same dossier.

    The key row is inserted before the dossier, in a savepoint: a concurrent retry waits on the unique
    index until the first commits, then finds its row. Rolled back with the service if creation fails.
    """
    if not key:
        return create()
    ref, print_ = actor_ref(actor), fingerprint(payload)
    found = _replay(ref, key, print_)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(actor_ref=ref, key=key, fingerprint=print_)
    except IntegrityError:
        found = _replay(ref, key, print_)
        if found is None:  # pragma: no cover - the row that blocked us was rolled back: try once more
            raise
        return found
    dossier = create()
    record.dossier = dossier
    record.save(update_fields=["dossier"])
    return dossier


def _replay(ref: str, key: str, print_: str) -> Dossier | None:
    record = IdempotencyRecord.objects.filter(actor_ref=ref, key=key).select_related("dossier").first()
    if record is None:
        return None
    if record.fingerprint != print_:
        raise IdempotencyMismatch(key)
    return record.dossier
