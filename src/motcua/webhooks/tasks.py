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
