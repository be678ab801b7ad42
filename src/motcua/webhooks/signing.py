"""HMAC-SHA256 signatures of webhook bodies, in the Stripe/Standard Webhooks manner.

Headers: X-Motcua-Timestamp (Unix seconds) and X-Motcua-Signature: "v1=" + hex HMAC-SHA256 of
"{timestamp}.{body}" with the subscription's secret. Signing the timestamp with the body lets a
receiver refuse a replayed request (older than a few minutes) as well as a forged one.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def headers(secret: str, body: bytes, *, now: float | None = None) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {"X-Motcua-Timestamp": str(timestamp), "X-Motcua-Signature": signature(secret, timestamp, body)}


def verify(secret: str, body: bytes, timestamp: str, signed: str, *, now: float | None = None) -> bool:
    """What a receiver does (documented in docs/notifications.md; Python receivers may import it)."""
    if not timestamp.isdigit() or abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body), signed)
