"""The baselines of bench_dossiers.py: the project's URLs plus minimal Django views served by the same
server: one raw INSERT and one raw SELECT by primary key on a bench table (created with raw SQL), and the
floor of a reception: the rows one real API reception wrote, written again by raw SQL (below)."""

import json
from types import SimpleNamespace

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

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
# The rows are those of one real API reception (captured from core.rows.write), their values prepared
# once; each request writes them again with new keys (foreign keys between them follow) and a new code.

FLOOR: dict = {}


def capture_floor(receive_once) -> None:
    """Run one real reception (a callable doing the HTTP request) and keep the rows it wrote."""
    from motcua.core import rows
    from motcua.dossiers import codes
    from motcua.dossiers.models import Dossier

    captured, original = [], rows.write

    def spy(objs, using="default"):
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
    plans, statements, start = [], [], 0
    for model, objs in groups.items():
        plan = rows._Plan(model, connection)
        kinds = []
        for field in plan.fields:
            if field.primary_key:
                kinds.append("pk")
            elif field.is_relation and field.related_model._meta.db_table in tables:
                kinds.append(field.related_model._meta.db_table)  # a key of another new row
            elif model is Dossier and field.name == "code":
                kinds.append("code")
            else:
                kinds.append("")
        values = [plan.values(obj, connection) for obj in objs]
        width = len(plan.fields)
        marks = rows.marks(connection, start, width * len(objs))
        text = f"{plan.head} VALUES " + ", ".join(
            "(" + ", ".join(marks[i : i + width]) + ")" for i in range(0, len(marks), width)
        )
        start += len(marks)
        statements.append((text, len(marks)))
        plans.append((model, kinds, values, {obj.pk for obj in objs}))
    if connection.vendor == "postgresql":
        *firsts, (last, _) = statements  # one statement for all tables, as core.rows.write sends it
        ctes = ", ".join(f"w{i} AS ({text})" for i, (text, _) in enumerate(firsts))
        statements = [(f"WITH {ctes} {last}", start)]
    code = codes.parse_code(next(o.code for o in captured if type(o) is Dossier))
    FLOOR.update(plans=plans, statements=statements, prefix=code.prefix, day=code.day)


@csrf_exempt
def reception_floor(request):
    from motcua.core import rows
    from motcua.dossiers import codes
    from motcua.dossiers.services.codes import _increment

    if not request.user.is_authenticated:  # the session and the user, read as for the API
        return HttpResponse(status=403)
    request.body  # noqa: B018 - read, as the API reads it
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: no proxy lookup per attribute
    with transaction.atomic():
        sequence = _increment(FLOOR["prefix"], FLOOR["day"])
        code = codes.format_code(FLOOR["prefix"], FLOOR["day"], sequence)
        wanting = {
            model: [SimpleNamespace(pk=None) for _ in values] for model, _, values, _ in FLOOR["plans"]
        }
        rows._allocate(connection, wanting)
        new_keys = {}  # (table, old key) -> new key
        for model, _, _, old in FLOOR["plans"]:
            for old_key, stand_in in zip(sorted(old), wanting[model], strict=True):
                new_keys[(model._meta.db_table, old_key)] = stand_in.pk
        params = []
        for model, kinds, values, _ in FLOOR["plans"]:
            table = model._meta.db_table
            for row in values:
                for kind, value in zip(kinds, row, strict=True):
                    if kind == "pk":
                        params.append(new_keys[(table, value)])
                    elif kind == "code":
                        params.append(code)
                    elif kind and value is not None:
                        params.append(new_keys[(kind, value)])
                    else:
                        params.append(value)
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
