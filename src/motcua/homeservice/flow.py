"""The home-service request's states and the changes allowed between them, as data (pure Python).

requested → scheduled → received (the dossier was received on the spot)
                      → visited (the officer came; no dossier could be received, with a note)
requested | scheduled → cancelled (by the person or a supervisor, with a reason)
                      → not_possible (the center cannot serve it, with a reason)
scheduled → scheduled (another officer or slot)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def _(text: str) -> str:
    return text


class Status(StrEnum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    RECEIVED = "received"
    VISITED = "visited"
    CANCELLED = "cancelled"
    NOT_POSSIBLE = "not_possible"


class Action(StrEnum):
    REQUEST = "request"
    SCHEDULE = "schedule"
    RECEIVE = "receive"
    VISIT = "visit"
    CANCEL = "cancel"
    REFUSE = "refuse"


STATUS_LABELS = {
    Status.REQUESTED: _("Đã gửi yêu cầu, chờ sắp xếp"),
    Status.SCHEDULED: _("Đã hẹn lịch cán bộ đến"),
    Status.RECEIVED: _("Đã tiếp nhận hồ sơ"),
    Status.VISITED: _("Cán bộ đã đến, chưa tiếp nhận được hồ sơ"),
    Status.CANCELLED: _("Đã hủy"),
    Status.NOT_POSSIBLE: _("Không thể phục vụ"),
}
OPEN = frozenset({Status.REQUESTED, Status.SCHEDULED})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status
    needs_note: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(Action.SCHEDULE, frozenset({Status.REQUESTED, Status.SCHEDULED}), Status.SCHEDULED),
        Transition(Action.RECEIVE, frozenset({Status.SCHEDULED}), Status.RECEIVED),
        Transition(Action.VISIT, frozenset({Status.SCHEDULED}), Status.VISITED, needs_note=True),
        Transition(Action.CANCEL, OPEN, Status.CANCELLED, needs_note=True),
        Transition(Action.REFUSE, OPEN, Status.NOT_POSSIBLE, needs_note=True),
    )
}


class NotAllowed(ValueError):
    def __init__(self, action: str, status: str):
        super().__init__(f"{action} is not allowed from {status}")
        self.action, self.status = action, status


def check(action: Action | str, status: Status | str) -> Transition:
    transition = TRANSITIONS[Action(action)]
    if Status(status) not in transition.sources:
        raise NotAllowed(str(action), str(status))
    return transition
