"""Nightly pseudonymisation of people on dossiers ended before the retention limit (Celery beat,
settings.CELERY_BEAT_SCHEDULE["privacy-pseudonymise"], ADR 0053)."""

from motcua.celery import app


@app.task(name="privacy.pseudonymise", ignore_result=True)
def pseudonymise() -> int:
    from .services import pseudonymise as run

    return run().dossiers
