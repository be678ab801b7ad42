"""Erlang C: how many officers a queue needs to meet a service level (pure, no Django).

The textbook M/M/N model of a call centre (A. K. Erlang 1917; e.g. Koole, *Call Center Optimization*,
ch. 4): arrivals at rate λ, service time of mean h, N servers; the traffic is A = λ·h erlangs.
  P(wait) = C(N, A) = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A))
  SL(t)   = 1 − C(N, A) · e^{−(N−A)·t/h}     (share served within t)
The sum is computed by the stable recurrence of Erlang B (B(0)=1, B(k)=A·B(k−1)/(k+A·B(k−1))) and
C = N·B / (N − A·(1 − B)), so a hundred servers do not overflow a float.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def erlang_b(servers: int, traffic: float) -> float:
    b = 1.0
    for k in range(1, servers + 1):
        b = traffic * b / (k + traffic * b)
    return b


def erlang_c(servers: int, traffic: float) -> float:
    """Probability that an arrival waits. 1 when the servers cannot keep up (A ≥ N)."""
    if traffic <= 0:
        return 0.0
    if servers <= traffic:
        return 1.0
    b = erlang_b(servers, traffic)
    return servers * b / (servers - traffic * (1 - b))


def service_level(servers: int, traffic: float, handle_seconds: float, target_seconds: float) -> float:
    """Share of arrivals served within `target_seconds`."""
    if traffic <= 0:
        return 1.0
    if servers <= traffic:
        return 0.0
    wait = erlang_c(servers, traffic)
    return 1 - wait * math.exp(-(servers - traffic) * target_seconds / handle_seconds)


@dataclass(frozen=True)
class Need:
    arrivals_per_hour: float
    handle_seconds: float
    traffic: float  # erlangs
    servers: int  # officers needed
    service_level: float  # reached with `servers`


def servers_needed(
    arrivals_per_hour: float,
    handle_seconds: float,
    *,
    target_share: float = 0.8,
    target_seconds: float = 15 * 60,
    limit: int = 500,
) -> Need:
    """The fewest servers whose service level reaches the target (0 when nobody comes)."""
    if not 0 < target_share < 1:
        raise ValueError("target_share must be between 0 and 1")
    traffic = arrivals_per_hour * handle_seconds / 3600
    if traffic <= 0:
        return Need(arrivals_per_hour, handle_seconds, 0.0, 0, 1.0)
    servers = max(1, math.floor(traffic) + 1)
    while servers < limit:
        level = service_level(servers, traffic, handle_seconds, target_seconds)
        if level >= target_share:
            return Need(arrivals_per_hour, handle_seconds, traffic, servers, level)
        servers += 1
    return Need(
        arrivals_per_hour,
        handle_seconds,
        traffic,
        limit,
        service_level(limit, traffic, handle_seconds, target_seconds),
    )
