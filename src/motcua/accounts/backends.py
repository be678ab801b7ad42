"""Django's ModelBackend, with the lookup made on every signed-in request built once."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from motcua.core.fast import rows

from .sessions import user_read_with_session


class Backend(ModelBackend):
    """Passwords and permissions as ModelBackend; `get_user` (each request of a signed-in officer or
    citizen) takes the user read with the session (accounts/sessions.py), or reads it with one SQL text
    prepared once instead of a query compiled each time."""

    def get_user(self, user_id):
        user = user_read_with_session(user_id) or rows.get(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped when there is no request to key it by (Django's test client
    `login()` and management commands call `authenticate()` without one; every sign-in over HTTP — the
    officers' page, the admin site, the API's Basic authentication — passes its request)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
