"""Who signs in where: citizens through VNeID (settings.LOGIN_URL), staff with their password at the
officer workspace (ADR 0017). Staff pages of every app use `staff_login_required`."""

from functools import wraps

from django.contrib.auth.decorators import login_required

STAFF_LOGIN_URL = "workspace:login"


def staff_login_required(view):
    """Signed in with a password, and with the second factor when the officer's roles need it."""

    @wraps(view)
    def second_factor(request, *args, **kwargs):
        from . import twofactor

        return twofactor.challenge(request) or view(request, *args, **kwargs)

    wrapped = login_required(second_factor, login_url=STAFF_LOGIN_URL)
    wrapped.officer_page = True  # base.html draws the officers' bar (motcua/navigation.py)
    return wrapped
