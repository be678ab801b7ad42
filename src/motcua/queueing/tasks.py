"""Celery task of the queue (eager in-process when no broker is configured). Schedule it with Celery
beat every few minutes (see docs/decisions/0015-queue-numbers.md); `call_next` also expires what is due
at its place, so the line is right even when the task did not run."""

from motcua.celery import app

from .services import expire_due


@app.task(name="queueing.expire", ignore_result=True)
def expire() -> int:
    return expire_due()
