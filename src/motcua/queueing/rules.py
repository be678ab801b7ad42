"""Queue rules as plain Python (no Django): booking days and slots, per-person limits, expiry, the status
table and which waiting number a counter calls next.

Defaults follow issue 6 and are settings per reception place (`queueing.QueueSettings`, see
docs/decisions/0015-queue-numbers.md): book for today or the next 6 days, at most 2 numbers per person
per day and 1 per field, unused booked numbers expire at 16:00, slots of 30 minutes for 4 people.

Priority fairness: priority numbers (elderly, disabled, pregnant, with a small child) are called first,
but after `priority_streak` priority calls in a row at a counter, the oldest regular number is called if
it has waited at least `regular_wait_minutes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class Status(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class Channel(StrEnum):
    ONLINE = "online"
    KIOSK = "kiosk"


class Priority(StrEnum):
    NONE = ""
    ELDERLY = "elderly"
    DISABILITY = "disability"
    PREGNANT = "pregnant"
    SMALL_CHILD = "small_child"


# Allowed status changes: (from, to). Recalling a called number keeps it "called".
TRANSITIONS: frozenset[tuple[Status, Status]] = frozenset(
    {
        (Status.BOOKED, Status.CHECKED_IN),
        (Status.BOOKED, Status.EXPIRED),
        (Status.BOOKED, Status.CANCELLED),
        (Status.CHECKED_IN, Status.CALLED),
        (Status.CHECKED_IN, Status.EXPIRED),
        (Status.CHECKED_IN, Status.CANCELLED),
        (Status.CALLED, Status.CALLED),
        (Status.CALLED, Status.SERVING),
        (Status.CALLED, Status.NO_SHOW),
        (Status.CALLED, Status.EXPIRED),
        (Status.SERVING, Status.DONE),
    }
)
# Numbers a person still holds (they count against the per-person limits).
HELD = frozenset({Status.BOOKED, Status.CHECKED_IN, Status.CALLED, Status.SERVING, Status.DONE})
WAITING = frozenset({Status.CHECKED_IN})
AT_COUNTER = frozenset({Status.CALLED, Status.SERVING})


def can_change(old: str, new: str) -> bool:
    return (Status(old), Status(new)) in TRANSITIONS


@dataclass(frozen=True)
class Policy:
    days_ahead: int = 6  # today and the next 6 days
    per_person_per_day: int = 2
    per_field_per_day: int = 1
    expiry: time = time(16)  # booked numbers not checked in by then expire
    slot_minutes: int = 30
    slot_capacity: int = 4  # people per slot and service
    priority_streak: int = 3
    regular_wait_minutes: int = 15

    def __post_init__(self):
        if self.days_ahead < 0 or self.per_person_per_day < 1 or self.per_field_per_day < 1:
            raise ValueError("invalid queue policy limits")
        if self.slot_minutes < 5 or self.slot_capacity < 1 or self.priority_streak < 1:
            raise ValueError("invalid queue policy slots")


class BookingRefused(ValueError):
    """`reason` is stable (it becomes `queue.<reason>`); `field` names the form field it belongs to."""

    def __init__(self, reason: str, field: str):
        super().__init__(reason)
        self.reason = reason
        self.field = field


def format_number(prefix: str, sequence: int) -> str:
    """'A', 12 → 'A-012' (at least three digits)."""
    return f"{prefix}-{sequence:03d}"


def bookable_days(today: date, is_working_day: Callable[[date], bool], policy: Policy) -> list[date]:
    days = (today + timedelta(days=n) for n in range(policy.days_ahead + 1))
    return [d for d in days if is_working_day(d)]


def slots(sessions: Iterable[tuple[time, time]], policy: Policy) -> list[time]:
    """Slot starts inside the office sessions; a slot must end by the expiry time and its session's end."""
    step = timedelta(minutes=policy.slot_minutes)
    limit = _minutes(policy.expiry)
    found = []
    for start, end in sessions:
        moment = datetime.combine(date(2000, 1, 1), start)
        close = datetime.combine(date(2000, 1, 1), end)
        while moment + step <= close and _minutes((moment + step).time()) <= limit:
            found.append(moment.time())
            moment += step
    return found


def last_slot_over(day: date, now: datetime, sessions: Iterable[tuple[time, time]], policy: Policy) -> bool:
    """Has the last slot of `day` ended at `now` (local)? Then the day is no longer offered."""
    starts = slots(sessions, policy)
    if not starts:
        return True
    end = datetime.combine(day, starts[-1]) + timedelta(minutes=policy.slot_minutes)
    return end <= now.replace(tzinfo=None)


@dataclass(frozen=True)
class Held:
    """A number the person already holds: its day and field key."""

    day: date
    field_key: str


def check_booking(
    *,
    day: date,
    slot: time,
    field_key: str,
    now: datetime,
    is_working_day: Callable[[date], bool],
    sessions: Sequence[tuple[time, time]],
    policy: Policy,
    held: Iterable[Held],
    booked_in_slot: int,
) -> None:
    """Raise BookingRefused when the booking breaks a rule; `now` is local (Vietnam) time."""
    today = now.date()
    if day < today:
        raise BookingRefused("past_day", "day")
    if day > today + timedelta(days=policy.days_ahead):
        raise BookingRefused("too_far", "day")
    if not is_working_day(day):
        raise BookingRefused("closed_day", "day")
    if slot not in slots(sessions, policy):
        raise BookingRefused("invalid_slot", "slot")
    slot_end = datetime.combine(day, slot) + timedelta(minutes=policy.slot_minutes)
    if slot_end <= now.replace(tzinfo=None):
        raise BookingRefused("slot_past", "slot")
    same_day = [h for h in held if h.day == day]
    if len(same_day) >= policy.per_person_per_day:
        raise BookingRefused("person_day_limit", "id_number")
    if sum(1 for h in same_day if h.field_key == field_key) >= policy.per_field_per_day:
        raise BookingRefused("person_field_limit", "service")
    if booked_in_slot >= policy.slot_capacity:
        raise BookingRefused("slot_full", "slot")


def expires_at(day: date, policy: Policy) -> datetime:
    """The naive local moment a booked number of `day` expires."""
    return datetime.combine(day, policy.expiry)


def is_expired(day: date, now: datetime, policy: Policy) -> bool:
    return now.replace(tzinfo=None) >= expires_at(day, policy)


def queued_at(*, checked_in: datetime, slot_start: datetime | None) -> datetime:
    """Where a number stands in the line: walk-ins from their check-in; a booking that arrives before its
    slot keeps its slot (it does not jump the people already waiting), one that comes late joins the line
    when it arrives."""
    if slot_start is None:
        return checked_in
    return max(checked_in, slot_start)


@dataclass(frozen=True)
class Waiting:
    id: int
    priority: bool
    queued_at: datetime


def choose_next(
    priority_head: Waiting | None,
    regular_head: Waiting | None,
    recent_calls: Sequence[bool],
    now: datetime,
    policy: Policy,
) -> Waiting | None:
    """The number a counter calls next: the head of the priority line, unless the counter's last
    `priority_streak` calls (most recent first in `recent_calls`, True = priority) were all priority and
    the head of the regular line has waited at least `regular_wait_minutes`."""
    if priority_head is None or regular_head is None:
        return priority_head or regular_head
    streak = 0
    for was_priority in recent_calls:
        if not was_priority:
            break
        streak += 1
    waited = now - regular_head.queued_at
    if streak >= policy.priority_streak and waited >= timedelta(minutes=policy.regular_wait_minutes):
        return regular_head
    return priority_head


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute
