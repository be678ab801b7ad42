"""Citizen sign-in pages under /tai-khoan/ (thin: the flow is in oidc.client, writes in services)."""

from __future__ import annotations

import logging

from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .claims import InvalidClaims, citizen_from_claims
from .errors import IncompleteIdentity, SignInError
from .oidc import client
from .oidc.config import provider_config

log = logging.getLogger("motcua.accounts")

NEXT_KEY = "accounts_next"
ID_TOKEN_KEY = "accounts_id_token"  # noqa: S105 - a session key, not a secret
BACKEND = "motcua.accounts.backends.Backend"


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return reverse("accounts:profile")


def _failure(request, error: SignInError):
    log.info("citizen sign-in failed: %s %s", error.code, error.details)
    context = {"error": error, "local": provider_config().local}
    return render(request, "accounts/error.html", context, status=error.http_status)


@require_GET
def sign_in(request):
    next_url = _safe_next(request, request.GET.get("next"))
    if request.user.is_authenticated and hasattr(request.user, "citizen"):
        return redirect(next_url)
    return render(request, "accounts/sign_in.html", {"next": next_url, "local": provider_config().local})


@require_POST
def start(request):
    request.session[NEXT_KEY] = _safe_next(request, request.POST.get("next"))
    try:
        return client.start(request, request.build_absolute_uri(reverse("accounts:callback")))
    except SignInError as error:
        return _failure(request, error)


@require_GET
def callback(request):
    try:
        signed_in = client.finish(request)
        config = provider_config()
        try:
            claims = citizen_from_claims(signed_in.claims, personal_id_claim=config.personal_id_claim)
        except InvalidClaims as exc:
            raise IncompleteIdentity(exc.claim, exc.reason) from exc
        user = services.sign_in_citizen(issuer=signed_in.issuer, claims=claims)
    except SignInError as error:
        return _failure(request, error)
    next_url = request.session.pop(NEXT_KEY, None) or reverse("accounts:profile")
    login(request, user, backend=BACKEND)
    request.session[ID_TOKEN_KEY] = signed_in.id_token
    return HttpResponseRedirect(_safe_next(request, next_url))


@require_POST
def sign_out(request):
    id_token = request.session.get(ID_TOKEN_KEY)
    was_citizen = request.user.is_authenticated and hasattr(request.user, "citizen")
    logout(request)
    done = request.build_absolute_uri(reverse("accounts:signed-out"))
    target = client.logout_url(id_token, done) if was_citizen else None
    return HttpResponseRedirect(target or done)


@require_GET
def signed_out(request):
    return render(request, "accounts/signed_out.html")


@login_required
@require_GET
def profile(request):
    citizen = selectors.citizen_of(request.user)
    return render(request, "accounts/profile.html", {"citizen": citizen})
