"""A citizen signs in through the local provider (a real separate process) with the whole code flow."""

import pytest
import requests

from motcua.accounts.models import CitizenProfile, User
from motcua.accounts.provider.citizens import CITIZENS

from .conftest import local, provider_answer, sign_in

pytestmark = pytest.mark.django_db

ANH, HUNG = CITIZENS[0], CITIZENS[1]


def test_the_first_sign_in_creates_the_citizen_and_shows_my_account(client, use_provider):
    response = sign_in(client, citizen=ANH.sub)
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    profile = CitizenProfile.objects.get()
    assert (profile.full_name, profile.personal_id, str(profile.birth_date)) == (
        "Nguyễn Thị Minh Anh",
        "001195004521",
        "1995-03-08",
    )
    assert (profile.phone, profile.email) == ("0912345601", "minhanh@example.vn")
    assert (profile.issuer, profile.subject) == (use_provider.url, ANH.sub)
    assert profile.user.full_name == "Nguyễn Thị Minh Anh" and not profile.user.has_usable_password()
    assert not profile.user.is_staff
    page = client.get("/tai-khoan/")
    text = page.content.decode()
    assert page.status_code == 200 and "Tài khoản của tôi" in text
    assert "001195004521" in text and "08/03/1995" in text
    assert "Đăng xuất" in text and "Nguyễn Thị Minh Anh" in text
    assert [e.kind for e in profile.events.all()] == ["created"]


def test_signing_in_again_updates_the_same_account_and_records_what_changed(client, use_provider):
    sign_in(client, citizen=ANH.sub)
    profile = CitizenProfile.objects.get()
    profile.phone, profile.full_name = "0900000000", "Tên cũ"
    profile.save()
    client.post("/tai-khoan/dang-xuat/")
    sign_in(client, citizen=ANH.sub)
    profile.refresh_from_db()
    assert CitizenProfile.objects.count() == 1 and User.objects.count() == 1
    assert (profile.full_name, profile.phone) == ("Nguyễn Thị Minh Anh", "0912345601")
    assert list(profile.events.values_list("kind", "fields")) == [
        ("created", ["birth_date", "email", "full_name", "personal_id", "phone"]),
        ("updated", ["full_name", "phone"]),
    ]


def test_an_account_is_matched_by_issuer_and_subject_never_by_email(client, use_provider):
    sign_in(client, citizen=ANH.sub)
    client.post("/tai-khoan/dang-xuat/")
    User.objects.create_user("officer", email=ANH.email, password="x" * 12)  # same e-mail, other person
    sign_in(client, citizen=HUNG.sub)
    assert CitizenProfile.objects.count() == 2
    assert sorted(CitizenProfile.objects.values_list("subject", flat=True)) == [ANH.sub, HUNG.sub]
    assert not hasattr(User.objects.get(username="officer"), "citizen")


def test_the_page_asked_for_before_sign_in_is_where_the_citizen_lands(client, use_provider):
    response = client.get("/tai-khoan/")
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/?next=")
    sign_in_page = client.get(response["Location"]).content.decode()
    assert "Đăng nhập bằng tài khoản định danh điện tử VNeID" in sign_in_page
    landed = sign_in(client, citizen=ANH.sub, next_url="/thu-tuc/")
    assert landed["Location"] == "/thu-tuc/"
    outside = sign_in(client, citizen=ANH.sub, next_url="https://evil.example/")
    assert outside["Location"] == "/tai-khoan/"


def test_the_request_to_the_provider_carries_pkce_state_and_nonce(client, use_provider):
    started = client.post("/tai-khoan/dang-nhap/vneid/")
    query = dict(p.split("=", 1) for p in started["Location"].split("?", 1)[1].split("&"))
    assert query["response_type"] == "code" and query["client_id"] == "motcua-dev"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 20
    assert "openid" in query["scope"]


def test_a_code_cannot_be_used_twice(client, use_provider):
    callback = provider_answer(client, citizen=ANH.sub)
    assert client.get(local(callback)).status_code == 302
    client.post("/tai-khoan/dang-xuat/")
    replay = client.get(local(callback))
    assert replay.status_code == 400 and "Phiên đăng nhập đã hết hạn" in replay.content.decode()


def test_sign_out_ends_the_session_and_the_provider_session(client, use_provider):
    sign_in(client, citizen=ANH.sub)
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(f"{use_provider.url}/logout?") and "id_token_hint=" in end_session
    back = requests.get(end_session, allow_redirects=False, timeout=10)
    assert back.status_code == 302 and local(back.headers["Location"]).startswith("/tai-khoan/da-dang-xuat/")
    assert "Bạn đã đăng xuất" in client.get("/tai-khoan/da-dang-xuat/").content.decode()
    assert client.get("/tai-khoan/").status_code == 302  # signed out here too


def test_the_header_offers_sign_in_then_shows_the_name_and_sign_out(client, use_provider):
    anonymous = client.get("/").content.decode()
    assert 'href="/tai-khoan/dang-nhap/"' in anonymous and ">Đăng nhập</a>" in anonymous
    sign_in(client, citizen=ANH.sub)
    signed_in = client.get("/").content.decode()
    assert "Nguyễn Thị Minh Anh" in signed_in and "Đăng xuất" in signed_in
    assert ">Đăng nhập</a>" not in signed_in
