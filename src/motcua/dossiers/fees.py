"""What a dossier's fees allow, from the statuses of its payment rows (pure: no Django).

One rule, asked by the service that records a fee and by the officer's buttons: a fee is recorded once.
A dossier whose fees are settled (something was charged and nothing is left due) offers no more
recording; a dossier with a fee due records that fee, not a new amount beside it (the online payment
of the due fee would otherwise count the money twice).
"""

from __future__ import annotations

from collections.abc import Iterable

DUE = "due"


def settled(statuses: Iterable[str]) -> bool:
    found = list(statuses)
    return bool(found) and DUE not in found


def has_due(statuses: Iterable[str]) -> bool:
    return DUE in set(statuses)
