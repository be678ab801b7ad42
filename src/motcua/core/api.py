"""One mapping of errors to HTTP problem responses (RFC 9457 shape, with a stable `code`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError

# The largest id or count a query may carry: PostgreSQL's bigint (SQLite's INTEGER); a larger number in a
# request is a 400, not an overflow in the database driver (a 500).
MAX_ID = 2**63 - 1

_DRF_CODES = {
    exceptions.NotAuthenticated: ("auth.not_authenticated", _("Bạn cần đăng nhập.")),
    exceptions.AuthenticationFailed: ("auth.failed", _("Đăng nhập không thành công.")),
    exceptions.PermissionDenied: ("auth.forbidden", _("Bạn không có quyền thực hiện thao tác này.")),
    exceptions.NotFound: ("not_found", _("Không tìm thấy.")),
    exceptions.MethodNotAllowed: ("method_not_allowed", _("Phương thức không được hỗ trợ.")),
    exceptions.ValidationError: ("invalid_input", _("Dữ liệu không hợp lệ.")),
    exceptions.Throttled: ("throttled", _("Quá nhiều yêu cầu, vui lòng thử lại sau.")),
}


def problem(code: str, message: str, http_status: int, details=None) -> Response:
    body = {"code": code, "title": message, "status": http_status}
    if details:
        # Always an object, as the schema says: a body that is not an object at all (`null`, a list) is
        # refused by DRF with a bare list of messages, given here under its non-field key.
        body["details"] = (
            details if isinstance(details, dict) else {api_settings.NON_FIELD_ERRORS_KEY: details}
        )
    return Response(body, status=http_status, content_type="application/problem+json")


BASIC_CHALLENGE = 'Basic realm="motcua", charset="UTF-8"'


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return problem(exc.code, exc.message, exc.http_status, exc.details or None)
    if isinstance(exc, exceptions.AuthenticationFailed):
        return _authentication_failed(exc, context)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    for kind, (code, message) in _DRF_CODES.items():
        if isinstance(exc, kind):
            details = response.data if isinstance(exc, exceptions.ValidationError) else None
            return _with_headers(problem(code, str(message), response.status_code, details), response)
    return _with_headers(
        problem(
            "error", str(getattr(exc, "detail", exc)), response.status_code or status.HTTP_400_BAD_REQUEST
        ),
        response,
    )


def _with_headers(ours, drfs):
    """DRF's headers (Retry-After of a throttled request, WWW-Authenticate, Allow) on our problem body."""
    for name in ("Retry-After", "WWW-Authenticate", "Allow"):
        if name in drfs:
            ours[name] = drfs[name]
    return ours


def _authentication_failed(exc, context):
    """Credentials were sent and are wrong: 401 with a challenge (RFC 9110 §15.5.2). DRF answers 403 here
    because the session authentication listed first has no challenge of its own. A locked-out pair
    (django-axes, set on the request by accounts.backends.LockoutBackend) answers 429 with Retry-After."""
    request = context.get("request")
    if request is not None and (
        getattr(request, "axes_locked_out", False) or getattr(request._request, "axes_locked_out", False)
    ):
        from motcua.core.lockout import response as locked_out

        return locked_out(request._request)
    answer = problem("auth.failed", str(_DRF_CODES[exceptions.AuthenticationFailed][1]), 401)
    answer["WWW-Authenticate"] = BASIC_CHALLENGE
    return answer
