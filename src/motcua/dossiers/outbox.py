"""Delivering outbox events: subscribers registered by the integrations, called in batches.

An event is marked published once every subscriber took it. A failing subscriber leaves it (and the
later events of the same dossier, to keep their order) for the next run, with the error recorded.
On PostgreSQL, concurrent workers skip each other's rows (SELECT ... FOR UPDATE SKIP LOCKED).
Delivered events are pruned after MOTCUA_OUTBOX_RETENTION_DAYS (`prune_published`, an hourly task).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from motcua.core.masking import mask_text

from .models import OutboxMessage

log = logging.getLogger("motcua.dossiers.outbox")
Subscriber = Callable[[OutboxMessage], None]
_SUBSCRIBERS: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> Subscriber:
    """Register a callable taking an OutboxMessage (usable as a decorator)."""
    if subscriber not in _SUBSCRIBERS:
        _SUBSCRIBERS.append(subscriber)
    return subscriber


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber in _SUBSCRIBERS:
        _SUBSCRIBERS.remove(subscriber)


def publish_batch(batch_size: int = 200) -> tuple[int, int]:
    """One batch in one transaction: (published, picked)."""
    with transaction.atomic():
        pending = OutboxMessage.objects.filter(published_at__isnull=True).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        batch = list(pending[:batch_size])
        blocked: set[str] = set()
        published = []
        for message in batch:
            if message.key and message.key in blocked:
                continue
            try:
                for subscriber in list(_SUBSCRIBERS):
                    subscriber(message)
            except Exception as exc:  # noqa: BLE001 - one failing event must not stop the others
                message.attempts += 1
                message.last_error = mask_text(f"{type(exc).__name__}: {exc}")[:2000]
                message.save(update_fields=["attempts", "last_error"])
                blocked.add(message.key)
                log.warning("outbox %s (%s) not delivered: %s", message.pk, message.topic, message.last_error)
                continue
            message.published_at = timezone.now()
            message.attempts += 1
            published.append(message)
        OutboxMessage.objects.bulk_update(published, ["published_at", "attempts"])
    return len(published), len(batch)


def publish_pending(batch_size: int = 200, max_batches: int = 50) -> int:
    total = 0
    for _ in range(max_batches):
        published, picked = publish_batch(batch_size)
        total += published
        if picked < batch_size or not published:
            break
    return total


def retention_days() -> int:
    return int(getattr(settings, "MOTCUA_OUTBOX_RETENTION_DAYS", 90))


def prune_published(
    *, days: int | None = None, batch_size: int | None = None, max_batches: int = 1000, now=None
) -> int:
    """Delete delivered events published more than `days` ago (ADR 0031): oldest first, `batch_size`
    rows per short transaction, so reception (which only inserts) and delivery (which reads pending
    rows) never wait long. Pending events are never pruned, however old. Returns the number deleted."""
    days = retention_days() if days is None else days
    batch_size = batch_size or int(getattr(settings, "MOTCUA_OUTBOX_PRUNE_BATCH", 5000))
    cutoff = (now or timezone.now()) - timedelta(days=days)
    total = 0
    for _ in range(max_batches):
        with transaction.atomic():
            ids = list(
                OutboxMessage.objects.filter(published_at__lt=cutoff)
                .order_by("id")
                .values_list("id", flat=True)[:batch_size]
            )
            if ids:
                OutboxMessage.objects.filter(id__in=ids).delete()
        total += len(ids)
        if len(ids) < batch_size:
            break
    if total:
        log.info("outbox: %s delivered events older than %s days pruned", total, days)
    return total
