"""The API's authentication for officers whose role needs the second factor (ADR 0051).

- A session answers for such an officer only once the session passed the second factor (the code page
  of the officers' sign-in, ADR 0044); an unverified session is refused, not treated as anonymous.
- HTTP Basic authentication carries a password and nothing else: it is refused for those roles, after
  the password was checked (django-axes still counts wrong ones). Their API clients use the verified
  session of the officers' sign-in (cookie and CSRF token), as the workspace's pages do.

Both answer 403 `auth.second_factor_required` (problem+json): the credentials were right, they are not
enough. The other roles, and citizens, are unchanged."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular import authentication as spectacular
from rest_framework import authentication, exceptions

from motcua.core.errors import DomainError
from motcua.core.fast import authentication as core

from . import twofactor


class SecondFactorRequired(DomainError, exceptions.APIException):
    """DRF's request catches an APIException to leave the request unauthenticated; the project's
    exception handler answers a DomainError with its code."""

    code = "auth.second_factor_required"
    http_status = status_code = 403

    def __init__(self, message):
        DomainError.__init__(self, str(message))
        exceptions.APIException.__init__(self, str(message), self.code)


def _verified(user) -> bool:
    check = getattr(user, "is_verified", None)  # set by django-otp's middleware on the request's user
    return bool(check and check())


class SessionAuthentication(core.SessionAuthentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is not None and twofactor.required_for(found[0]) and not _verified(found[0]):
            raise SecondFactorRequired(
                _("Vai trò của bạn cần xác thực hai bước: hãy nhập mã xác thực ở trang đăng nhập cán bộ.")
            )
        return found


class BasicAuthentication(authentication.BasicAuthentication):
    def authenticate_credentials(self, userid, password, request=None):
        user, auth = super().authenticate_credentials(userid, password, request)
        if twofactor.required_for(user):
            raise SecondFactorRequired(
                _(
                    "Vai trò của bạn cần xác thực hai bước: không dùng được mật khẩu (Basic) với API; "
                    "hãy dùng phiên đăng nhập cán bộ đã xác thực hai bước."
                )
            )
        return user, auth


class BasicScheme(spectacular.BasicScheme):
    """The OpenAPI scheme of DRF's class ("basicAuth"), for this one: the schema is unchanged."""

    target_class = "motcua.accounts.authentication.BasicAuthentication"
