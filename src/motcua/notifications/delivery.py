"""Sending a planned delivery, at most once.

A delivery is claimed (pending/failed -> sending) in its own short transaction before the provider is
called, and marked sent or failed after. A worker killed between the two leaves it "sending": the sweep
marks it uncertain for an operator instead of sending again, because for a citizen one missed message
is better than two (ADR 0036). A failure the provider calls temporary is tried again with backoff.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from motcua.core.masking import mask_text

from . import conf, metrics, registry
from .base import OutgoingMessage, SendResult
from .models import Delivery, Status

log = logging.getLogger("motcua.notifications")
STUCK_AFTER = timedelta(minutes=10)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8… minutes, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def _claim(delivery_id: int) -> Delivery | None:
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status not in (Status.PENDING, Status.FAILED):
            return None
        if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now():
            return None
        delivery.status = Status.SENDING
        delivery.attempts += 1
        delivery.claimed_at = timezone.now()
        delivery.save(update_fields=["status", "attempts", "claimed_at"])
    return delivery


def send(delivery_id: int) -> str:
    """Send one delivery if it is due; its status after."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return "not_due"
    try:
        result = _send_email(delivery) if delivery.channel == conf.EMAIL else _send_provider(delivery)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the row, never lost
        result = SendResult(ok=False, code=type(exc).__name__, raw={"error": str(exc)})
    now = timezone.now()
    if result.ok:
        delivery.status, delivery.sent_at = Status.SENT, now
        delivery.provider_reference, delivery.last_error = result.reference[:100], ""
    else:
        final = not result.retryable or delivery.attempts >= conf.max_attempts()
        delivery.status = Status.DEAD if final else Status.FAILED
        delivery.next_attempt_at = None if final else now + backoff(delivery.attempts)
        delivery.last_error = mask_text(f"{result.code}: {result.raw.get('error', '')}")[:2000]
        log.warning("notification %s (%s) not sent: %s", delivery.pk, delivery.channel, delivery.last_error)
    delivery.save(update_fields=["status", "sent_at", "provider_reference", "last_error", "next_attempt_at"])
    metrics.NOTIFICATIONS.labels(channel=delivery.channel, status=delivery.status).inc()
    return delivery.status


def _send_email(delivery: Delivery) -> SendResult:
    email = EmailMessage(subject=delivery.subject, body=delivery.body, to=[delivery.recipient])
    email.extra_headers["X-Motcua-Delivery"] = f"notify-{delivery.pk}"
    sent = email.send(fail_silently=False)
    return SendResult(ok=bool(sent), reference=f"notify-{delivery.pk}")


def _send_provider(delivery: Delivery) -> SendResult:
    provider = registry.get(delivery.provider or conf.provider_id(delivery.channel))
    return provider.send(
        OutgoingMessage(to=delivery.recipient, body=delivery.body, idempotency_key=f"notify-{delivery.pk}")
    )


def sweep(limit: int = 500) -> dict:
    """The periodic job: send what is due again; mark the long-stuck "sending" rows uncertain."""
    now = timezone.now()
    stuck = Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=Status.UNCERTAIN
    )
    due = list(
        Delivery.objects.filter(status__in=[Status.PENDING, Status.FAILED])
        .exclude(next_attempt_at__gt=now)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    statuses = [send(pk) for pk in due]
    return {"sent": statuses.count(Status.SENT), "tried": len(due), "uncertain": stuck}
