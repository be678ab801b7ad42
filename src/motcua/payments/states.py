"""The payment transaction's states and what a gateway answer does to each (pure Python, no Django).

The gateway's word that money was taken always wins: a transaction we marked failed, cancelled or
expired becomes paid when a correctly signed confirmation with the right amount arrives later, so a
late payment is never lost. A second confirmation of a paid transaction changes nothing (it is only
logged), so a payment is never counted twice. Refunded is final.
"""

from __future__ import annotations

from enum import StrEnum


class TxnStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    REFUNDED = "refunded"


class Outcome(StrEnum):
    """What the gateway says about a transaction (return, webhook or status query)."""

    PAID = "paid"
    FAILED = "failed"
    CANCELLED = "cancelled"
    PENDING = "pending"  # not finished yet (the payer is still on the payment page)
    UNKNOWN = "unknown"  # the gateway does not know the transaction


class Effect(StrEnum):
    SETTLE = "settle"  # mark paid and record the fee on the dossier
    MARK = "mark"  # move to the state named by the outcome
    DUPLICATE = "duplicate"  # already in that state: log only
    IGNORE = "ignore"  # the answer cannot change this state: log only


OPEN = {TxnStatus.PENDING}
UNSETTLED = {TxnStatus.PENDING, TxnStatus.FAILED, TxnStatus.CANCELLED, TxnStatus.EXPIRED}
_MARKS = {Outcome.FAILED: TxnStatus.FAILED, Outcome.CANCELLED: TxnStatus.CANCELLED}


def effect(status: TxnStatus | str, outcome: Outcome | str) -> Effect:
    status, outcome = TxnStatus(status), Outcome(outcome)
    if outcome == Outcome.PAID:
        if status in UNSETTLED:
            return Effect.SETTLE
        return Effect.DUPLICATE if status == TxnStatus.PAID else Effect.IGNORE
    if outcome in _MARKS:
        if status == _MARKS[outcome]:
            return Effect.DUPLICATE
        return Effect.MARK if status in OPEN else Effect.IGNORE
    return Effect.IGNORE


def marked(outcome: Outcome | str) -> TxnStatus:
    return _MARKS[Outcome(outcome)]


def may_expire(status: TxnStatus | str) -> bool:
    return TxnStatus(status) in OPEN


def may_refund(status: TxnStatus | str) -> bool:
    return TxnStatus(status) == TxnStatus.PAID
