"""The second factor on the remaining doors (ADR 0051): the API (Basic authentication and sessions) and
the admin site, for the roles that need it; the others' API clients unchanged."""

import base64

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.accounts.models import User
from motcua.org.roles import RoleCode
from motcua.org.services import ensure_roles
from tests.dossiers.factories import staff
from tests.org.factories import Hanoi
from tests.twofactor import current_code, device_of, verified_login

PASSWORD = "mat-khau-dai-va-kho-51"  # noqa: S105
LIST = "/api/v1/dossiers"


class People:
    """A supervisor of Hà Nội and a reception officer at Ba Đình's point (not the package's shared world:
    the sign-in tests after this module count the users)."""

    def __init__(self):
        ensure_roles()
        hanoi = Hanoi()
        self.supervisor = staff(RoleCode.SUPERVISOR, hanoi.province, "Giám sát Hà Nội")
        self.officer = staff(RoleCode.RECEPTION_OFFICER, hanoi.point_ba_dinh, "Cán bộ Ba Đình")


@pytest.fixture
def world(db):
    return People()


@pytest.fixture(autouse=True)
def fresh():
    cache.clear()  # django-axes' counts and the throttles
    yield
    cache.clear()


def with_password(shared):
    user = User.objects.get(pk=shared.pk)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def basic(user, password=PASSWORD) -> dict:
    token = base64.b64encode(f"{user.username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_basic_authentication_is_refused_to_a_supervisor_whatever_the_password(world):
    supervisor = with_password(world.supervisor)
    refused = Client().get(LIST, **basic(supervisor))
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "auth.second_factor_required"
    assert "xác thực hai bước" in refused.json()["title"]
    wrong = Client().get(LIST, **basic(supervisor, "sai-mat-khau"))
    assert wrong.status_code == 401 and wrong.json()["code"] == "auth.failed"  # as for anybody (ADR 0044)


def test_a_reception_officer_still_uses_basic_authentication(world):
    officer = with_password(world.officer)
    answer = Client().get(LIST, **basic(officer))
    assert answer.status_code == 200 and answer.json()["count"] == 0


def test_a_supervisor_s_session_answers_the_api_only_once_past_the_second_factor(world):
    client = Client()
    client.force_login(world.supervisor)  # the password alone
    refused = client.get(LIST)
    assert refused.status_code == 403 and refused.json()["code"] == "auth.second_factor_required"
    verified_login(client, world.supervisor)
    assert client.get(LIST).status_code == 200


def test_without_required_roles_the_demo_s_supervisor_needs_no_code(world, settings):
    settings.MOTCUA_OTP_REQUIRED_ROLES = []  # make run's default under DEBUG (ADR 0044)
    supervisor = with_password(world.supervisor)
    assert Client().get(LIST, **basic(supervisor)).status_code == 200


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("quantri51", "quantri51@example.vn", PASSWORD)


def test_the_admin_site_asks_a_superuser_for_the_code_after_the_password(superuser):
    client = Client()
    signed = client.post("/admin/login/?next=/admin/", {"username": superuser.username, "password": PASSWORD})
    assert signed.status_code == 302  # the password was right ...
    index = client.get("/admin/")
    assert index.status_code == 302 and index["Location"].startswith("/admin/login/")
    asked = client.get(index["Location"])  # ... the admin's sign-in page sends on to the second factor
    assert asked.status_code == 302 and asked["Location"].startswith("/can-bo/xac-thuc-hai-buoc/dang-ky/")
    assert client.get("/admin/dossiers/dossier/").status_code == 302  # no page meanwhile
    device = device_of(superuser)
    verify = f"/can-bo/xac-thuc-hai-buoc/?next={index['Location']}"
    back = client.post(verify, {"token": current_code(device), "next": index["Location"]})
    assert back.status_code == 302
    assert client.get(back["Location"]).status_code == 302  # the admin's sign-in page, now past both
    assert client.get("/admin/").status_code == 200


def test_a_verified_superuser_opens_the_admin_and_a_plain_staff_member_is_not_asked(superuser, world):
    assert verified_login(Client(), superuser).get("/admin/").status_code == 200
    staff = with_password(world.officer)
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200  # a reception officer's role needs no second factor
