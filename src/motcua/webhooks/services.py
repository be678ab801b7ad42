"""Planning webhook deliveries from outbox events, and posting them with retries and backoff.

The outbox subscriber hands the wanted events to a task after the commit (notifications/handoff.py),
which writes one delivery per (subscription, event), unique. Posting is at-least-once: a receiver
that times out may get the same delivery again, with the same X-Motcua-Delivery id to recognise it.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.core.masking import mask_text
from motcua.dossiers.models import OutboxMessage
from motcua.notifications import metrics
from motcua.notifications.handoff import Handoff

from . import signing
from .models import DeliveryStatus, Subscription, WebhookDelivery

log = logging.getLogger("motcua.webhooks")
_CACHE_SECONDS = 5.0
_cache: tuple[float, list[Subscription]] = (0.0, [])


def active_subscriptions() -> list[Subscription]:
    """Read at most every few seconds: most events go to nobody, and publishing must stay fast."""
    global _cache
    now = time.monotonic()
    if now - _cache[0] > _CACHE_SECONDS:
        _cache = (now, list(Subscription.objects.filter(active=True)))
    return _cache[1]


def forget_cache() -> None:
    global _cache
    _cache = (0.0, [])


def _plan_task():
    from .tasks import plan_events

    return plan_events


handoff = Handoff(_plan_task)


def on_event(message: OutboxMessage) -> None:
    """The outbox subscriber: no query; events some subscription wants go to `plan_events`."""
    if any(s.wants(message.topic) for s in active_subscriptions()):
        handoff.add(message.pk)


def plan_events(event_ids: list[int]) -> list[int]:
    """One delivery per (subscription, event), once; the ids to post now."""
    subscriptions = active_subscriptions()
    rows = [
        WebhookDelivery(subscription=s, event_id=m.pk, topic=m.topic, payload=m.payload)
        for m in OutboxMessage.objects.filter(pk__in=event_ids).order_by("pk")
        for s in subscriptions
        if s.wants(m.topic)
    ]
    if not rows:
        return []
    WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)  # a planned pair stays as it is
    return list(
        WebhookDelivery.objects.filter(event_id__in=event_ids, status=DeliveryStatus.PENDING, attempts=0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def catch_up(window: int = 5000) -> int:
    """The recent events planned again (a hand-over lost between commit and broker); idempotent."""
    last = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = list(OutboxMessage.objects.filter(pk__gt=last - window).values_list("pk", flat=True))
    return len(plan_events(ids)) if ids and active_subscriptions() else 0


def backoff(attempts: int) -> timedelta:
    """30 s, 1, 2, 4… minutes, at most six hours."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 6 * 3600))


def body_of(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": delivery.event_id,
        "topic": delivery.topic,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the delivery for one try: a lease (next_attempt_at pushed past the timeout) keeps other
    workers off it, and no lock is held while the receiver answers (on SQLite a held write lock would
    stop every other writer)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.FAILED):
            return None
        now = timezone.now()
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + timedelta(seconds=2 * _timeout() + 30)
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def _timeout() -> float:
    return float(getattr(settings, "MOTCUA_WEBHOOK_TIMEOUT", 5))


def send(delivery_id: int) -> str:
    delivery = _claim(delivery_id)
    if delivery is None:
        return "not_due"
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "motcua-webhooks/1",
        "X-Motcua-Event": delivery.topic,
        "X-Motcua-Delivery": str(delivery.pk),
        **signing.headers(delivery.subscription.secret, body),
    }
    try:
        response = requests.post(
            delivery.subscription.url, data=body, headers=headers, timeout=_timeout(), allow_redirects=False
        )
        code, error = response.status_code, "" if response.ok else response.text[:500]
    except requests.RequestException as exc:
        code, error = None, f"{type(exc).__name__}: {exc}"
    now = timezone.now()
    delivery.last_status_code = code
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.last_error = DeliveryStatus.DELIVERED, now, ""
        delivery.next_attempt_at = None
    else:
        final = delivery.attempts >= int(getattr(settings, "MOTCUA_WEBHOOK_MAX_ATTEMPTS", 8))
        delivery.status = DeliveryStatus.DEAD if final else DeliveryStatus.FAILED
        delivery.next_attempt_at = None if final else now + backoff(delivery.attempts)
        delivery.last_error = mask_text(f"HTTP {code}: {error}" if code else error)[:2000]
        log.warning("webhook %s to %s failed: %s", delivery.pk, delivery.subscription, delivery.last_error)
    delivery.save(
        update_fields=["status", "delivered_at", "last_error", "next_attempt_at", "last_status_code"]
    )
    metrics.WEBHOOKS.labels(status=delivery.status).inc()
    return delivery.status


def sweep(limit: int = 500) -> dict:
    now = timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
        .exclude(next_attempt_at__gt=now)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    statuses = [send(pk) for pk in due]
    return {"delivered": statuses.count(DeliveryStatus.DELIVERED), "tried": len(due)}
