"""The baselines of bench_dossiers.py: the project's URLs plus minimal Django views served by the same
server: one raw INSERT and one raw SELECT by primary key on a bench table (created with raw SQL), and the
floor of a reception: the rows one real API reception wrote, written again by raw SQL (below)."""

import json
from types import SimpleNamespace

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from motcua.core.fast import rows
from motcua.dossiers import codes
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.codes import _increment as increment_code_counter
from motcua.urls import urlpatterns as project_urlpatterns

TABLE = "bench_minimal_row"


def create_table() -> None:
    key = "INTEGER PRIMARY KEY AUTOINCREMENT" if connection.vendor == "sqlite" else "BIGSERIAL PRIMARY KEY"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id {key}, payload TEXT NOT NULL)")


@csrf_exempt
def insert(request):
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (payload) VALUES (%s)", [request.body.decode()])  # noqa: S608
    return HttpResponse(status=201)


def select(request, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, payload FROM {TABLE} WHERE id = %s", [pk])  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        return JsonResponse({"code": "not_found"}, status=404)
    return JsonResponse({"id": row[0], "payload": json.loads(row[1])})


# ---- the floor of a reception ----------------------------------------------------------------------------
# What any implementation of the counter reception must at least do: the signed-in officer's
# session and user read, the day's code counter incremented under its lock, keys for the new rows, and
# the same new rows (dossier, applicant, steps, documents, fee, tracking line, outbox event) in one
# transaction, with every index and foreign key the real tables have. No validation, no clock, no routing,
# no answer body: those are Python, and this measures what is left without any.
# The rows are those of one real API reception (captured from core.fast.rows.write), their values prepared
# once; each request writes them again with new keys (foreign keys between them follow) and a new code.

FLOOR: dict = {}


def capture_floor(receive_once) -> None:
    """Run one real reception (a callable doing the HTTP request) and keep the rows it wrote: the
    statements as core.fast.rows.write sends them, and what each parameter is (a key to renew, the code)."""
    captured, original = [], rows.write

    def spy(objs, using=DEFAULT_DB_ALIAS):
        captured.extend(objs)
        original(objs, using)

    rows.write = spy  # rows.deferred() looks the module's write up when the block ends
    try:
        receive_once()
    finally:
        rows.write = original
    groups: dict = {}
    for obj in captured:
        groups.setdefault(type(obj), []).append(obj)
    tables = {model._meta.db_table for model in groups}
    statements, kinds = [], []  # kinds: per parameter, the table whose new key it is, "code" or ""
    for model, objs in groups.items():
        statements.append(rows.statement(connection, model, objs, len(kinds)))
        row = []
        for field in rows.columns(connection, model):
            if field.primary_key:
                row.append(model._meta.db_table)
            elif field.is_relation and field.related_model._meta.db_table in tables:
                row.append(field.related_model._meta.db_table)
            else:
                row.append("code" if model is Dossier and field.name == "code" else "")
        kinds += row * len(objs)
    sent = rows.combined(connection, statements)
    code = codes.parse_code(next(o.code for o in captured if type(o) is Dossier))
    FLOOR.update(
        statements=[(text, len(params)) for text, params in sent],
        values=[value for _, params in sent for value in params],
        kinds=kinds,
        keys={model: sorted(obj.pk for obj in objs) for model, objs in groups.items()},
        prefix=code.prefix,
        day=code.day,
    )


@csrf_exempt
def reception_floor(request):
    if not request.user.is_authenticated:  # the session and the user, read as for the API
        return HttpResponse(status=403)
    request.body  # noqa: B018 - read, as the API reads it
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: no proxy lookup per attribute
    with transaction.atomic():
        sequence = increment_code_counter(FLOOR["prefix"], FLOOR["day"])
        code = codes.format_code(FLOOR["prefix"], FLOOR["day"], sequence)
        wanting = {model: [SimpleNamespace(pk=None) for _ in keys] for model, keys in FLOOR["keys"].items()}
        rows.allocate(connection, wanting)
        new_keys = {  # (table, old key) -> new key
            (model._meta.db_table, old): stand_in.pk
            for model, keys in FLOOR["keys"].items()
            for old, stand_in in zip(keys, wanting[model], strict=True)
        }
        params = [
            code if kind == "code" else new_keys[(kind, value)] if kind and value is not None else value
            for kind, value in zip(FLOOR["kinds"], FLOOR["values"], strict=True)
        ]
        with rows.bound_cursor(connection, native=True) as cursor:
            index = 0
            for text, count in FLOOR["statements"]:
                cursor.execute(text, params[index : index + count])
                index += count
    return HttpResponse(status=201)


urlpatterns = [
    path("bench/insert", insert),
    path("bench/reception-floor", reception_floor),
    path("bench/select/<int:pk>", select),
    *project_urlpatterns,
]
