"""Celery task of the index: the weekly ranking snapshot of last week (beat: every Monday at 01:00)."""

from motcua.celery import app

from . import services


@app.task(name="index.weekly_snapshot", ignore_result=True)
def weekly_snapshot() -> int:
    return services.take_snapshot()
