"""Celery tasks of the webhooks (eager, in-process, without a broker)."""

from motcua.celery import app

from . import services


@app.task(name="webhooks.deliver", ignore_result=True)
def deliver(delivery_id: int) -> str:
    return services.send(delivery_id)


@app.task(name="webhooks.sweep", ignore_result=True)
def sweep() -> dict:
    """Beat, every minute: deliveries whose backoff has passed."""
    return services.sweep()


@app.task(name="webhooks.plan_events", ignore_result=True)
def plan_events(event_ids: list[int]) -> int:
    planned = services.plan_events(event_ids)
    for pk in planned:
        deliver.delay(pk)
    return len(planned)


@app.task(name="webhooks.catch_up", ignore_result=True)
def catch_up() -> int:
    """Beat, every 15 minutes: the recent events planned again (idempotent)."""
    return services.catch_up()
