"""The authorization code flow with Authlib's Django client, every failure turned into a SignInError.

`start` redirects to the provider (state, nonce and PKCE verifier kept in the session by Authlib);
`finish` checks the answer (state), exchanges the code (client secret + verifier), verifies the ID
token (RS256 against the provider's JWKS; iss, aud, exp, nonce, at_hash), reads userinfo (same `sub`
required) and returns the merged claims; `logout_url` builds the RP-initiated logout address.
The provider's metadata (discovery document and JWKS) is cached for METADATA_TTL seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import OAuth
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from joserfc.errors import JoseError

from .. import errors
from .config import ProviderConfig, provider_config

log = logging.getLogger("motcua.accounts")

NAME = "vneid"
METADATA_TTL = 300
_cache: dict[str, tuple[float, dict]] = {}
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class SignedIn:
    issuer: str
    claims: dict  # ID token claims, completed by userinfo
    id_token: str


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _metadata(config: ProviderConfig) -> dict:
    if not config.discovery_url:
        return dict(config.endpoints)
    with _cache_lock:
        cached = _cache.get(config.discovery_url)
    # The local simulator is fetched afresh: when it is not running, the sign-in page says so at once.
    ttl = 0 if config.local else METADATA_TTL
    if cached and time.monotonic() - cached[0] < ttl:
        return dict(cached[1])
    try:
        response = requests.get(config.discovery_url, timeout=config.timeout)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as exc:
        log.warning("identity provider discovery failed: %s", exc)
        raise errors.ProviderUnreachable() from exc
    if not isinstance(metadata, dict) or not metadata.get("authorization_endpoint"):
        raise errors.ProviderUnreachable()
    with _cache_lock:
        _cache[config.discovery_url] = (time.monotonic(), metadata)
    return dict(metadata)


def _remember_jwks(config: ProviderConfig, app) -> None:
    jwks = app.server_metadata.get("jwks")
    with _cache_lock:
        cached = _cache.get(config.discovery_url)
        if jwks and cached:
            cached[1]["jwks"] = jwks


def _app(config: ProviderConfig):
    if not config.configured:
        raise errors.NotConfigured()
    metadata = _metadata(config)
    metadata.pop("_loaded_at", None)
    registry = OAuth()
    return registry.register(
        NAME,
        client_id=config.client_id,
        client_secret=config.client_secret,
        client_kwargs={
            "scope": config.scopes,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_basic",
            "default_timeout": config.timeout,
        },
        **metadata,
    )


def start(request, redirect_uri: str) -> HttpResponseRedirect:
    config = provider_config()
    app = _app(config)
    try:
        return app.authorize_redirect(request, redirect_uri, ui_locales="vi-VN")
    except (AuthlibBaseError, RuntimeError) as exc:
        log.warning("identity provider metadata unusable: %s", exc)
        raise errors.ProviderUnreachable() from exc


def finish(request) -> SignedIn:
    """Everything the provider sent back, checked; raises a SignInError on any doubt."""
    error = request.GET.get("error")
    if error:
        raise errors.Cancelled() if error == "access_denied" else errors.ProviderRefused(error)
    if not request.GET.get("code") or not request.GET.get("state"):
        raise errors.ExpiredAttempt()
    config = provider_config()
    app = _app(config)
    try:
        token = app.authorize_access_token(request)
        if "userinfo" not in token:  # no id_token: Authlib would skip the ID token checks
            raise errors.InvalidToken("no id_token in the token response")
        claims = dict(token["userinfo"])
        if app.server_metadata.get("userinfo_endpoint"):
            extra = dict(app.userinfo(token=token))
            if extra.get("sub") != claims.get("sub"):
                raise errors.InvalidToken("userinfo sub differs from the ID token's")
            claims = {**extra, **claims}
    except MismatchingStateError as exc:
        raise errors.ExpiredAttempt() from exc
    except requests.RequestException as exc:
        log.warning("identity provider unreachable at sign-in: %s", exc)
        raise errors.ProviderUnreachable() from exc
    except OAuthError as exc:
        log.warning("identity provider refused the code: %s", exc.error)
        raise errors.InvalidToken(f"token endpoint: {exc.error}") from exc
    except (JoseError, AuthlibBaseError, ValueError, KeyError) as exc:
        log.warning("ID token rejected: %s", exc)
        raise errors.InvalidToken(f"{type(exc).__name__}: {exc}") from exc
    _remember_jwks(config, app)
    issuer = app.server_metadata.get("issuer") or claims.get("iss", "")
    return SignedIn(issuer=issuer, claims=claims, id_token=token["id_token"])


def logout_url(id_token: str | None, post_logout_redirect_uri: str) -> str | None:
    """The provider's end_session address (RP-initiated logout), or None when it has none or cannot be
    reached: the local sign-out has happened either way."""
    config = provider_config()
    try:
        app = _app(config)
        if not app.server_metadata.get("end_session_endpoint"):
            return None
        return app.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            id_token_hint=id_token or None,
            client_id=config.client_id,
        )["url"]
    except errors.SignInError:
        return None


def check() -> list[tuple[str, bool, str]]:
    """What an operator needs to know about the connection: (item, ok, detail) lines."""
    config = provider_config()
    lines = [
        (
            "cấu hình",
            config.configured,
            _("nhà cung cấp mô phỏng tại chỗ (DEBUG)") if config.local else config.client_id or "—",
        )
    ]
    if not config.configured:
        return lines
    clear_cache()
    try:
        metadata = _metadata(config)
    except errors.SignInError as exc:
        return [*lines, ("discovery", False, f"{config.discovery_url}: {exc.message}")]
    lines.append(("discovery", True, metadata.get("issuer", "")))
    for key in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        lines.append((key, bool(metadata.get(key)), metadata.get(key, "—")))
    lines.append(
        ("end_session_endpoint", True, metadata.get("end_session_endpoint") or _("— (chỉ đăng xuất tại chỗ)"))
    )
    methods = metadata.get("code_challenge_methods_supported")
    lines.append(
        ("pkce S256", methods is None or "S256" in methods, ", ".join(methods or [_("không công bố")]))
    )
    try:
        response = requests.get(metadata["jwks_uri"], timeout=config.timeout)
        response.raise_for_status()
        keys = [k for k in response.json().get("keys", []) if k.get("kty") == "RSA"]
        lines.append(("jwks", bool(keys), _("%(n)d khoá RSA") % {"n": len(keys)}))
    except (requests.RequestException, ValueError, KeyError, AttributeError) as exc:
        lines.append(("jwks", False, str(exc)[:200]))
    return lines
