"""Two-factor sign-in of officers (django-otp TOTP): required of supervisors before any officer page,
enrolment with a QR code drawn locally, a code once per session, every step audited."""

import base64
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import TOTP

from motcua.accounts.models import SecondFactorEvent

PASSWORD = "mat-khau-giam-sat-dai"  # noqa: S105


@pytest.fixture(autouse=True)
def fresh():
    cache.clear()
    yield
    cache.clear()


def with_password(user):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def code_for(secret: str, offset: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time += offset * 30
    return f"{totp.token():06d}"


def sign_in(client, user, next_url="/can-bo/giam-sat/"):
    answer = client.post(
        f"/can-bo/dang-nhap/?next={next_url}", {"username": user.username, "password": PASSWORD}
    )
    assert answer.status_code == 302, answer.content
    return client.get(answer["Location"])


def test_a_supervisor_enrols_then_gives_a_code_each_session(world):
    supervisor = with_password(world.supervisor)
    client = Client(REMOTE_ADDR="192.0.2.7")
    asked = sign_in(client, supervisor)
    assert asked.status_code == 302 and asked["Location"].startswith("/can-bo/xac-thuc-hai-buoc/dang-ky/")
    page = client.get(asked["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Đăng ký xác thực hai bước" in html
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )  # the QR code is drawn here, nothing loaded from elsewhere
    secret = re.search(r'class="otp-secret">([A-Z2-7]+)<', html).group(1)
    # Still no officer page without the code.
    assert client.get("/can-bo/giam-sat/").status_code == 302

    malformed = client.post(asked["Location"], {"token": "12ab"})
    assert malformed.status_code == 400 and "Mã xác thực gồm đúng 6 chữ số." in malformed.content.decode()

    done = client.post(asked["Location"], {"token": code_for(secret)})
    assert done.status_code == 302 and done["Location"] == "/can-bo/giam-sat/"
    assert client.get("/can-bo/giam-sat/").status_code == 200

    kinds = list(SecondFactorEvent.objects.filter(user=supervisor).values_list("kind", "address"))
    assert kinds == [("enrolled", "192.0.2.7")]

    # A new session: the password, then the code page (the device is known now).
    again = Client()
    asked = sign_in(again, supervisor)
    assert asked["Location"].startswith("/can-bo/xac-thuc-hai-buoc/?")
    assert "Xác thực hai bước" in again.get(asked["Location"]).content.decode()
    done = again.post(asked["Location"], {"token": code_for(secret, offset=1)})  # one step of clock drift
    assert done.status_code == 302
    assert again.get("/can-bo/giam-sat/").status_code == 200
    assert SecondFactorEvent.objects.filter(user=supervisor, kind="verified").count() == 1


def test_wrong_codes_are_audited_and_slowed_down(world):
    supervisor = with_password(world.supervisor)
    client = Client()
    enrol = sign_in(client, supervisor)["Location"]
    secret = re.search(r'class="otp-secret">([A-Z2-7]+)<', client.get(enrol).content.decode()).group(1)
    wrong = "000000" if code_for(secret) != "000000" else "111111"
    first = client.post(enrol, {"token": wrong})
    assert "Mã xác thực không đúng hoặc đã hết hạn." in first.content.decode()
    slowed = client.post(enrol, {"token": code_for(secret)})  # django-otp's throttle: wait after a failure
    assert slowed.status_code == 400 and "Hãy đợi một lúc" in slowed.content.decode()
    failures = SecondFactorEvent.objects.filter(user=supervisor, kind="failed").count()
    assert failures == 2


def test_other_officer_pages_ask_too_and_other_roles_are_not_asked(world):
    supervisor = with_password(world.supervisor)
    client = Client()
    client.post("/can-bo/dang-nhap/", {"username": supervisor.username, "password": PASSWORD})
    asked = client.get("/phuc-vu-tai-nha/giam-sat/")  # a staff page of another app
    assert asked.status_code == 302 and "/can-bo/xac-thuc-hai-buoc/dang-ky/" in asked["Location"]
    officer = with_password(world.officer)  # a reception officer: the second factor is optional
    other = Client()
    other.post("/can-bo/dang-nhap/", {"username": officer.username, "password": PASSWORD})
    assert other.get("/can-bo/tiep-nhan/").status_code == 200


def test_the_next_address_stays_on_this_site(world):
    supervisor = with_password(world.supervisor)
    client = Client()
    enrol = sign_in(client, supervisor)["Location"]
    secret = re.search(r'class="otp-secret">([A-Z2-7]+)<', client.get(enrol).content.decode()).group(1)
    done = client.post(enrol, {"token": code_for(secret), "next": "https://evil.example/"})
    assert done["Location"] == "/can-bo/"
