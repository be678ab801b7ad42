"""Celery tasks of the notifications (eager, in-process, without a broker)."""

from motcua.celery import app

from . import delivery, events


@app.task(name="notifications.deliver", ignore_result=True)
def deliver(delivery_id: int) -> str:
    return delivery.send(delivery_id)


@app.task(name="notifications.sweep", ignore_result=True)
def sweep() -> dict:
    """Beat, every minute: failed messages whose backoff has passed, and messages never started."""
    return delivery.sweep()


@app.task(name="notifications.plan_events", ignore_result=True)
def plan_events(event_ids: list[int]) -> int:
    """Events handed over by the outbox subscriber: plan their messages, then send them."""
    planned = events.plan_events(event_ids)
    for pk in planned:
        deliver.delay(pk)
    return len(planned)


@app.task(name="notifications.catch_up", ignore_result=True)
def catch_up() -> int:
    """Beat, every 15 minutes: the recent events planned again (idempotent)."""
    return events.catch_up()
