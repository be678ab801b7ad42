"""Public tracking: the right second factor shows plain words; anything else is one and the same 404."""

import base64
import logging

import pytest
from rest_framework.test import APIClient

from motcua.dossiers.api.tracking import second_factor
from tests.dossiers.conftest import receive
from tests.dossiers.pdf.readers import qr_codes

from .conftest import client_for, refused

pytestmark = pytest.mark.django_db


def track(code, k=None):
    return client_for(None).get(f"/api/v1/tracking/{code}", {"k": k} if k is not None else {})


def test_the_factor_printed_on_the_receipt_opens_the_plain_status(world):
    dossier = receive(world)
    detail = client_for(world.officer).get(f"/api/v1/dossiers/{dossier.code}").json()
    factor = detail["tracking_url"].rsplit("k=", 1)[1]
    assert factor == second_factor(dossier.code) and len(factor) == 8
    response = track(dossier.code, factor.lower())
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "Đã tiếp nhận" and body["timeline"][0]["text"] == "Tiếp nhận hồ sơ"
    assert body["due_at"] is not None
    text = response.content.decode()
    for secret in ("001090012345", "0912345678", "Thôn Đông", "Nguyễn Văn An", "Trần Thị Bình"):
        assert secret not in text


def test_wrong_or_missing_factor_and_unknown_code_give_the_same_answer(world):
    dossier = receive(world)
    wrong = track(dossier.code, "AAAAAAAA")
    missing = track(dossier.code)
    unknown_code = "000.00.12.H26-260302-9999"
    unknown = track(unknown_code, second_factor(unknown_code))
    bodies = {r.content for r in (wrong, missing, unknown)}
    assert len(bodies) == 1 and {r.status_code for r in (wrong, missing, unknown)} == {404}
    refused(wrong, 404, "dossier.not_found")
    assert "details" not in wrong.json()


def test_tracking_is_throttled(world, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"tracking": "3/min"}}
    dossier = receive(world)
    statuses = [track(dossier.code, "WRONG000").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    refused(track(dossier.code, second_factor(dossier.code)), 429, "throttled")


def test_the_throttle_counts_per_address_and_opens_again_in_the_next_minute(world, settings, monkeypatch):
    from motcua.dossiers.api.tracking import TrackingThrottle

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"tracking": "2/min"}}
    dossier = receive(world)
    right = second_factor(dossier.code)
    now = [600.0]  # 10:00 into a minute-aligned clock
    monkeypatch.setattr(TrackingThrottle, "timer", lambda self: now[0])
    assert [track(dossier.code, right).status_code for _ in range(3)] == [200, 200, 429]
    other = client_for(None).get(f"/api/v1/tracking/{dossier.code}", {"k": right}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # another address has its own budget
    now[0] = 659.5
    late = track(dossier.code, right)
    assert late.status_code == 429 and late["Retry-After"] == "1"
    now[0] = 660.0  # the next minute
    assert track(dossier.code, right).status_code == 200


def test_personal_numbers_never_reach_the_logs(world, caplog):
    caplog.set_level(logging.DEBUG)
    client = client_for(world.officer)
    from tests.dossiers.factories import person

    body = {
        "procedure": world.birth.code,
        "place": world.point_ba_dinh.code,
        "case": world.case(world.birth, 0).pk,
        "provided": world.documents(world.birth, 0),
        "applicant": person(),
    }
    created = client.post("/api/v1/dossiers/counter", body, format="json").json()["dossier"]
    client.post(
        "/api/v1/dossiers/counter", {**body, "applicant": person(id_number="099090012345")}, format="json"
    )
    client.post(
        f"/api/v1/dossiers/{created['code']}/actions/stop", {"version": 1, "reason": "x"}, format="json"
    )
    # Raw records, before the handlers' masking filter: nothing in the API path logs these numbers.
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    assert created["code"] in logged  # the log did record the work
    for secret in ("001090012345", "099090012345", "0912345678"):
        assert secret not in logged


def test_the_receipt_qr_code_opens_the_public_tracking(world):
    dossier = receive(world)
    receipt = client_for(world.officer).get(f"/api/v1/dossiers/{dossier.code}/forms/01.pdf")
    [scanned] = qr_codes(receipt.content)
    # The citizens' page, which a phone opens in a browser; it shows the status without signing in.
    assert scanned == f"http://testserver/tra-cuu/?ma={dossier.code}&k={second_factor(dossier.code)}"
    followed = client_for(None).get(scanned.removeprefix("http://testserver"))
    page = followed.content.decode()
    assert followed.status_code == 200 and dossier.code in page and "Đã nhận hồ sơ" in page


def test_api_clients_sign_in_with_basic_authentication(world):
    world.officer.set_password("mat-khau-dai-va-kho")
    world.officer.save(update_fields=["password"])
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION="Basic "
        + base64.b64encode(f"{world.officer.username}:mat-khau-dai-va-kho".encode()).decode()
    )
    assert client.get("/api/v1/dossiers").status_code == 200
    client.credentials(
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(f"{world.officer.username}:sai".encode()).decode()
    )
    # Wrong credentials: 401 with the Basic challenge (core.api), not DRF's 403.
    wrong = client.get("/api/v1/dossiers")
    refused(wrong, 401, "auth.failed")
    assert wrong["WWW-Authenticate"].startswith("Basic realm=")


def test_the_factor_is_the_documented_hmac_of_the_code_with_the_secret_key(settings):
    """HMAC-SHA256 of "tracking:<code>" with SECRET_KEY, its first 8 base32 characters; a new key gives
    new factors (the keyed HMAC is kept per key, never across keys)."""
    import hashlib
    import hmac

    code = "000.00.12.H62-260302-0001"

    def expected(key):
        digest = hmac.new(key.encode(), f"tracking:{code}".encode(), hashlib.sha256).digest()
        return base64.b32encode(digest).decode()[:8]

    first = second_factor(code)
    assert first == expected(settings.SECRET_KEY)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert second_factor(code) == expected(settings.SECRET_KEY) != first
