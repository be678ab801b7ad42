"""One per-process cache of reference data, invalidated by one database stamp (ADR 0009, ADR 0047).

Reference data is what every request reads and few change: procedure versions, agencies, places, the
work calendars, staff scopes, units. Each process keeps what it built in a `Snapshot` of the stamp it
read; the apps above fill it with their entries (`snapshot().get(key, build)`: dossiers/reference.py,
calendar.selectors.calendar_for). There is one cache and one stamp for all of them.

Invalidation: one row (the stamp model, registered by the app that owns its table with `use_stamp`) gets
a new random value, inside the writer's transaction, from a database trigger on every table given to
`watch` (each app names its own tables at start-up): services, the admin, bulk loads, `QuerySet.update()`
and other processes alike. Each request reads the stamp and compares it with the one its process's cache
was built at. The stamp is random, not a counter, so a bump rolled back after this process cached what
it saw inside that transaction is never confused with a later, committed one. As a last guard every
entry also expires after MOTCUA_REFERENCE_CACHE_SECONDS (default 300).

`pinned()` reads the stamp once for a whole request (the API view and the service it calls).
Cached objects are shared: read them, never change or save them.
"""

from __future__ import annotations

import contextvars
import secrets
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, connection, connections, models, transaction

__all__ = [
    "Snapshot",
    "bump",
    "clear",
    "install_triggers",
    "pinned",
    "read_stamp",
    "snapshot",
    "triggered_tables",
    "ttl",
    "use_stamp",
    "watch",
    "watched_models",
    "watched_tables",
]

_MISSING = object()
_lock = threading.Lock()
_pinned: contextvars.ContextVar[Snapshot | None] = contextvars.ContextVar("motcua_reference", default=None)
_stamp: list[type[models.Model]] = []  # the model of the stamp's one row (id 1, value)
_watched: list[type[models.Model]] = []


def use_stamp(model: type[models.Model]) -> None:
    """The model whose row 1 holds the stamp (a `value` BigIntegerField): called once at start-up."""
    _stamp[:] = [model]


def watch(*watched: type[models.Model]) -> None:
    """Tables whose every write bumps the stamp (triggers installed after `migrate`): each app names its
    own reference tables in its AppConfig.ready."""
    for model in watched:
        if model not in _watched:
            _watched.append(model)


def _table() -> str:
    if not _stamp:
        raise RuntimeError("reference.use_stamp was never called (the dossiers app registers it)")
    return _stamp[0]._meta.db_table


def ttl() -> float:
    return float(getattr(settings, "MOTCUA_REFERENCE_CACHE_SECONDS", 300))


def read_stamp() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {_table()} WHERE id = 1")  # noqa: S608 - a model's table
        row = cursor.fetchone()
    return row[0] if row else -1


def bump() -> None:
    """Mark every process's cache stale (in the current transaction: rolled back with it).

    The new stamp is random, not the next number: a bump rolled back after this process cached what it
    saw inside that transaction must never be confused with a later, committed bump."""
    value = secrets.randbits(62)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_table()} SET value = %s WHERE id = 1", [value])  # noqa: S608
        if cursor.rowcount:
            return
    try:
        with transaction.atomic():
            _stamp[0].objects.create(pk=1, value=value)
    except IntegrityError:  # another process created the row first
        bump()


class Snapshot:
    """The cache of one stamp: entries built on first use."""

    def __init__(self, stamp: int):
        self.stamp = stamp
        self.born = time.monotonic()
        self.entries: dict[tuple, object] = {}

    def get(self, key: tuple, build: Callable[[], object]):
        found = self.entries.get(key, _MISSING)
        if found is _MISSING:
            found = build()
            if found is not None:  # a miss is never cached: the next call looks again
                self.entries[key] = found
        return found


_current: Snapshot | None = None


def snapshot() -> Snapshot:
    """The cache for the stamp in the database now (or the request's pinned one)."""
    global _current
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    stamp = read_stamp()
    current = _current
    if current is None or current.stamp != stamp or time.monotonic() - current.born > ttl():
        with _lock:
            current = _current = Snapshot(stamp)
    return current


@contextmanager
def pinned():
    """One stamp read for everything inside (one request)."""
    if _pinned.get() is not None:
        yield _pinned.get()
        return
    token = _pinned.set(snapshot())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def clear() -> None:
    global _current
    _current = None


# ---- invalidation -------------------------------------------------------------------------------------


def watched_models() -> list[type[models.Model]]:
    """The tables given to `watch`, in the order given."""
    return list(_watched)


def watched_tables(conn) -> list[str]:
    existing = set(conn.introspection.table_names())
    return [m._meta.db_table for m in watched_models() if m._meta.db_table in existing]


def triggered_tables(using: str = "default") -> set[str]:
    """The tables that have a stamp trigger now (what `install_triggers` should have left)."""
    conn = connections[using]
    sql = {
        "sqlite": "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
        "postgresql": "SELECT event_object_table FROM information_schema.triggers WHERE trigger_name LIKE %s",
    }.get(conn.vendor)
    if sql is None:  # pragma: no cover
        return set()
    with conn.cursor() as cursor:
        cursor.execute(sql, ["motcua_reference_%"])
        return {row[0] for row in cursor.fetchall()}


def _pg_function() -> str:
    return f"""
CREATE OR REPLACE FUNCTION motcua_reference_bump() RETURNS trigger AS $$
BEGIN
    INSERT INTO {_table()} (id, value) VALUES (1, floor(random() * 9.0e18)::bigint)
    ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""  # noqa: S608 - a model's table


def install_triggers(using: str = "default", **_signal_kwargs) -> int:
    """Database triggers that bump the stamp on any write to a watched table, whoever writes (services,
    admin, bulk loads, QuerySet.update, raw SQL, another process). Installed after every `migrate` (and
    test flush), so a table rebuilt by a later migration gets its trigger back. Returns the table count."""
    conn = connections[using]
    if not _stamp or _table() not in conn.introspection.table_names():
        return 0
    tables = watched_tables(conn)
    q = conn.ops.quote_name
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(_pg_function())
            for table in tables:
                name = q(f"motcua_reference_{table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {q(table)}")
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {q(table)}"
                    " FOR EACH STATEMENT EXECUTE FUNCTION motcua_reference_bump()"
                )
        elif conn.vendor == "sqlite":
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    name = q(f"motcua_reference_{table}_{event.lower()}")
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {q(table)} BEGIN"  # noqa: S608
                        f" INSERT OR REPLACE INTO {q(_table())} (id, value) VALUES (1, random()); END"
                    )
        else:  # pragma: no cover - other databases rely on the time limit alone
            return 0
    return len(tables)
