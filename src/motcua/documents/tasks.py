"""Celery tasks of the documents app (run eagerly, in-process, when no broker is configured)."""

from motcua.celery import app

from . import files


@app.task(name="documents.sweep", ignore_result=True)
def sweep() -> int:
    """Delete files no row names, older than MOTCUA_DOCUMENT_ORPHAN_GRACE: what a process killed between
    writing a file and committing its row left behind (beat: every hour; ADR 0054)."""
    return len(files.sweep())
