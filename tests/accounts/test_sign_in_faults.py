"""Every way a sign-in can go wrong ends on a Vietnamese page with the right status, and changes nothing:
no user, no profile, nobody signed in (and an existing profile keeps what it had)."""

import logging

import pytest

from motcua.accounts.models import CitizenEvent, CitizenProfile, User
from motcua.accounts.oidc import client as oidc_client
from motcua.accounts.provider.citizens import CITIZENS

from .conftest import TEST_SITE, local, provider_answer, sign_in, start_provider

pytestmark = pytest.mark.django_db

ANH = CITIZENS[0]
INVALID_TOKEN = (400, "accounts.invalid_token", "Không xác thực được thông tin đăng nhập từ VNeID.")
INVALID_CLAIMS = (
    400,
    "accounts.invalid_claims",
    "Thông tin định danh nhận được chưa đầy đủ hoặc không hợp lệ.",
)


def nothing_changed(client):
    assert User.objects.count() == 0 and CitizenProfile.objects.count() == 0
    assert client.get("/tai-khoan/").status_code == 302  # not signed in


def failed(response, status, code, message):
    text = response.content.decode()
    assert response.status_code == status, text[:300]
    assert "Không đăng nhập được" in text and message in text and code in text
    assert 'href="/tai-khoan/dang-nhap/"' in text  # a way to try again
    return text


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("bad_signature", INVALID_TOKEN),
        ("expired", INVALID_TOKEN),
        ("wrong_nonce", INVALID_TOKEN),
        ("wrong_audience", INVALID_TOKEN),
        ("wrong_issuer", INVALID_TOKEN),
        ("no_id_token", INVALID_TOKEN),
        ("token_error", INVALID_TOKEN),
        ("userinfo_other_subject", INVALID_TOKEN),
        ("missing_claims", INVALID_CLAIMS),
        ("invalid_personal_id", INVALID_CLAIMS),
        ("wrong_state", (400, "accounts.invalid_state", "Phiên đăng nhập đã hết hạn hoặc không hợp lệ.")),
        ("userinfo_error", (503, "accounts.provider_unreachable", "Không kết nối được với hệ thống")),
        ("slow_token", (503, "accounts.provider_unreachable", "Không kết nối được với hệ thống")),
    ],
)
def test_a_fault_of_the_provider_gives_its_page_and_changes_nothing(client, use_provider, fault, expected):
    failed(sign_in(client, citizen=ANH.sub, fault=fault), *expected)
    nothing_changed(client)


def test_a_citizen_who_cancels_on_the_provider_is_told_so(client, use_provider):
    text = failed(
        sign_in(client, citizen=ANH.sub, action="cancel"), 400, "accounts.cancelled", "Bạn đã huỷ đăng nhập."
    )
    assert "Chưa có thông tin nào được lưu." in text
    nothing_changed(client)


def test_a_refused_sign_in_leaves_an_existing_account_as_it_was(client, use_provider):
    sign_in(client, citizen=ANH.sub)
    client.post("/tai-khoan/dang-xuat/")
    profile = CitizenProfile.objects.get()
    profile.phone = "0900000000"
    profile.save()
    failed(sign_in(client, citizen=ANH.sub, fault="bad_signature"), *INVALID_TOKEN)
    profile.refresh_from_db()
    assert profile.phone == "0900000000" and CitizenEvent.objects.count() == 1
    assert client.get("/tai-khoan/").status_code == 302


def test_a_callback_without_a_started_sign_in_is_refused(client, use_provider):
    expired = (400, "accounts.invalid_state", "Phiên đăng nhập đã hết hạn hoặc không hợp lệ.")
    failed(client.get("/tai-khoan/dang-nhap/xong/"), *expired)
    failed(client.get("/tai-khoan/dang-nhap/xong/?code=abc&state=made-up"), *expired)
    nothing_changed(client)


def test_a_provider_that_is_down_when_the_citizen_clicks(client, settings, use_provider):
    gone = start_provider(TEST_SITE)
    gone.stop()
    settings.OIDC_OP_DISCOVERY_URL = gone.discovery_url
    response = client.post("/tai-khoan/dang-nhap/vneid/")
    failed(
        response,
        503,
        "accounts.provider_unreachable",
        "Không kết nối được với hệ thống định danh điện tử VNeID.",
    )
    nothing_changed(client)


def test_a_provider_that_goes_down_before_the_code_is_exchanged(client, settings, use_provider):
    short_lived = start_provider(TEST_SITE)
    settings.OIDC_OP_DISCOVERY_URL = short_lived.discovery_url
    try:
        callback = provider_answer(client, citizen=ANH.sub)
    finally:
        short_lived.stop()
    failed(client.get(local(callback)), 503, "accounts.provider_unreachable", "Vui lòng thử lại sau ít phút.")
    nothing_changed(client)


def test_without_configuration_the_sign_in_says_so(client, settings):
    oidc_client.clear_cache()
    settings.DEBUG = False
    settings.OIDC_OP_DISCOVERY_URL = settings.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_SECRET = ""
    text = failed(
        client.post("/tai-khoan/dang-nhap/vneid/"), 503, "accounts.not_configured", "chưa được cấu hình"
    )
    assert "tra cứu được hồ sơ bằng mã hồ sơ" in text


def test_the_failure_pages_speak_english_when_asked(client, use_provider):
    client.cookies["django_language"] = "en"
    response = sign_in(client, citizen=ANH.sub, fault="expired")
    text = response.content.decode()
    assert response.status_code == 400
    assert "The sign-in details from VNeID could not be verified." in text and "Sign in again" in text


def test_personal_numbers_stay_out_of_the_log_records(client, use_provider, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in(client, citizen=ANH.sub)
    client.post("/tai-khoan/dang-xuat/")
    sign_in(client, citizen=CITIZENS[1].sub, fault="invalid_personal_id")
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert "created" in messages and "accounts.invalid_claims" in messages
    for secret in (ANH.personal_id, ANH.phone_number, CITIZENS[1].personal_id):
        assert secret not in messages


def test_an_error_the_provider_sends_back_is_shown_without_asking_it_anything(client, use_provider):
    refused = client.get("/tai-khoan/dang-nhap/xong/?error=server_error&state=abc")
    failed(refused, 400, "accounts.provider_refused", "Hệ thống định danh điện tử từ chối yêu cầu đăng nhập.")
    cancelled = client.get("/tai-khoan/dang-nhap/xong/?error=access_denied&state=abc")
    failed(cancelled, 400, "accounts.cancelled", "Bạn đã huỷ đăng nhập.")
    nothing_changed(client)
