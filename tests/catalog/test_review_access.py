"""Only catalog administrators (and superusers) use the review desk: every other officer gets 403 on
every page and every write, and nothing changes."""

import pytest
from django.urls import reverse

from motcua.catalog.models import CatalogAuditLog, ProcedureVersion
from motcua.org import services as org
from motcua.org.roles import RoleCode
from tests.catalog.review_fixtures import SINCE, birth_registration, catalog_admin
from tests.org.factories import one_level_center, place, province, user

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", "catalog-queue", None),
    ("get", "catalog-version", 1),
    ("post", "catalog-version", 1),
    ("post", "catalog-revise", 1),
    ("post", "catalog-publish", 1),
    ("post", "catalog-discard", 1),
]


def _url(name, number):
    if number is None:
        return reverse(f"workspace:{name}")
    return reverse(f"workspace:{name}", kwargs={"code": "1.001193", "number": number})


def _officer(role, target):
    person = user(full_name=f"Cán bộ {role}")
    org.assign_staff(user=person, role=role, target=target, valid_from=SINCE)
    return person


@pytest.fixture
def others(db):
    hanoi = province()
    counter_place = place(one_level_center(hanoi))
    return {
        "reception officer": _officer(RoleCode.RECEPTION_OFFICER, counter_place),
        "supervisor": _officer(RoleCode.SUPERVISOR, hanoi),
        "system administrator": _officer(RoleCode.SYSTEM_ADMIN, hanoi),
        "staff account without a role": user(is_staff=True),
    }


def test_other_roles_get_403_and_change_nothing(client, others):
    procedure = birth_registration()
    log = CatalogAuditLog.objects.count()
    for who, person in others.items():
        client.force_login(person)
        for method, name, number in PAGES:
            response = getattr(client, method)(_url(name, number), {"valid_from": "2026-01-01"})
            assert response.status_code == 403, (who, name, method)
            if method == "get":
                assert "Chỉ quản trị danh mục được vào trang này" in response.content.decode()
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1
    assert CatalogAuditLog.objects.count() == log


def test_signed_out_people_are_sent_to_the_workspace_sign_in(client):
    response = client.get(_url("catalog-queue", None))
    assert response.status_code == 302 and response["Location"].startswith(reverse("workspace:login"))


def test_a_catalog_administrator_and_a_superuser_get_in(client):
    birth_registration()
    administrator = catalog_admin()
    client.force_login(administrator)
    page = client.get(_url("catalog-queue", None)).content.decode()
    assert "Rà soát danh mục thủ tục" in page
    # "My work" of a catalog administrator is the review desk, and the officers' bar links it.
    home = client.get(reverse("workspace:home"), follow=True)
    assert home.redirect_chain == [(_url("catalog-queue", None), 302)]
    assert f'href="{_url("catalog-queue", None)}"' in home.content.decode()
    superuser = user(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(_url("catalog-version", 1)).status_code == 200


def test_a_role_that_has_ended_no_longer_opens_the_desk(client):
    from datetime import date

    person = user(full_name="Người đã chuyển công tác")
    org.assign_staff(
        user=person,
        role=RoleCode.CATALOG_ADMIN,
        target=province(),
        valid_from=SINCE,
        valid_to=date(2025, 12, 31),
    )
    client.force_login(person)
    assert client.get(_url("catalog-queue", None)).status_code == 403
