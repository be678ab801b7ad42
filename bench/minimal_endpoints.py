"""The baselines of bench_dossiers.py: the project's URLs plus two minimal Django views served by the same
server, one raw INSERT and one raw SELECT by primary key on a bench table (created with raw SQL)."""

import json

from django.db import connection
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


urlpatterns = [
    path("bench/insert", insert),
    path("bench/select/<int:pk>", select),
    *project_urlpatterns,
]
