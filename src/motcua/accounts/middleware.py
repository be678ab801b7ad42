"""Django's authentication middleware, with the signed-in user taken from the session's own read."""

from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from . import sessions


def _user(request):
    if not hasattr(request, "_cached_user"):  # the attribute Django's get_user caches it in
        request._cached_user = sessions.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """`request.user` as Django's (lazy, cached on the request, `auser` unchanged), read through
    `sessions.get_user`: the backend takes the user the session's statement brought along, so a signed-in
    request makes one query for both instead of two."""

    def process_request(self, request):
        super().process_request(request)  # checks the session middleware, sets request.auser
        request.user = SimpleLazyObject(lambda: _user(request))
