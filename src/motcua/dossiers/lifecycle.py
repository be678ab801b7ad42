"""The dossier lifecycle as data: states, transitions, who may fire each, national portal codes.

Pure Python (no Django). This table is the only place the lifecycle is written down: the services
validate every change against it, `selectors.available_actions` draws the officer's buttons from it,
the API checks requests with it and `motcua dossiers lifecycle-doc` renders docs/dossier-lifecycle.md
(a Mermaid state diagram) from it. Roles are the org role codes (motcua.org.roles) plus `applicant`,
the citizen or business that owns an online dossier.

Labels are Vietnamese source strings; the Django layer translates them with gettext when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from motcua.org.roles import RoleCode


def _(text: str) -> str:  # marks a string for translation; the Django layer translates it when shown
    return text


APPLICANT = "applicant"
OFFICER = RoleCode.RECEPTION_OFFICER.value
SPECIALIST = RoleCode.SPECIALIST.value
LEADER = RoleCode.LEADER.value


class State(StrEnum):
    PENDING_ACCEPTANCE = "pending_acceptance"
    RECEIVED = "received"
    NOT_ACCEPTED = "not_accepted"
    IN_PROGRESS = "in_progress"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    APPROVED = "approved"
    REFUSED = "refused"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


class Action(StrEnum):
    RECEIVE = "receive"
    SUBMIT_ONLINE = "submit_online"
    ACCEPT = "accept"
    REFUSE_ACCEPTANCE = "refuse_acceptance"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    FINISH_STEP = "finish_step"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    EXTEND = "extend"
    RECORD_PAYMENT = "record_payment"
    APPROVE = "approve"
    REFUSE = "refuse"
    ISSUE_RESULT = "issue_result"
    RETURN_RESULT = "return_result"
    WITHDRAW = "withdraw"
    STOP = "stop"


@dataclass(frozen=True)
class StateInfo:
    state: State
    label: str
    portal_code: int  # national portal status code (DOMAIN.md: 1..10)
    terminal: bool = False
    decided: bool = False  # a decision or result exists: no withdrawal any more
    clock_running: bool = True  # the legal clock counts in this state
    clock_paused: bool = False  # stopped while the applicant completes the dossier; it resumes after
    ratable: bool = False  # the result or the refusal is issued: the applicant may rate the service


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]  # empty: the transition creates the dossier
    target: State | None  # None: the state does not change (the change is recorded all the same)
    roles: frozenset[str]
    label: str
    needs_note: bool = False  # a reason or note is required

    @property
    def creates(self) -> bool:
        return not self.sources

    def target_from(self, state: State | None) -> State:
        if self.target is not None:
            return self.target
        if state is None:
            raise InvalidTransition(self.action, state)
        return state


class InvalidTransition(ValueError):
    """The action cannot be fired in that state. `code` is the stable error code."""

    code = "dossier.invalid_transition"

    def __init__(self, action: str, state: State | None):
        super().__init__(f"{action} is not allowed from {state}")
        self.action = action
        self.state = state


class UnknownAction(ValueError):
    code = "dossier.unknown_action"


S = State
_STATES = (
    StateInfo(S.PENDING_ACCEPTANCE, _("Chờ tiếp nhận (trực tuyến)"), 1),
    StateInfo(S.RECEIVED, _("Đã tiếp nhận"), 2),
    StateInfo(S.NOT_ACCEPTED, _("Không tiếp nhận"), 3, terminal=True, clock_running=False),
    StateInfo(S.IN_PROGRESS, _("Đang giải quyết"), 4),
    StateInfo(S.SUPPLEMENT_REQUESTED, _("Yêu cầu bổ sung"), 5, clock_running=False, clock_paused=True),
    StateInfo(S.APPROVED, _("Đã phê duyệt"), 4, decided=True),
    StateInfo(S.REFUSED, _("Từ chối giải quyết"), 9, decided=True, clock_running=False, ratable=True),
    StateInfo(S.RESULT_READY, _("Có kết quả, chờ trả"), 9, decided=True, clock_running=False, ratable=True),
    StateInfo(
        S.RETURNED, _("Đã trả kết quả"), 10, terminal=True, decided=True, clock_running=False, ratable=True
    ),
    # Withdrawal takes effect at once with a stop notice (form 05): the portal sees "stopped".
    StateInfo(S.WITHDRAWN, _("Đã rút hồ sơ"), 8, terminal=True, clock_running=False),
    StateInfo(S.STOPPED, _("Dừng xử lý"), 8, terminal=True, clock_running=False),
)
STATES: dict[State, StateInfo] = {info.state: info for info in _STATES}

_OPEN = frozenset({S.RECEIVED, S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED})


def _t(action, sources, target, roles, label, needs_note=False) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), label, needs_note)


_TRANSITIONS = (
    _t(Action.RECEIVE, (), S.RECEIVED, {OFFICER}, _("Tiếp nhận hồ sơ")),
    _t(Action.SUBMIT_ONLINE, (), S.PENDING_ACCEPTANCE, {APPLICANT}, _("Nộp hồ sơ trực tuyến")),
    _t(Action.ACCEPT, {S.PENDING_ACCEPTANCE}, S.RECEIVED, {OFFICER}, _("Tiếp nhận hồ sơ trực tuyến")),
    _t(
        Action.REFUSE_ACCEPTANCE,
        {S.PENDING_ACCEPTANCE},
        S.NOT_ACCEPTED,
        {OFFICER},
        _("Không tiếp nhận"),
        needs_note=True,
    ),
    _t(
        Action.TRANSFER,
        {S.RECEIVED, S.IN_PROGRESS},
        S.RECEIVED,
        {OFFICER, SPECIALIST, LEADER},
        _("Chuyển cơ quan khác"),
        needs_note=True,
    ),
    _t(Action.ASSIGN, {S.RECEIVED, S.IN_PROGRESS}, S.IN_PROGRESS, {LEADER, SPECIALIST}, _("Phân công")),
    _t(Action.FINISH_STEP, {S.IN_PROGRESS}, None, {SPECIALIST, LEADER}, _("Hoàn thành bước, chuyển tiếp")),
    _t(
        Action.REQUEST_SUPPLEMENT,
        {S.IN_PROGRESS},
        S.SUPPLEMENT_REQUESTED,
        {SPECIALIST, LEADER},
        _("Yêu cầu bổ sung hồ sơ"),
        needs_note=True,
    ),
    _t(
        Action.RECEIVE_SUPPLEMENT,
        {S.SUPPLEMENT_REQUESTED},
        S.IN_PROGRESS,
        {OFFICER, SPECIALIST, APPLICANT},
        _("Nhận hồ sơ bổ sung"),
    ),
    _t(
        Action.EXTEND,
        {S.RECEIVED, S.IN_PROGRESS},
        None,
        {LEADER},
        _("Xin lỗi và hẹn lại ngày trả kết quả"),
        needs_note=True,
    ),
    _t(Action.RECORD_PAYMENT, _OPEN | {S.PENDING_ACCEPTANCE}, None, {OFFICER}, _("Ghi nhận thu phí, lệ phí")),
    _t(Action.APPROVE, {S.IN_PROGRESS}, S.APPROVED, {LEADER}, _("Phê duyệt")),
    _t(Action.REFUSE, {S.IN_PROGRESS}, S.REFUSED, {LEADER}, _("Từ chối giải quyết"), needs_note=True),
    _t(Action.ISSUE_RESULT, {S.APPROVED}, S.RESULT_READY, {LEADER, SPECIALIST}, _("Ban hành kết quả")),
    _t(
        Action.RETURN_RESULT,
        {S.RESULT_READY, S.REFUSED},
        S.RETURNED,
        {OFFICER, APPLICANT},  # the applicant only electronically (services.processing.return_result)
        _("Trả kết quả"),
    ),
    _t(
        Action.WITHDRAW,
        _OPEN | {S.PENDING_ACCEPTANCE},
        S.WITHDRAWN,
        {APPLICANT, OFFICER},
        _("Rút hồ sơ"),
        needs_note=True,
    ),
    _t(Action.STOP, _OPEN, S.STOPPED, {LEADER}, _("Dừng xử lý hồ sơ"), needs_note=True),
)
TRANSITIONS: dict[Action, Transition] = {t.action: t for t in _TRANSITIONS}


def transition(action: Action | str) -> Transition:
    try:
        return TRANSITIONS[Action(action)]
    except ValueError:
        raise UnknownAction(f"unknown action {action!r}") from None


def check(action: Action | str, state: State | str | None) -> Transition:
    """The transition for `action` from `state` (None: nothing exists yet); InvalidTransition if none."""
    found = transition(action)
    current = State(state) if state else None
    if (current is None) != found.creates or (current is not None and current not in found.sources):
        raise InvalidTransition(found.action, current)
    return found


def actions_from(state: State | str) -> list[Transition]:
    current = State(state)
    return [t for t in _TRANSITIONS if current in t.sources]


def portal_code(state: State | str) -> int:
    return STATES[State(state)].portal_code


# ---- questions the pages, the API and the other apps ask (ADR 0033): answered from the tables above ----


def info(state: State | str) -> StateInfo:
    return STATES[State(state)]


def allows(state: State | str | None, action: Action | str) -> bool:
    """May `action` be fired from `state` (None: nothing exists yet)? Roles and notes aside."""
    try:
        check(action, state)
    except InvalidTransition:
        return False
    return True


def is_decided(state: State | str) -> bool:
    """A decision or a result exists."""
    return info(state).decided


def is_ratable(state: State | str) -> bool:
    """The result or the refusal is issued: the applicant may rate the service (feedback app)."""
    return info(state).ratable


def is_withdrawable(state: State | str) -> bool:
    """The applicant may still withdraw the dossier."""
    return allows(state, Action.WITHDRAW)


def ratable_states() -> frozenset[State]:
    return frozenset(i.state for i in _STATES if i.ratable)


def mermaid() -> str:
    """The lifecycle as a Mermaid state diagram (one edge per source state of every transition)."""
    lines = ["stateDiagram-v2"]
    for info in _STATES:
        lines.append(f"    {info.state}: {info.label} ({info.portal_code})")
    for t in _TRANSITIONS:
        roles = ", ".join(sorted(t.roles))
        sources = sorted(t.sources, key=list(State).index) or ["[*]"]
        for source in sources:
            target = t.target or source
            lines.append(f"    {source} --> {target}: {t.action} ({roles})")
    for info in _STATES:
        if info.terminal:
            lines.append(f"    {info.state} --> [*]")
    return "\n".join(lines)


def document() -> str:
    """docs/dossier-lifecycle.md, generated (see `motcua dossiers lifecycle-doc`)."""
    rows_states = [
        f"| `{i.state}` | {i.label} | {i.portal_code} | {_yes(i.clock_running)} | {_yes(i.clock_paused)} "
        f"| {_yes(i.decided)} | {_yes(i.ratable)} | {_yes(is_withdrawable(i.state))} | {_yes(i.terminal)} |"
        for i in _STATES
    ]
    rows_transitions = [
        f"| `{t.action}` | {t.label} | {', '.join(f'`{s}`' for s in sorted(t.sources)) or '(tạo mới)'} "
        f"| {f'`{t.target}`' if t.target else '(không đổi)'} | {', '.join(sorted(t.roles))} "
        f"| {_yes(t.needs_note)} |"
        for t in _TRANSITIONS
    ]
    return "\n".join(
        [
            "# Dossier lifecycle",
            "",
            "<!-- Generated by `motcua dossiers lifecycle-doc` from src/motcua/dossiers/lifecycle.py."
            " Do not edit by hand. -->",
            "",
            "States with their national portal status code in brackets; each edge is a transition with",
            "the roles that may fire it (`applicant` = the owner of an online dossier). Decisions behind",
            "the table: docs/decisions/0007-dossier-lifecycle.md.",
            "",
            "```mermaid",
            mermaid(),
            "```",
            "",
            "## States",
            "",
            "| state | label | portal code | clock running | clock paused | decided | ratable | withdrawable "
            "| terminal |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows_states,
            "",
            "## Transitions",
            "",
            "| action | label | from | to | roles | note required |",
            "|---|---|---|---|---|---|",
            *rows_transitions,
            "",
        ]
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
