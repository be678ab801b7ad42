"""Bytes on storage, kept in step with the database.

A file is written before its row, inside the caller's transaction: a row never points at a missing
file. The opposite, a file without a row, is cleaned up in three ways:
1. the service that wrote it deletes it when its own block fails;
2. when an enclosing transaction rolls back, `discard_rolled_back()` (run when each request or task
   ends, and before each new write) deletes the files written inside it;
3. a crash between writing and committing is left to `motcua documents sweep`, which deletes files
   older than a grace period that no row names.
Before deleting, (2) and (3) ask the database whether a committed row names the file: a lost on_commit
callback can delay a cleanup, never delete a stored document.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO

from django.core.files.base import File
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from . import conf

logger = logging.getLogger(__name__)
CHUNK = 1024 * 1024
_local = threading.local()


@dataclass
class _Pending:
    name: str
    using: str
    outermost: object  # the Atomic that opened the transaction the file was written in


def sha256_of(stream: BinaryIO) -> str:
    stream.seek(0)
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def new_name(extension: str, now: datetime | None = None) -> str:
    """documents/2025/07/<random>.pdf: no personal data in paths, no collisions between counters."""
    now = timezone.localtime(now)
    return f"{conf.PREFIX}/{now:%Y/%m}/{uuid.uuid4().hex}{extension}"


def _pending() -> list[_Pending]:
    if not hasattr(_local, "pending"):
        _local.pending = []
    return _local.pending


def write(stream: BinaryIO, name: str, using: str = DEFAULT_DB_ALIAS) -> str:
    """Save the bytes; must run inside transaction.atomic so a rollback can be noticed."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        raise RuntimeError("files.write must run inside transaction.atomic")
    stream.seek(0)
    stored = conf.storage().save(name, File(stream, name=name))
    entry = _Pending(stored, using, connection.atomic_blocks[0])
    _pending().append(entry)
    transaction.on_commit(lambda: _forget(entry), using=using, robust=True)
    return stored


def _forget(entry: _Pending) -> None:
    pending = _pending()
    if entry in pending:
        pending.remove(entry)


def delete_now(name: str) -> None:
    """Remove a file this thread just wrote, after its own block failed."""
    for entry in [e for e in _pending() if e.name == name]:
        _forget(entry)
    _delete(name)


def _delete(name: str) -> None:
    try:
        conf.storage().delete(name)
    except Exception:  # a cleanup failure must not hide the error being handled; the sweep retries
        logger.exception("could not delete orphan file %s", name)


def _transaction_over(entry: _Pending) -> bool:
    connection = transaction.get_connection(entry.using)
    return not connection.atomic_blocks or connection.atomic_blocks[0] is not entry.outermost


def discard_rolled_back() -> int:
    """Delete the files of this thread's transactions that ended without committing them."""
    from .models import Document

    pending = _pending()
    over = [e for e in pending if _transaction_over(e)]
    if not over:
        return 0
    named = set(
        Document.objects.filter(storage_name__in=[e.name for e in over]).values_list(
            "storage_name", flat=True
        )
    )
    deleted = 0
    for entry in over:
        pending.remove(entry)
        if entry.name not in named:
            _delete(entry.name)
            deleted += 1
    return deleted


def read_verified(name: str, sha256: str) -> bytes | None:
    """The bytes if their SHA-256 is the recorded one; None when they differ; FileNotFoundError when
    the file is gone."""
    storage = conf.storage()
    if not storage.exists(name):
        raise FileNotFoundError(name)
    with storage.open(name, "rb") as handle:
        data = handle.read()
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def _walk(storage, folder: str):
    folders, files = storage.listdir(folder)
    for file_name in files:
        yield f"{folder}/{file_name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def sweep(*, older_than: timedelta | None = None, dry_run: bool = False) -> list[str]:
    """Delete files under documents/ that no row names and that are older than the grace period."""
    from .models import Document

    storage = conf.storage()
    # `is None`, not `or`: timedelta(0) (`--older-than 0`, after a restore) is falsy and meant "all of them".
    grace = older_than if older_than is not None else timedelta(seconds=conf.orphan_grace_seconds())
    cutoff = timezone.now() - grace
    try:
        names = list(_walk(storage, conf.PREFIX))
    except FileNotFoundError:
        return []
    known: set[str] = set()
    for start in range(0, len(names), 1000):
        batch = names[start : start + 1000]
        known.update(Document.objects.filter(storage_name__in=batch).values_list("storage_name", flat=True))
    removed = []
    for name in names:
        if name in known or storage.get_modified_time(name) > cutoff:
            continue
        if not dry_run:
            _delete(name)
        removed.append(name)
    return removed
