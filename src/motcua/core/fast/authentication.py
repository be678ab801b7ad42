"""DRF authentication for the project's API (a module of its own: DRF imports it while loading its views)."""

from django.utils.functional import SimpleLazyObject
from drf_spectacular import authentication as spectacular
from rest_framework import authentication

__all__ = ["SessionAuthentication", "SessionScheme"]


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (CSRF included), handing the view the signed-in user itself instead
    of Django's lazy wrapper around it: each attribute read through SimpleLazyObject costs two extra
    Python calls, and a reception reads the user's attributes hundreds of times."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, auth = found
        while isinstance(user, SimpleLazyObject):  # Django's, and django-otp's around it
            user = user._wrapped  # set up by the is_active check above
        return user, auth


class SessionScheme(spectacular.SessionScheme):
    """The OpenAPI scheme of DRF's class ("cookieAuth"), for this one: the schema is unchanged."""

    target_class = "motcua.core.fast.authentication.SessionAuthentication"
    match_subclasses = True  # accounts.authentication's, which adds the second factor (ADR 0051)
