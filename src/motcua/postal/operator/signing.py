"""HMAC signatures of the operator's callbacks (pure Python)."""

from __future__ import annotations

import hashlib
import hmac

MAX_SKEW = 300  # seconds


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, given: str, *, now: float) -> bool:
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - sent) > MAX_SKEW:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), given or "")
