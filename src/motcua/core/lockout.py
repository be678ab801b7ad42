"""The answer to a locked-out sign-in (django-axes' AXES_LOCKOUT_CALLABLE): a Vietnamese page for the
officers' sign-in, a problem+json 429 with Retry-After for the API."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def retry_after_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def response(request, original_response=None, credentials=None):
    minutes = max(1, retry_after_seconds() // 60)
    message = _("Đăng nhập sai quá nhiều lần. Hãy thử lại sau %(minutes)d phút.") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        body = {"code": "auth.locked_out", "title": message, "status": 429}
        answer = JsonResponse(body, status=429, content_type="application/problem+json")
    else:
        answer = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    answer["Retry-After"] = str(retry_after_seconds())
    return answer
