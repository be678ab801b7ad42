"""Handing outbox events over to a Celery task after the publishing transaction commits, in one message
per batch: the subscriber itself does no query, so publishing (the national portal's path, ≥ 500
events/s) does not slow down for notifications or webhooks (bench/bench_notifications.py).

Between the commit and the broker's acknowledgement an event could be lost to a killed process; the
periodic catch-up (`notifications.catch_up`, `webhooks.catch_up`) plans the recent events again, which
is harmless because planning is idempotent (unique rows).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import transaction

log = logging.getLogger("motcua.notifications")


class Handoff:
    def __init__(self, task_getter: Callable):
        self._task_getter = task_getter  # imported late: tasks import the app's modules
        self._local = threading.local()

    def add(self, event_id: int) -> None:
        pending = self._local.__dict__.setdefault("ids", [])
        pending.append(event_id)
        # One callback per event is cheap; the first after the commit takes them all, the others find
        # nothing. Ids left by a rolled-back batch go with the next commit (planning them is harmless).
        transaction.on_commit(self.flush, robust=True)

    def flush(self) -> None:
        ids, self._local.ids = getattr(self._local, "ids", []), []
        if not ids:
            return
        try:
            self._task_getter().delay(sorted(set(ids)))
        except Exception:  # the catch-up plans them later
            log.exception("could not hand %s events over", len(ids))
