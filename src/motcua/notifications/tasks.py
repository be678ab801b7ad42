"""Celery tasks of the notifications (eager, in-process, without a broker)."""

from motcua.celery import app

from . import delivery


@app.task(name="notifications.deliver", ignore_result=True)
def deliver(delivery_id: int) -> str:
    return delivery.send(delivery_id)


@app.task(name="notifications.sweep", ignore_result=True)
def sweep() -> dict:
    """Beat, every minute: failed messages whose backoff has passed, and messages never started."""
    return delivery.sweep()
