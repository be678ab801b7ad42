"""Sign-in lockout (django-axes), 401 for wrong API credentials, the sign-in audit, trusted proxies."""

import base64

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from motcua.accounts.models import User

PASSWORD = "mat-khau-dai-va-kho-12"  # noqa: S105


@pytest.fixture(autouse=True)
def clean(settings):
    cache.clear()
    settings.AXES_FAILURE_LIMIT = 3
    yield
    cache.clear()


@pytest.fixture
def officer(db):
    return User.objects.create_user("can-bo-khoa", password=PASSWORD, full_name="Trần Văn Khoá")


def basic(username, password) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def sign_in(client, username, password, **extra):
    return client.post("/can-bo/dang-nhap/", {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_wrong_passwords_lock_the_pair_out_even_for_the_right_password(officer):
    client = Client()
    statuses = [sign_in(client, officer.username, "sai-mat-khau").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # the form again, then the third failure locks the pair
    locked = sign_in(client, officer.username, PASSWORD)
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 15 * 60
    page = locked.content.decode()
    assert "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút." in page
    assert "_auth_user_id" not in client.session
    # The same username from another address (someone else behind no shared NAT) still signs in.
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert sign_in(other, officer.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_made_up_forwarded_header_does_not_escape_the_lockout(officer):
    client = Client()
    for n in range(3):
        sign_in(client, officer.username, "sai", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert sign_in(client, officer.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_count(officer, settings):
    settings.MOTCUA_TRUSTED_PROXIES = ["127.0.0.0/8"]
    client = Client()  # REMOTE_ADDR 127.0.0.1: the proxy
    for _ in range(3):
        sign_in(client, officer.username, "sai", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert sign_in(client, officer.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    fine = sign_in(client, officer.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert fine.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_sign_ins_are_audited_with_time_and_address(officer):
    client = Client(REMOTE_ADDR="192.0.2.44")
    sign_in(client, officer.username, "sai")
    assert sign_in(client, officer.username, PASSWORD).status_code == 302
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.locked_out) == (
        officer.username,
        "192.0.2.44",
        False,
    )
    success = AccessLog.objects.get()
    assert (success.username, success.ip_address) == (officer.username, "192.0.2.44")
    assert success.attempt_time is not None


@pytest.mark.django_db
def test_wrong_api_credentials_answer_401_with_a_challenge_then_429(officer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=basic(officer.username, "sai"))
    wrong = client.get("/api/v1/dossiers")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Basic realm=")
    assert wrong["Content-Type"].startswith("application/problem+json")
    assert wrong.json()["code"] == "auth.failed"
    client.get("/api/v1/dossiers")
    client.get("/api/v1/dossiers")
    client.credentials(HTTP_AUTHORIZATION=basic(officer.username, PASSWORD))
    locked = client.get("/api/v1/dossiers")
    assert locked.status_code == 429 and locked.json()["code"] == "auth.locked_out"
    assert int(locked["Retry-After"]) > 0
    # Anonymous (no credentials at all) is unchanged.
    assert APIClient().get("/api/v1/dossiers").status_code == 403
