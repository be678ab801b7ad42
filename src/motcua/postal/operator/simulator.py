"""A local simulator of the postal operator: it accepts announced items and plays their status
callbacks back to motcua, with faults injected (duplicates, shuffled order, failed attempts, returns,
bad signatures), signed exactly as the real operator must sign them (contract §2)."""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .base import Announcement, CheckResult
from .signing import signature


@dataclass(frozen=True)
class Faults:
    duplicates: float = 0.0  # share of events sent twice
    shuffle: bool = False  # send in random order
    failed_attempt: float = 0.0  # share of items with a failed attempt before delivery
    returned: float = 0.0  # share of items returned to sender after a failed attempt
    bad_signature: float = 0.0  # share of requests with a wrong signature
    seed: int | None = None


@dataclass(frozen=True)
class Event:
    event_id: str
    item_code: str
    status: str
    occurred_at: datetime
    reason: str = ""
    tracking_number: str = ""

    def body(self) -> bytes:
        data = {
            "event_id": self.event_id,
            "item_code": self.item_code,
            "status": self.status,
            "occurred_at": self.occurred_at.isoformat(),
            "reason": self.reason,
            "tracking_number": self.tracking_number,
        }
        return json.dumps(data, ensure_ascii=False).encode()


def story(code: str, kind: str, start: datetime, rng: random.Random, faults: Faults) -> list[Event]:
    """What happens to one item, in time order."""
    number = f"EB{rng.randrange(10**8, 10**9)}VN"
    steps: list[tuple[str, str]] = []
    if kind == "pickup":
        steps = [("collected", ""), ("in_transit", "")]
    else:
        steps = [("in_transit", "")]
        if rng.random() < faults.failed_attempt + faults.returned:
            steps += [("failed", "Người nhận vắng nhà"), ("in_transit", "")]
            if rng.random() < faults.returned / max(faults.failed_attempt + faults.returned, 1e-9):
                steps = steps[:-1] + [("returned", "Không liên lạc được người nhận")]
        if steps[-1][0] != "returned":
            steps.append(("delivered", ""))
    return [
        Event(f"{code}-{i}", code, status, start + timedelta(minutes=30 * (i + 1)), reason, number)
        for i, (status, reason) in enumerate(steps)
    ]


def callbacks(items: list[tuple[str, str]], *, start: datetime, faults: Faults = Faults()) -> list[Event]:
    """Every event of the items `(code, kind)`, duplicated and shuffled as the faults say."""
    rng = random.Random(faults.seed)
    events = [e for code, kind in items for e in story(code, kind, start, rng, faults)]
    events += [e for e in list(events) if rng.random() < faults.duplicates]
    if faults.shuffle:
        rng.shuffle(events)
    else:
        events.sort(key=lambda e: e.occurred_at)
    return events


def signed(
    event: Event, secret: str, *, now: float | None = None, corrupt: bool = False
) -> tuple[bytes, dict]:
    body = event.body()
    stamp = str(int(now if now is not None else time.time()))
    sig = signature(secret + ("x" if corrupt else ""), stamp, body)
    return body, {"Content-Type": "application/json", "X-Postal-Timestamp": stamp, "X-Postal-Signature": sig}


def send(
    events: list[Event], url: str, secret: str, *, faults: Faults = Faults(), post=None
) -> list[tuple[int, dict]]:
    """POST each event to motcua's callback URL (`post(url, body, headers) -> (status, json)` may be
    given, e.g. Django's test client); a 5xx or network error is retried once with the same event id."""
    rng = random.Random(faults.seed)
    post = post or _post
    answers = []
    for event in events:
        corrupt = rng.random() < faults.bad_signature
        body, headers = signed(event, secret, corrupt=corrupt)
        status, answer = post(url, body, headers)
        if status >= 500:
            body, headers = signed(event, secret, corrupt=corrupt)
            status, answer = post(url, body, headers)
        answers.append((status, answer))
    return answers


def _post(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310 (operator-given URL)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except (urllib.error.URLError, OSError) as error:
        return 599, {"error": str(error)}


@dataclass
class SimulatedOperator:
    """Accepts every announced item and remembers it (tests, demos, trial sessions)."""

    name: str = "simulator"
    announced: list[dict] = field(default_factory=list)

    def announce(self, payload: dict) -> Announcement:
        self.announced.append(payload)
        codes = [item["item_code"] for item in payload.get("items", [])]
        return Announcement(codes, {code: f"SIM{code[2:]}" for code in codes})

    def check(self) -> CheckResult:
        return CheckResult(
            True, "mô phỏng: bưu gửi được nhận tại chỗ, trạng thái do `motcua postal simulate` gửi đến"
        )
