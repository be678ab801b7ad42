"""A database that cannot be reached, or refuses for a moment, answers 503 with Retry-After.

While PostgreSQL restarts, fails over or runs out of connections, a request cannot do its work but can
be sent again a few seconds later: that is a 503 with `Retry-After` (RFC 9110 §15.6.4), never a 500 (a
bug) nor Django's debug page. On API paths the body is problem+json with the stable code
`service_unavailable`; on pages a Vietnamese page of its own, rendered without the database. Nothing was
written: the request's transaction was rolled back with its connection (ADR 0054).

Which errors are "unavailable": a connection that could not be made or was cut (psycopg gives no SQLSTATE,
or class 08), the server shutting down or starting up (57P01-57P03), too many connections (class 53), a
serialization failure or deadlock (40001, 40P01: the transaction was rolled back and may be retried), and
SQLite's "database is locked". A missing table or a bad query is a bug and stays a 500.
"""

from __future__ import annotations

import logging
import sqlite3

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

RETRYABLE_SQLSTATE_PREFIXES = ("08", "53", "57P01", "57P02", "57P03", "40001", "40P01")
SQLITE_RETRYABLE = ("database is locked", "unable to open database file", "disk i/o error")
CODE = "service_unavailable"


def unavailable(exc: BaseException) -> bool:
    """True when `exc` says the database could not serve this request now but may in a moment."""
    if isinstance(exc, InterfaceError):  # "connection already closed": cut under our feet
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause).lower().startswith(SQLITE_RETRYABLE)
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is None:
        # psycopg's errors without SQLSTATE are the connection's own: refused, reset, timed out.
        return cause is not None and type(cause).__module__.startswith("psycopg")
    return sqlstate.startswith(RETRYABLE_SQLSTATE_PREFIXES)


def retry_after() -> int:
    return int(getattr(settings, "MOTCUA_RETRY_AFTER_SECONDS", 5))


def response(request) -> HttpResponse:
    """The 503 for `request`: problem+json under /api/, the Vietnamese page elsewhere."""
    seconds = retry_after()
    if request.path.startswith("/api/"):
        body = {
            "code": CODE,
            "title": _("Hệ thống tạm thời không phục vụ được, vui lòng thử lại sau ít giây."),
            "status": 503,
        }
        answer = JsonResponse(body, status=503, content_type="application/problem+json")
    else:
        try:
            page = loader.get_template("503.html").render({"seconds": seconds})
        except Exception:  # noqa: BLE001 - the page itself failed: plain words
            page = (
                "<!doctype html><html lang=vi><meta charset=utf-8><title>Tạm thời gián đoạn</title>"
                "<h1>Hệ thống tạm thời gián đoạn</h1><p>Hãy thử lại sau ít giây.</p>"
            )
        answer = HttpResponse(page, status=503)
    answer["Retry-After"] = str(seconds)
    answer["Cache-Control"] = "no-store"
    return answer


class DatabaseUnavailableMiddleware:
    """Turns an unreachable database into a retryable 503 (see the module). Last in MIDDLEWARE, so its
    process_exception is asked first; handler500 (core.views.server_error) does the same for an error
    raised by a middleware rather than a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not unavailable(exception):
            return None
        log.warning("database unavailable, answered 503: %s", str(exception).strip().splitlines()[:1])
        return response(request)
