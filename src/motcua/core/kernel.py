"""The write kernel: how every state change of every app is written (ADR 0030).

A service opens one transaction and, inside it:

1. `lock` reads the row with SELECT … FOR UPDATE (SQLite: its IMMEDIATE transactions let one writer in);
2. `check_version` compares the version the actor saw with the row's (stale → `StaleWrite`, code
   "stale_write", the same in every app, never a lost update);
3. the service applies its rule and saves the row, `bump` adding one to its version;
4. `record` appends the app's audit row and an outbox event of the one schema below, together, and asks
   for delivery after the commit.

The event (one outbox row): `id` (the row's key), `topic` ("payment.paid"), `aggregate` ("payment"),
`aggregate_id` (the row's code or key, as text), `version` (the row's version after the change),
`occurred_at` (the moment of the change) and `payload` (codes and moments only, never personal data;
the fields are declared with the topic and checked on every write). `docs/events.md` is generated from
the topics declared with `topic` (`motcua kernel events-doc`).

The kernel imports no feature app: the outbox table is named by the setting MOTCUA_OUTBOX_MODEL and the
delivery task by its Celery name, as Django names the user model by AUTH_USER_MODEL.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, migrations, models, transaction
from django.utils.translation import gettext as _

from .errors import Conflict
from .fast import rows

log = logging.getLogger("motcua.kernel")

STALE_WRITE = "stale_write"
PUBLISH_TASK = "dossiers.publish_outbox"


class StaleWrite(Conflict):
    """The row changed since the actor read it: reload and try again."""

    code = STALE_WRITE

    def __init__(self, expected: int | None, current: int, message: str | None = None):
        super().__init__(
            message or _("Dữ liệu vừa được người khác cập nhật. Hãy tải lại rồi thực hiện lại."),
            details={"expected_version": expected, "current_version": current},
        )


# ---- topics: the documented event schema ----------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: str
    aggregate: str
    fields: tuple[str, ...]
    doc: str


TOPICS: dict[str, Topic] = {}


def topic(name: str, *, aggregate: str, fields: Iterable[str], doc: str) -> Topic:
    """Declare a topic with its payload fields (at import of the app's module that emits it)."""
    declared = Topic(name, aggregate, tuple(fields), " ".join(doc.split()))
    known = TOPICS.setdefault(name, declared)
    if known != declared:
        raise ValueError(f"topic {name} declared twice, differently")
    return declared


def outbox_model() -> type[models.Model]:
    return apps.get_model(getattr(settings, "MOTCUA_OUTBOX_MODEL", "dossiers.OutboxMessage"))


# ---- the steps --------------------------------------------------------------------------------------------


def lock(queryset: models.QuerySet, pk, *, missing: Callable[[], Exception]) -> models.Model:
    """The row `pk` of `queryset`, locked until the transaction ends; `missing()` is raised if absent."""
    _inside_transaction()
    if connection.features.has_select_for_update:
        of = ("self",) if connection.features.has_select_for_update_of else ()
        queryset = queryset.select_for_update(of=of)
    row = queryset.filter(pk=getattr(pk, "pk", pk)).first()
    if row is None:
        raise missing()
    return row


def check_version(
    row: models.Model, seen: int | None, *, field: str = "version", message: str | None = None
) -> None:
    """Refuse a write based on an older read. `seen=None`: the caller read nothing it could have
    missed (a gateway callback, a timer, the citizen's first action on a fresh row)."""
    current = getattr(row, field)
    if seen is not None and int(seen) != current:
        raise StaleWrite(seen, current, message)


def bump(row: models.Model, fields: Iterable[str] | None = None, *, field: str = "version") -> models.Model:
    """Save the changed `fields` (None: every field) of a locked row with its version + 1."""
    setattr(row, field, getattr(row, field) + 1)
    row.save(update_fields=None if fields is None else [*dict.fromkeys([*fields, field])])
    return row


def record(
    audit: models.Model | Iterable[models.Model] | None,
    name: str,
    *,
    aggregate_id,
    version: int | None,
    occurred_at: datetime,
    payload: dict,
    key: str | None = None,
    **columns,
):
    """Append the audit row(s) and the event of topic `name`, written together (ADR 0019)."""
    _inside_transaction()
    with rows.deferred():
        if audit is not None:
            rows.insert(*([audit] if isinstance(audit, models.Model) else audit))
        return emit(
            name,
            aggregate_id=aggregate_id,
            version=version,
            occurred_at=occurred_at,
            payload=payload,
            key=key,
            **columns,
        )


def emit(
    name: str,
    *,
    aggregate_id,
    version: int | None,
    occurred_at: datetime,
    payload: dict,
    key: str | None = None,
    **columns,
):
    """Write one outbox event. `key` orders delivery (events of one key are delivered in order; default
    "aggregate:id"); `columns` are further columns of the outbox model (the dossier link)."""
    message = event(
        name, aggregate_id=aggregate_id, version=version, occurred_at=occurred_at, payload=payload, key=key,
        **columns,
    )  # fmt: skip
    rows.insert(message)
    transaction.on_commit(_kick, robust=True)
    return message


def event(
    name: str,
    *,
    aggregate_id,
    version: int | None,
    occurred_at: datetime,
    payload: dict,
    key: str | None = None,
    **columns,
):
    """The outbox row of one event, checked against its declared topic, not yet written (what `emit`
    writes; the bulk writer builds its rows with it)."""
    declared = TOPICS.get(name)
    if declared is None:
        raise ValueError(f"undeclared event topic {name}")
    if set(payload) != set(declared.fields):
        raise ValueError(f"{name}: payload fields {sorted(payload)} are not the declared {declared.fields}")
    aggregate_id = str(aggregate_id)
    return rows.new(
        outbox_model(),
        topic=name,
        aggregate=declared.aggregate,
        aggregate_id=aggregate_id,
        version=version,
        occurred_at=occurred_at,
        key=key if key is not None else f"{declared.aggregate}:{aggregate_id}"[:60],
        payload=payload,
        **columns,
    )


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _inside_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("kernel writes run inside the service's transaction")


# ---- after the commit -------------------------------------------------------------------------------------

_run_asked_for = 0.0  # monotonic moment at which the last publish run asked for by this process starts


def kick_seconds() -> float:
    return float(getattr(settings, "MOTCUA_OUTBOX_KICK_SECONDS", 1.0))


def _kick() -> None:
    """After commit: ask the worker to deliver.

    Without a broker (development, tests) the run is eager, in-process, at once. With one, a process
    sends at most one task per MOTCUA_OUTBOX_KICK_SECONDS, with that countdown: a run that has been
    asked for and has not started yet reads every event committed before it starts, including this one,
    so a busy counter costs one broker message a second instead of one per reception."""
    global _run_asked_for
    from motcua.celery import app

    try:
        task = app.tasks[PUBLISH_TASK]
        if app.conf.task_always_eager:
            task.delay()
            return
        delay = kick_seconds()
        now = time.monotonic()
        if now < _run_asked_for - delay / 4:  # a quarter of the countdown as a margin for clocks
            return
        task.apply_async(countdown=delay)
        _run_asked_for = now + delay
    except Exception:  # the event stays in the outbox; the next run delivers it
        log.exception("could not schedule %s", PUBLISH_TASK)


# ---- the events document ----------------------------------------------------------------------------------


def document() -> str:
    """docs/events.md: every declared topic with its payload fields."""
    lines = [
        "# Events (outbox topics)",
        "",
        "Generated from the topics declared in the code (`motcua kernel events-doc`); do not edit by hand.",
        "Every event is one outbox row written in the transaction of the change it reports (ADR 0030):",
        "",
        "| Field | Meaning |",
        "|---|---|",
        "| `id` | the outbox row's key, increasing |",
        "| `topic` | one of the topics below |",
        "| `aggregate` | the kind of row that changed |",
        "| `aggregate_id` | that row's code or key |",
        "| `version` | the row's version after the change (empty where the row has none) |",
        "| `occurred_at` | the moment of the change |",
        "| `payload` | the topic's fields below: codes and moments, never personal data |",
        "",
    ]
    by_aggregate: dict[str, list[Topic]] = {}
    for declared in sorted(TOPICS.values(), key=lambda t: (t.aggregate, t.name)):
        by_aggregate.setdefault(declared.aggregate, []).append(declared)
    for aggregate, topics in sorted(by_aggregate.items()):
        lines += [f"## `{aggregate}`", "", "| Topic | Payload fields | When |", "|---|---|---|"]
        for t in topics:
            fields = ", ".join(f"`{f}`" for f in t.fields)
            lines.append(f"| `{t.name}` | {fields} | {t.doc} |")
        lines.append("")
    return "\n".join(lines)


def load_topics() -> dict[str, Topic]:
    """Import every installed app's `events` module (where an app declares its topics)."""
    from importlib import import_module
    from importlib.util import find_spec

    for config in apps.get_app_configs():
        name = f"{config.name}.events"
        if find_spec(name) is not None:
            import_module(name)
    return TOPICS


# ---- append-only tables (ADR 0031) ------------------------------------------------------------------------

PURGE_SETTING = "motcua.purge"  # PostgreSQL: a custom setting of the session
_purging = False  # SQLite: read by the motcua_may_purge() function registered on each connection


class AppendOnly(migrations.operations.base.Operation):
    """Make a table append-only in the database: a trigger refuses every UPDATE and every DELETE, on
    PostgreSQL (a PL/pgSQL function) and SQLite alike. Only a DELETE inside `purging()` passes (the
    test suite's clean-up; a legal retention purge would use it too); an UPDATE never does.

    SQLite rebuilds a table to alter it, which drops its triggers: a later migration altering such a
    table must apply this operation again (tests/core/test_append_only.py checks every one of them)."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, table: str):
        self.table = table

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for statement in _append_only_sql(schema_editor.connection, self.table):
            schema_editor.execute(statement, None)  # no parameters: the "%" of RAISE stay as written

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for name in _trigger_names(self.table):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{self.table}"')
            else:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")

    def describe(self):
        return f"Make {self.table} append-only"

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.table], {})


def _trigger_names(table: str) -> list[str]:
    return [f"{table}_append_only", f"{table}_no_update", f"{table}_no_delete"]


def _append_only_sql(connection, table: str) -> list[str]:
    refused = f"append-only table {table}"
    if connection.vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION motcua_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('{PURGE_SETTING}', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END $$""",
            f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"',
            f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION motcua_append_only()",
        ]
    if connection.vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update",
            f"DROP TRIGGER IF EXISTS {table}_no_delete",
            f'CREATE TRIGGER {table}_no_update BEFORE UPDATE ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{refused}: UPDATE refused'); END",
            f'CREATE TRIGGER {table}_no_delete BEFORE DELETE ON "{table}" WHEN NOT motcua_may_purge() '
            f"BEGIN SELECT RAISE(ABORT, '{refused}: DELETE refused'); END",
        ]
    raise NotImplementedError(f"append-only tables on {connection.vendor}")


@contextmanager
def purging(using: str = "default"):
    """Let DELETEs (never UPDATEs) through the append-only triggers inside the block."""
    global _purging
    connection = connections[using]
    before = _purging
    _purging = True
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [PURGE_SETTING])
    try:
        yield
    finally:
        _purging = before
        if connection.vendor == "postgresql" and not before:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, '', false)", [PURGE_SETTING])


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """connection_created: the function the SQLite triggers ask (core/apps.py connects it)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("motcua_may_purge", 0, lambda: int(_purging))
