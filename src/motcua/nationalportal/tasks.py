"""Celery tasks of the national-portal client (beat schedules them; see settings.CELERY_BEAT_SCHEDULE)."""

from motcua.celery import app

from . import delivery


@app.task(name="nationalportal.sync", ignore_result=True)
def sync(max_seconds: float = 50.0) -> dict:
    """Deliver what is due for up to max_seconds (a run already going elsewhere makes this one a no-op)."""
    from django.conf import settings

    if not getattr(settings, "MOTCUA_PORTAL_URL", ""):
        return {"sent": 0, "delivered": 0, "rejected": 0, "busy": False}
    return delivery.sync(max_seconds=max_seconds)


@app.task(name="nationalportal.pull", ignore_result=True)
def pull() -> dict:
    from . import inbound

    return inbound.pull()


@app.task(name="nationalportal.reconcile", ignore_result=True)
def reconcile(day: str | None = None) -> dict:
    from django.conf import settings

    from . import reconciliation

    if not getattr(settings, "MOTCUA_PORTAL_URL", ""):
        return {}

    return reconciliation.reconcile(day)
