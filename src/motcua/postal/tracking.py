"""Delivery status of a postal item and how a status report is applied (pure Python, no Django).

A result sent by post:  ready → handed_over (hand-over record signed both ways) → in_transit →
                        delivered | failed (with a reason; may go back in transit) | returned (to sender)
A dossier collected:    requested → collected → in_transit → handed_over (record signed at the reception
                        place) → received (the officer received the dossier) | failed | cancelled

Reports come from the agent's page and from the operator's callbacks, which may arrive twice or out of
order. `decide` keeps the status a function of the reports, whatever their arrival order: the report
with the latest moment wins, final states stay final, and a report never moves an item the operator
does not hold (before the hand-over of a result, after the hand-over of a collected dossier).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


def _(text: str) -> str:
    return text


class Kind(StrEnum):
    RESULT = "result"
    PICKUP = "pickup"


class Status(StrEnum):
    READY = "ready"
    REQUESTED = "requested"
    COLLECTED = "collected"
    HANDED_OVER = "handed_over"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    FAILED = "failed"
    RETURNED = "returned"
    RECEIVED = "received"
    CANCELLED = "cancelled"


LABELS = {
    Status.READY: _("Chờ bàn giao cho bưu chính"),
    Status.REQUESTED: _("Chờ thu gom"),
    Status.COLLECTED: _("Đã thu gom"),
    Status.HANDED_OVER: _("Đã bàn giao"),
    Status.IN_TRANSIT: _("Đang vận chuyển"),
    Status.DELIVERED: _("Đã phát thành công"),
    Status.FAILED: _("Phát, thu gom không thành công"),
    Status.RETURNED: _("Đã chuyển hoàn"),
    Status.RECEIVED: _("Đã tiếp nhận hồ sơ"),
    Status.CANCELLED: _("Đã hủy"),
}
KIND_LABELS = {Kind.RESULT: _("Kết quả gửi qua bưu chính"), Kind.PICKUP: _("Hồ sơ nộp qua bưu chính")}

# What a postal report (agent or operator) may say, per kind of item.
REPORTABLE = {
    Kind.RESULT: frozenset({Status.IN_TRANSIT, Status.DELIVERED, Status.FAILED, Status.RETURNED}),
    Kind.PICKUP: frozenset({Status.COLLECTED, Status.IN_TRANSIT, Status.FAILED}),
}
# Where the operator holds the item: reports are applied only from these states.
HELD = {
    Kind.RESULT: frozenset({Status.HANDED_OVER, Status.IN_TRANSIT, Status.FAILED}),
    Kind.PICKUP: frozenset({Status.REQUESTED, Status.COLLECTED, Status.IN_TRANSIT, Status.FAILED}),
}
FINAL = frozenset({Status.DELIVERED, Status.RETURNED, Status.RECEIVED, Status.CANCELLED})
NEEDS_REASON = frozenset({Status.FAILED, Status.RETURNED})


class Outcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # the same report again
    STALE = "stale"  # older than what the item already shows: recorded, not applied
    REJECTED = "rejected"  # cannot apply (wrong kind of report, item not held, final state)


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str = ""


def decide(
    kind: Kind, current: Status, current_at: datetime | None, new: Status, new_at: datetime
) -> Decision:
    kind, current, new = Kind(kind), Status(current), Status(new)
    if new not in REPORTABLE[kind]:
        return Decision(Outcome.REJECTED, "status_not_allowed")
    if current_at is not None and new == current and new_at == current_at:
        return Decision(Outcome.DUPLICATE)
    if current_at is not None and new_at < current_at:
        return Decision(Outcome.STALE, "older_than_current")
    if current in FINAL:
        return Decision(Outcome.REJECTED, "final")
    if current not in HELD[kind]:
        return Decision(Outcome.REJECTED, "not_held")
    return Decision(Outcome.APPLIED)
