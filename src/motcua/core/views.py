import sys

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import outage


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@csrf_exempt  # it changes nothing; without this a POST got the HTML CSRF page instead of the JSON 404
def api_not_found(request, *args, **kwargs):
    """Any address under /api/ that no endpoint matches: a problem+json 404, never the HTML page."""
    body = {"code": "not_found", "title": _("Không tìm thấy."), "status": 404}
    return JsonResponse(body, status=404, content_type="application/problem+json")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was too old or sent from elsewhere; said in Vietnamese, in the site's
    page, with the way back (the reason stays in the log, not on the page)."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """handler500: the site's look without the database (the error may be the database) nor a context
    processor: a template of its own with the site's style sheet. An unreachable database raised by a
    middleware (a view's is core.outage's middleware) is a retryable 503 instead."""
    error = sys.exc_info()[1]
    if error is not None and outage.unavailable(error):
        return outage.response(request)
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # noqa: BLE001 - the page itself failed (static manifest, templates): plain words
        return HttpResponseServerError(
            "<!doctype html><html lang=vi><meta charset=utf-8><title>Lỗi hệ thống</title>"
            "<h1>Hệ thống đang gặp sự cố</h1><p>Hãy thử lại sau ít phút.</p>"
        )
