"""Pushing captured events to the portal: batched, per-dossier order, at least once, idempotent.

One delivery lane at a time (a PostgreSQL advisory lock, or a file lock on SQLite), so two workers
never interleave one dossier's events. Rows are read, the batch is sent outside any transaction (a
slow portal must not hold a write lock that reception needs), and the answers are written in one short
transaction. The portal drops an event id it already accepted (the answer says `duplicate`), so a
worker killed between the send and the write only causes a resend, never a second status change.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from . import backoff, contract
from .client import Client, PortalUnavailable
from .models import EventState, PortalEvent

log = logging.getLogger("motcua.nationalportal")
LOCK_ID = 0x4D43_5053  # "MCPS": the advisory lock of the delivery lane
OPEN = (EventState.PENDING, EventState.DEAD)


@dataclass
class Outcome:
    sent: int = 0
    delivered: int = 0
    rejected: int = 0
    unavailable: bool = False


@contextlib.contextmanager
def lane():
    """True when this process holds the delivery lane, False when another one does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
            held = cur.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cur:
                    cur.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
        return
    path = settings.MOTCUA_HOME / "nationalportal-lane.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def _due_batch(now, size: int) -> list[PortalEvent]:
    """The next events to send: per dossier, the open events in sequence order up to the first one that
    is dead or still waiting out its backoff (what comes after it waits for it)."""
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    candidates = list(
        PortalEvent.objects.filter(due, state=EventState.PENDING)
        .order_by("id")
        .values_list("id", "dossier_code")[: size * 2]
    )
    if not candidates:
        return []
    codes = {code for _, code in candidates}
    wanted: list[int] = []
    rows = (
        PortalEvent.objects.filter(dossier_code__in=codes, state__in=OPEN)
        .order_by("dossier_code", "sequence", "id")
        .values_list("id", "dossier_code", "state", "next_attempt_at")
    )
    blocked: set[str] = set()
    for pk, code, state, next_at in rows:
        if code in blocked:
            continue
        if state == EventState.DEAD or (next_at is not None and next_at > now):
            blocked.add(code)
            continue
        wanted.append(pk)
    wanted.sort()
    return list(PortalEvent.objects.filter(pk__in=wanted[:size]).order_by("dossier_code", "sequence", "id"))


def _people(codes) -> dict[str, dict]:
    from motcua.dossiers.models import Dossier

    found = {}
    for row in Dossier.objects.filter(code__in=codes).values(
        "code", "finished_at", "returned_at", "applicant__full_name", "applicant__id_number",
        "applicant__kind", "applicant__tax_code",
    ):  # fmt: skip
        found[row["code"]] = row
    return found


def _records(events: list[PortalEvent]) -> list[dict]:
    people = _people({e.dossier_code for e in events})
    out = []
    for e in events:
        d = people.get(e.dossier_code, {})
        event = {**e.payload, "event_id": e.event_id, "dossier_code": e.dossier_code}
        event |= {"sequence": e.sequence, "status_code": e.status_code}
        # Moments the outbox event does not carry come from the dossier, once they happened.
        if e.status_code >= 9 and not event.get("finished_at"):
            event["finished_at"] = d.get("finished_at")
        if e.status_code == 10 and not event.get("returned_at"):
            event["returned_at"] = d.get("returned_at")
        applicant = {
            "name": d.get("applicant__full_name"),
            "id_number": d.get("applicant__id_number"),
            "kind": d.get("applicant__kind"),
            "tax_code": d.get("applicant__tax_code"),
        }
        out.append(contract.record(event, applicant))
    return out


def deliver_batch(client: Client, size: int = 500, rng: random.Random | None = None) -> Outcome:
    """Send one batch and record the answers (call while holding the lane)."""
    now = timezone.now()
    events = _due_batch(now, min(size, contract.MAX_ITEMS))
    if not events:
        return Outcome()
    outcome = Outcome(sent=len(events))
    try:
        results = client.push(_records(events))
    except PortalUnavailable as exc:
        outcome.unavailable = True
        _unavailable(events, str(exc))
        log.warning("national portal unavailable (%s events wait): %s", len(events), exc)
        return outcome
    delivered, retry = [], []
    for e in events:
        result = results.get(e.event_id) or {"error_code": contract.HELD_BACK, "message": "no answer"}
        e.attempts += 1
        code = str(result.get("error_code"))
        if code == contract.OK:
            e.state, e.delivered_at, e.last_error, e.next_attempt_at = EventState.DELIVERED, now, "", None
            delivered.append(e)
            continue
        e.last_error = f"{code} {result.get('field', '')} {result.get('message', '')}".strip()[:2000]
        if code not in contract.RETRYABLE_ITEM:
            e.rejections += 1
            outcome.rejected += 1
            if e.rejections >= backoff.max_tries():
                e.state = EventState.DEAD
                log.error(
                    "national portal: event %s of %s dead: %s", e.event_id, e.dossier_code, e.last_error
                )
            else:
                e.next_attempt_at = now + backoff.delay(e.rejections, rng)
        retry.append(e)
    with transaction.atomic():
        # The usual case in one statement; only refused events need their own values.
        PortalEvent.objects.filter(pk__in=[e.pk for e in delivered]).update(
            state=EventState.DELIVERED, delivered_at=now, last_error="", next_attempt_at=None,
            attempts=F("attempts") + 1,
        )  # fmt: skip
        if retry:
            PortalEvent.objects.bulk_update(
                retry, ["state", "attempts", "rejections", "last_error", "next_attempt_at"], batch_size=500
            )
    outcome.delivered = len(delivered)
    return outcome


def _unavailable(events, error: str) -> None:
    """A failed request says nothing about these events: they keep their place (no backoff of their
    own, so a recovered portal gets the whole backlog at once); the lane waits instead (sync)."""
    PortalEvent.objects.filter(pk__in=[e.pk for e in events]).update(
        attempts=F("attempts") + 1, last_error=error[:2000]
    )


def sync(
    *, until_empty: bool = False, size: int = 500, max_seconds: float | None = None, client=None
) -> dict:
    """Deliver what is due. until_empty: keep going (waiting out backoffs) until nothing is pending.
    What the Celery task and `motcua portal sync` run."""
    totals = {"sent": 0, "delivered": 0, "rejected": 0, "busy": False}
    started = time.monotonic()
    outages = 0  # failed requests in a row: the lane's own backoff
    idle = 0  # rounds in a row that found nothing to send
    with lane() as held:
        if not held:
            totals["busy"] = True
            return totals
        client = client or Client()
        while True:
            outcome = deliver_batch(client, size)
            totals["sent"] += outcome.sent
            totals["delivered"] += outcome.delivered
            totals["rejected"] += outcome.rejected
            outages = outages + 1 if outcome.unavailable else 0
            if max_seconds is not None and time.monotonic() - started > max_seconds:
                break
            if outcome.unavailable:
                if not until_empty:
                    break  # the next run (beat, a kick) tries again
                time.sleep(backoff.probe_delay(outages))
                continue
            if outcome.sent:
                idle = 0
                continue
            if not until_empty:
                break
            wait = _next_wait()
            idle = idle + 1 if wait == 0 else 0  # due yet not sendable, again and again: give up
            if wait is None or idle > 20:
                break  # what is left is dead or waits behind a dead event
            time.sleep(min(max(wait, 0.01), 5.0))
    return totals


def _next_wait() -> float | None:
    """Seconds until the next refused event waiting out its backoff is due (0: already due); None when
    there is none (what is left is dead, or waits behind a dead event: an operator's decision)."""
    dead = PortalEvent.objects.filter(state=EventState.DEAD).values("dossier_code")
    first = (
        PortalEvent.objects.filter(state=EventState.PENDING, next_attempt_at__isnull=False)
        .exclude(dossier_code__in=dead)
        .aggregate(at=Min("next_attempt_at"))["at"]
    )
    return max((first - timezone.now()).total_seconds(), 0.0) if first else None


def figures(now=None) -> dict:
    """The supervisor's figures: counts per state, backlog, lag (age of the oldest pending event)."""
    now = now or timezone.now()
    counts = dict(PortalEvent.objects.values_list("state").annotate(n=Count("id")).order_by())
    oldest = PortalEvent.objects.filter(state=EventState.PENDING).aggregate(at=Min("created_at"))["at"]
    last = (
        PortalEvent.objects.filter(state=EventState.DELIVERED)
        .order_by("-delivered_at")
        .values_list("delivered_at", flat=True)
        .first()
    )
    return {
        "events": sum(counts.values()),
        "delivered": counts.get(EventState.DELIVERED, 0),
        "pending": counts.get(EventState.PENDING, 0),
        "dead": counts.get(EventState.DEAD, 0),
        "skipped": counts.get(EventState.SKIPPED, 0),
        "lag_seconds": max((now - oldest).total_seconds(), 0) if oldest else 0,
        "last_delivered_at": last,
    }
