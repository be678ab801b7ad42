"""New rows written in as few statements as the database allows.

Receiving a dossier creates eight rows in six tables. Through the ORM that is eight statements, each
built by the query compiler, and on PostgreSQL eight round trips to the server: about half of a
reception's time (docs/performance.md, ADR 0019). Here the rows are model instances as before; their
primary keys are allocated first, in one statement (so rows may point at each other in any order: the
foreign keys Django creates are checked at commit), then they are written with one multi-row INSERT per
table, and on PostgreSQL with one statement for all tables.

Values go through each field's own `pre_save` and `get_db_prep_save`, exactly as `Model.save` does, so
what is stored is what the ORM would store. No signals are sent: none of these models has receivers.

    with rows.deferred():          # inside the service's transaction
        rows.insert(dossier)       # collected ...
        rows.insert(*steps)
    # ... and written here, at the end of the block (nothing is written if the block raises)

`insert` outside a `deferred()` block writes at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

__all__ = [
    "Reader",
    "allocate",
    "bound_cursor",
    "columns",
    "combined",
    "deferred",
    "get",
    "insert",
    "marks",
    "new",
    "reader",
    "statement",
    "write",
]

_pending: ContextVar[list[models.Model] | None] = ContextVar("motcua_rows_pending", default=None)
_sequences: dict[tuple[str, str], str] = {}  # (alias, table) -> PostgreSQL sequence of its primary key


@contextmanager
def deferred() -> Iterator[None]:
    """Collect what `insert` is given inside the block; write it all when the block ends without error.
    Nested blocks share the outermost one."""
    if _pending.get() is not None:
        yield
        return
    pending: list[models.Model] = []
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    write(pending)


def insert(*objs: models.Model) -> None:
    """Write new instances now, or at the end of the enclosing `deferred()` block."""
    pending = _pending.get()
    if pending is None:
        write(objs)
    else:
        pending.extend(objs)


def write(objs, using: str = DEFAULT_DB_ALIAS) -> None:
    """Insert new model instances (primary key unset, or set by the caller) in one transaction."""
    if not objs:
        return
    connection = connections[using]
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objs:
        if not obj._state.adding:
            raise ValueError(f"{obj!r} is already stored")
        by_model.setdefault(type(obj), []).append(obj)
    with transaction.atomic(using=using, savepoint=False):  # SQLite: holds the write lock from here
        allocate(connection, {m: [o for o in group if o.pk is None] for m, group in by_model.items()})
        statements, count = [], 0
        for model, group in by_model.items():
            sql, params = statement(connection, model, group, count)
            statements.append((sql, params))
            count += len(params)
        with bound_cursor(connection, native=True) as cursor:
            for sql, params in combined(connection, statements):
                cursor.execute(sql, params)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def combined(connection, statements: list[tuple[str, list]]) -> list[tuple[str, list]]:
    """The INSERTs of `write` as sent: on PostgreSQL one statement (data-modifying CTEs), one round
    trip for all tables; elsewhere as they are."""
    if connection.vendor != "postgresql" or len(statements) < 2:
        return statements
    *firsts, (last_sql, last_params) = statements
    ctes = ", ".join(f"w{i} AS ({sql})" for i, (sql, _) in enumerate(firsts))
    return [(f"WITH {ctes} {last_sql}", [p for _, ps in firsts for p in ps] + last_params)]


@contextmanager
def bound_cursor(connection, *, native: bool = False):
    """On PostgreSQL a cursor with server-side binding: parameters travel apart from the SQL text (no
    quoting of a hundred values into it on the client) and psycopg prepares a statement from its Nth
    run on a connection (settings: DATABASE_PREPARE_THRESHOLD; Django's default is never), so the
    server stops parsing and planning it. Django's wrapper stays around it
    (error translation, execute_wrapper, the DEBUG query log). Elsewhere, Django's own cursor.

    `native`: the SQL carries the database's own placeholders (`marks`), sent as they are. psycopg
    rewrites %s into $1, $2 with a regular expression and keeps the result only for texts under 4 KB
    with at most 50 parameters; a reception's one statement has about 150, so that ran on every
    reception (8 % of it on PostgreSQL); psycopg's RawCursor takes $n as they are. Django's SQLite
    cursor rewrites %s into ? with a regular expression on every statement (7 % of a reception's
    instructions); ours takes ? as they are. While Django logs queries (DEBUG, tests counting them)
    SQLite keeps %s and Django's cursor, whose log needs them."""
    if native and _style(connection) == "?":
        connection.ensure_connection()
        raw = connection.connection.cursor(factory=_native_sqlite_cursor_class())
        with connection._prepare_cursor(raw) as cursor:
            yield cursor
        return
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    cursor_class = _raw_cursor_class() if native else _server_cursor_class()
    with connection._prepare_cursor(cursor_class(connection.connection)) as cursor:
        yield cursor


def _server_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    return ServerBindingCursor


@cache
def _raw_cursor_class():
    import psycopg
    from django.db.backends.postgresql.base import CursorMixin

    class RawBindingCursor(CursorMixin, psycopg.RawCursor):
        """Django's psycopg cursor (callproc) on psycopg's raw-query cursor."""

    return RawBindingCursor


@cache
def _native_sqlite_cursor_class():
    from django.db.backends.sqlite3.base import SQLiteCursorWrapper

    class NativeSQLiteCursor(SQLiteCursorWrapper):
        """Django's SQLite cursor for SQL already written with sqlite3's own ? placeholders."""

        def convert_query(self, query, *, param_names=None):
            return query

    return NativeSQLiteCursor


def _style(connection) -> str:
    if connection.vendor == "postgresql":
        return "$"
    if connection.vendor == "sqlite" and not connection.queries_logged:
        return "?"
    return "%s"  # SQLite while queries are logged (DEBUG, tests counting them): Django's log needs %s


def marks(connection, start: int, count: int) -> list[str]:
    """Placeholders for the parameters start+1 ... start+count of a `bound_cursor(native=True)`
    statement: the database's own ($n on PostgreSQL, ? on SQLite), or Django's %s."""
    style = _style(connection)
    if style == "$":
        return [f"${n}" for n in range(start + 1, start + count + 1)]
    return [style] * count


def allocate(connection, wanting: dict[type[models.Model], list]) -> None:
    """Primary keys for the instances without one, in one statement for all tables: each object's `pk`
    is set (any object with a `pk` attribute will do, e.g. stand-ins for rows written by hand)."""
    wanting = {m: group for m, group in wanting.items() if group}
    if not wanting:
        return
    q = connection.ops.quote_name
    parts, params = [], []
    for model, group in wanting.items():
        table, pk = model._meta.db_table, model._meta.pk.column
        if connection.vendor == "postgresql":
            name, size = marks(connection, len(params), 2)  # placeholders, never values
            parts.append(
                f"ARRAY(SELECT nextval({name}::regclass) FROM generate_series(1, {size}::int))"  # noqa: S608
            )
            params += [_sequence(connection, table, pk), len(group)]
        elif connection.vendor == "sqlite":
            # The transaction holds SQLite's write lock, so nobody else takes these numbers meanwhile;
            # AUTOINCREMENT never reuses a number, hence the larger of the counter and the last row.
            (name,) = marks(connection, len(params), 1)
            parts.append(
                f"MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = {name}), 0),"  # noqa: S608
                f" COALESCE((SELECT MAX({q(pk)}) FROM {q(table)}), 0))"
            )
            params.append(table)
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
            raise NotImplementedError(connection.vendor)
    with bound_cursor(connection, native=True) as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        found = cursor.fetchone()
    for group, value in zip(wanting.values(), found, strict=True):
        keys = value if connection.vendor == "postgresql" else range(value + 1, value + 1 + len(group))
        for obj, key in zip(group, keys, strict=True):
            obj.pk = key


def _sequence(connection, table: str, column: str) -> str:
    key = (connection.alias, table)
    if key not in _sequences:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column]
            )
            _sequences[key] = cursor.fetchone()[0]
    return _sequences[key]


class _Plan:
    """What writing one model's rows needs, worked out once per model and connection."""

    def __init__(self, model: type[models.Model], connection):
        q = connection.ops.quote_name
        self.fields = [f for f in model._meta.concrete_fields if not f.generated]
        self.head = f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(f.column) for f in self.fields)})"
        self.texts: dict[tuple, str] = {}  # (rows, first placeholder, style) -> the INSERT's text
        self.relations = [f for f in self.fields if f.is_relation]
        # (attname, plain types, field): for these field classes pre_save is the attribute itself and
        # get_db_prep_save returns None or a value of exactly these types unchanged.
        # The last item: does an aware datetime skip the field's conversion (plain DateTimeFields, given
        # as DateTimeField.get_db_prep_save would: unchanged on PostgreSQL, naive text on SQLite).
        zone = connection.timezone if settings.USE_TZ else None
        fast = connection.vendor == "postgresql" or (connection.vendor == "sqlite" and zone is not None)
        self.aware = (
            None
            if connection.vendor == "postgresql"
            else (lambda value: str(value.astimezone(zone).replace(tzinfo=None)))
        )
        self.columns = [
            (f.attname, _plain_types(f), f, fast and type(f) is models.DateTimeField
             and not (f.auto_now or f.auto_now_add))
            for f in self.fields
        ]  # fmt: skip

    def values(self, obj, connection) -> list:
        for field in self.relations:  # the foreign key ids from the related objects, as Model.save does
            if field.is_cached(obj):
                related = field.get_cached_value(obj)
                if related is None:
                    continue
                if related.pk is None:
                    raise ValueError(f"{obj!r}: the related {field.name} is not stored")
                if getattr(obj, field.attname) in field.empty_values:
                    setattr(obj, field.name, related)  # the id, keeping the object cached
        out = []
        for attname, plain, field, datetime_fast in self.columns:
            value = getattr(obj, attname)
            if plain and (value is None or type(value) in plain):
                out.append(value)
            elif datetime_fast and type(value) is datetime and value.utcoffset() is not None:
                out.append(value if self.aware is None else self.aware(value))
            else:
                out.append(field.get_db_prep_save(field.pre_save(obj, add=True), connection))
        return out


def _plain_types(field) -> tuple[type, ...]:
    if field.is_relation:
        return _plain_types(field.target_field) if field.many_to_one else ()
    if isinstance(field, models.DateField | models.DecimalField | models.JSONField | models.UUIDField):
        return ()  # converted by the database backend (or set by auto_now)
    if isinstance(field, models.BooleanField):
        return (bool,)
    if isinstance(field, models.IntegerField):
        return (int,)
    if isinstance(field, models.CharField | models.TextField):
        return (str,)
    return ()


_plans: dict[tuple[str, type[models.Model]], _Plan] = {}


def _plan(connection, model: type[models.Model]) -> _Plan:
    plan = _plans.get((connection.alias, model))
    if plan is None:
        plan = _plans[(connection.alias, model)] = _Plan(model, connection)
    return plan


def columns(connection, model: type[models.Model]) -> list[models.Field]:
    """The fields `statement` writes, in the order of its columns (and of each row's parameters)."""
    return list(_plan(connection, model).fields)


def statement(connection, model: type[models.Model], group: list[models.Model], start: int = 0):
    """(text, parameters) of the INSERT of `group` as `write` sends it, its placeholders numbered from
    start + 1 (see `marks`); the foreign key ids are taken from the related objects first."""
    plan = _plan(connection, model)
    params: list = []
    for obj in group:
        params += plan.values(obj, connection)
    key = (len(group), start, _style(connection))
    text = plan.texts.get(key)
    if text is None:
        width, placeholders = len(plan.fields), marks(connection, start, len(params))
        rows_ = [placeholders[i : i + width] for i in range(0, len(placeholders), width)]
        text = plan.texts[key] = f"{plan.head} VALUES {', '.join('(' + ', '.join(r) + ')' for r in rows_)}"
    return text, params


# ---- new instances without Model.__init__ --------------------------------------------------------------


class _Builder:
    """What `new` needs for one model: every concrete field's default, and the fields by name."""

    def __init__(self, model: type[models.Model]):
        self.fixed: dict[str, object] = {}  # attname -> a default that needs no call
        self.called: list[tuple[str, object]] = []  # (attname, callable default), called per instance
        self.by_name: dict[str, tuple[str, models.Field | None]] = {}
        self.simple = not model._meta.parents  # multi-table inheritance: pk links, left to Django
        for field in model._meta.concrete_fields:
            if field.generated:
                continue  # as Model.__init__: computed by the database
            if field.has_default() and callable(field.default):
                self.called.append((field.attname, field.default))
            else:
                self.fixed[field.attname] = field.get_default()
            if field.is_relation:
                if not field.many_to_one and not field.one_to_one or len(field.related_fields) != 1:
                    self.simple = False
                self.by_name[field.name] = (field.attname, field)
                self.by_name[field.attname] = (field.attname, None)
            else:
                self.by_name[field.name] = (field.attname, None)
        self.by_name["pk"] = (model._meta.pk.attname, None)


_builders: dict[type[models.Model], _Builder] = {}


def new(model: type[models.Model], **values) -> models.Model:
    """`model(**values)` for a row about to be inserted, built directly: the instance Django's
    `Model.__init__` and the foreign key descriptors would build (defaults; ids taken from the related
    objects, which stay cached, one-to-one both ways; the database of the default routing), at a
    fraction of the cost: for the thirteen rows of a reception `Model.__init__` was a tenth of the
    request. Anything else (post_init receivers, database routers, inheritance, properties or unknown
    names, a related object of the wrong type) goes through `Model.__init__`, which handles or refuses it."""
    builder = _builders.get(model)
    if builder is None:
        builder = _builders[model] = _Builder(model)
    by_name = builder.by_name
    if (
        not builder.simple
        or settings.DATABASE_ROUTERS
        or models.signals.pre_init.has_listeners(model)
        or models.signals.post_init.has_listeners(model)
        or not all(name in by_name for name in values)
    ):
        return model(**values)
    obj = model.__new__(model)
    state = models.base.ModelState()
    data = obj.__dict__
    data["_state"] = state
    data.update(builder.fixed)
    for attname, default in builder.called:
        data[attname] = default()
    related = []
    for name, value in values.items():
        attname, relation = by_name[name]
        if relation is None:
            data[attname] = value
        elif value is None:
            data[attname] = None
            state.fields_cache[relation.name] = None
        elif isinstance(value, relation.remote_field.model._meta.concrete_model):
            data[attname] = getattr(value, relation.target_field.attname)
            related.append((relation, value))
        else:
            return model(**values)  # Model.__init__ raises its own ValueError
    for relation, value in related:  # as ForwardManyToOneDescriptor.__set__ with no router
        if state.db is None:
            state.db = value._state.db or DEFAULT_DB_ALIAS
        if value._state.db is None:
            value._state.db = state.db
        if value._state.db != state.db:
            return model(**values)  # refused by the router, as Django refuses it
        state.fields_cache[relation.name] = value
        if not relation.remote_field.multiple:
            relation.remote_field.set_cached_value(value, obj)
    return obj


# ---- reading one row by primary key -------------------------------------------------------------------


class Reader:
    """One model's row read by hand-written SQL and built as the ORM builds it: the select list (under
    an alias of the caller's choosing, for joins), and the instance from those columns of a row, each
    value through the same converters as the ORM's (SQLite's datetimes, booleans, JSON...)."""

    def __init__(self, model: type[models.Model], connection):
        self.model, self.alias = model, connection.alias
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        table = model._meta.db_table
        self.converters = []
        for field in self.fields:
            col = field.get_col(table)
            found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            self.converters.append((found, col))
        self.width = len(self.fields)

    def columns(self, connection, alias: str) -> str:
        q = connection.ops.quote_name
        return ", ".join(f"{q(alias)}.{q(f.column)}" for f in self.fields)

    def build(self, row, connection) -> models.Model:
        values = []
        for value, (found, col) in zip(row, self.converters, strict=True):
            for converter in found:
                value = converter(value, col, connection)
            values.append(value)
        return self.model.from_db(self.alias, self.attnames, values)


_readers: dict[tuple[str, type[models.Model]], Reader] = {}


def reader(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> Reader:
    key = (using, model)
    found = _readers.get(key)
    if found is None:
        found = _readers[key] = Reader(model, connections[using])
    return found


_by_key: dict[tuple[str, type[models.Model]], str] = {}


def get(model: type[models.Model], pk, using: str = DEFAULT_DB_ALIAS) -> models.Model | None:
    """`model.objects.get(pk=pk)` (None when absent) as one SQL text built once per model: for lookups
    made on every request (the signed-in user), where building the query costs more than running it."""
    connection = connections[using]
    read = reader(model, using)
    sql = _by_key.get((using, model))
    if sql is None:
        q, table = connection.ops.quote_name, model._meta.db_table
        sql = _by_key[(using, model)] = (
            f"SELECT {read.columns(connection, table)} FROM {q(table)}"  # noqa: S608
            f" WHERE {q(table)}.{q(model._meta.pk.column)} = %s"
        )
    try:
        pk = model._meta.pk.get_db_prep_value(model._meta.pk.to_python(pk), connection)
    except Exception:  # noqa: BLE001 - a key of the wrong shape finds nothing, as in the ORM
        return None
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    return None if row is None else read.build(row, connection)
