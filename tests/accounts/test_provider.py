"""The local provider is a faithful OpenID Connect provider: discovery, JWKS, and it refuses what a real
one refuses (no PKCE, an unregistered redirect, a wrong client secret, a code verifier that does not match)."""

import base64
import hashlib
import io
import os
import subprocess
import sys
import threading

import pytest
import requests
from django.core.management import CommandError, call_command

from motcua.accounts.oidc.config import LOCAL_DISCOVERY, provider_config

from .conftest import HIDDEN, TEST_SITE

CALLBACK = f"{TEST_SITE}/tai-khoan/dang-nhap/xong/"


def authorize_params(**changes):
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {
        "response_type": "code",
        "client_id": "motcua-dev",
        "redirect_uri": CALLBACK,
        "scope": "openid profile",
        "state": "s" * 20,
        "nonce": "n" * 20,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    params.update(changes)
    return {k: v for k, v in params.items() if v is not None}


def code_for(provider, **changes):
    page = requests.get(f"{provider.url}/authorize", params=authorize_params(**changes), timeout=10)
    form = dict(HIDDEN.findall(page.text))
    answer = requests.post(
        f"{provider.url}/authorize",
        data={**form, "citizen": "vneid-7f3c2a10-0001", "action": "login"},
        allow_redirects=False,
        timeout=10,
    )
    return answer.headers["Location"].split("code=", 1)[1].split("&", 1)[0]


def test_discovery_and_jwks_describe_an_rs256_code_flow_provider(provider):
    metadata = requests.get(f"{provider.url}/.well-known/openid-configuration", timeout=10).json()
    assert metadata["issuer"] == provider.url
    assert metadata["response_types_supported"] == ["code"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256"]
    assert metadata["end_session_endpoint"] == f"{provider.url}/logout"
    keys = requests.get(metadata["jwks_uri"], timeout=10).json()["keys"]
    assert [(k["kty"], k["alg"], k["use"]) for k in keys] == [("RSA", "RS256", "sig")]
    assert "d" not in keys[0]  # the public half only


def test_an_authorization_request_without_pkce_is_sent_back_with_an_error(provider):
    page = requests.get(
        f"{provider.url}/authorize",
        params=authorize_params(code_challenge=None, code_challenge_method=None),
        allow_redirects=False,
        timeout=10,
    )
    assert page.status_code == 302 and "error=invalid_request" in page.headers["Location"]
    assert page.headers["Location"].startswith(CALLBACK)


def test_an_unregistered_redirect_is_never_followed(provider):
    page = requests.get(
        f"{provider.url}/authorize",
        params=authorize_params(redirect_uri="https://evil.example/cb"),
        allow_redirects=False,
        timeout=10,
    )
    assert page.status_code == 400 and "Location" not in page.headers
    assert "Yêu cầu đăng nhập không hợp lệ" in page.text


def test_the_token_endpoint_wants_the_client_secret_and_the_right_verifier(provider):
    token_url = f"{provider.url}/token"
    body = {"grant_type": "authorization_code", "redirect_uri": CALLBACK, "code_verifier": "v" * 50}
    wrong_secret = requests.post(
        token_url, data={**body, "code": code_for(provider)}, auth=("motcua-dev", "guess"), timeout=10
    )
    assert wrong_secret.status_code == 401 and wrong_secret.json()["error"] == "invalid_client"
    wrong_verifier = requests.post(
        token_url,
        data={**body, "code": code_for(provider), "code_verifier": "w" * 50},
        auth=("motcua-dev", "motcua-dev-secret"),
        timeout=10,
    )
    assert wrong_verifier.status_code == 400 and wrong_verifier.json()["error"] == "invalid_grant"
    good = requests.post(
        token_url,
        data={**body, "code": code_for(provider)},
        auth=("motcua-dev", "motcua-dev-secret"),
        timeout=10,
    )
    assert good.status_code == 200 and {"access_token", "id_token"} <= set(good.json())
    claims = requests.get(
        f"{provider.url}/userinfo",
        headers={"Authorization": f"Bearer {good.json()['access_token']}"},
        timeout=10,
    ).json()
    assert claims["name"] == "Nguyễn Thị Minh Anh" and claims["personal_id"] == "001195004521"


def test_the_motcua_command_starts_the_provider(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "MOTCUA_HOME": str(tmp_path),
    }
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "motcua", "oidc-provider", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=30)
        assert first and first[0].startswith("listening on http://127.0.0.1:")
        url = first[0].split()[-1]
        assert requests.get(f"{url}/.well-known/openid-configuration", timeout=10).json()["issuer"] == url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.django_db
def test_in_development_with_nothing_configured_the_local_provider_is_used(client, settings):
    settings.DEBUG = True
    settings.OIDC_OP_DISCOVERY_URL = settings.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_SECRET = ""
    config = provider_config()
    assert config.local and config.configured and config.discovery_url == LOCAL_DISCOVERY
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "127.0.0.1:8001" in page  # the simulated provider is named…
    assert "motcua oidc-provider" not in page  # …but not to be started: `make run` runs it
    settings.DEBUG = False
    assert not provider_config().local and not provider_config().configured


@pytest.mark.django_db
def test_oidc_check_tells_an_operator_whether_the_connection_works(use_provider, settings):
    out = io.StringIO()
    call_command("oidc-check", stdout=out)
    text = out.getvalue()
    assert f"OK   discovery: {use_provider.url}" in text and "OK   jwks: 1 khoá RSA" in text
    settings.OIDC_OP_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("oidc-check", stdout=out)
    assert "LỖI discovery" in out.getvalue()
