"""Celery tasks of the dossier engine (run eagerly, in-process, when no broker is configured)."""

from motcua.celery import app

from .outbox import prune_published, publish_pending


@app.task(name="dossiers.publish_outbox", ignore_result=True)
def publish_outbox(batch_size: int = 200) -> int:
    """Deliver pending outbox events in batches; a worker (or the eager run after a commit) calls it."""
    return publish_pending(batch_size=batch_size)


@app.task(name="dossiers.prune_outbox", ignore_result=True)
def prune_outbox() -> int:
    """Delete delivered events older than MOTCUA_OUTBOX_RETENTION_DAYS, in batches (beat: every hour)."""
    return prune_published()
