"""Exponential backoff with jitter ("equal jitter": half fixed, half random), capped."""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings


def base_seconds() -> float:
    return float(getattr(settings, "MOTCUA_PORTAL_BACKOFF_BASE", 2.0))


def cap_seconds() -> float:
    return float(getattr(settings, "MOTCUA_PORTAL_BACKOFF_CAP", 300.0))


def probe_cap_seconds() -> float:
    """The longest wait of the lane between probes of a portal that is down: a probe is one request, and
    a recovered portal should get its backlog within this many seconds."""
    return float(getattr(settings, "MOTCUA_PORTAL_PROBE_CAP", 30.0))


def probe_delay(outages: int) -> float:
    """The lane's wait after `outages` failed requests in a row: from a quarter of the base (a single
    failed request is retried at once, nearly) up to the probe cap."""
    return delay(outages, cap=probe_cap_seconds(), base=min(base_seconds(), 2.0) / 4).total_seconds()


def max_tries() -> int:
    return int(getattr(settings, "MOTCUA_PORTAL_MAX_TRIES", 8))


def delay(
    tries: int, rng: random.Random | None = None, cap: float | None = None, base: float | None = None
) -> timedelta:
    """The wait after the `tries`-th failure in a row (1, 2, ...)."""
    base = base_seconds() if base is None else base
    ceiling = min(cap_seconds() if cap is None else cap, base * 2 ** max(min(tries, 40) - 1, 0))
    return timedelta(seconds=ceiling / 2 + (rng or random).uniform(0, ceiling / 2))
