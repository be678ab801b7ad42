"""Which database errors are a retryable 503 (core.outage) and what the 503 says; the real outage, a
PostgreSQL stopped under a running gunicorn, is tests/faults/test_faults.py."""

import json
import sqlite3

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.test import RequestFactory

from motcua.core import outage


def wrapped(django_error, cause):
    try:
        raise django_error(str(cause)) from cause
    except django_error as exc:
        return exc


def sqlstate_error(sqlstate: str):
    return psycopg.errors.lookup(sqlstate)("")


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (wrapped(OperationalError, psycopg.OperationalError("connection refused")), True),
        (wrapped(OperationalError, sqlstate_error("57P01")), True),  # admin shutdown: the restart
        (wrapped(OperationalError, sqlstate_error("57P03")), True),  # cannot connect now: starting up
        (wrapped(OperationalError, sqlstate_error("53300")), True),  # too many connections
        (wrapped(OperationalError, sqlstate_error("40P01")), True),  # deadlock: rolled back, retry
        (wrapped(OperationalError, sqlstate_error("08006")), True),  # connection failure
        (wrapped(OperationalError, sqlite3.OperationalError("database is locked")), True),
        (InterfaceError("connection already closed"), True),
        (wrapped(OperationalError, sqlite3.OperationalError("no such table: dossiers_dossier")), False),
        (wrapped(ProgrammingError, sqlstate_error("42P01")), False),  # undefined table: a bug, a 500
        (ValueError("not the database"), False),
    ],
)
def test_only_a_database_that_cannot_serve_now_is_retryable(error, retryable):
    assert outage.unavailable(error) is retryable


def test_an_api_path_gets_problem_json_and_a_page_gets_the_vietnamese_page(settings):
    settings.MOTCUA_RETRY_AFTER_SECONDS = 7
    middleware = outage.DatabaseUnavailableMiddleware(lambda request: None)
    error = wrapped(OperationalError, psycopg.OperationalError("server closed the connection"))
    api = middleware.process_exception(RequestFactory().get("/api/v1/dossiers"), error)
    assert (api.status_code, api["Retry-After"], api["Content-Type"]) == (
        503,
        "7",
        "application/problem+json",
    )
    assert json.loads(api.content)["code"] == "service_unavailable"
    page = middleware.process_exception(RequestFactory().get("/ho-so-cua-toi/"), error)
    assert page.status_code == 503 and page["Retry-After"] == "7"
    assert "Hệ thống tạm thời gián đoạn" in page.content.decode()
    bug = wrapped(ProgrammingError, sqlstate_error("42P01"))
    assert middleware.process_exception(RequestFactory().get("/"), bug) is None  # left to the 500
