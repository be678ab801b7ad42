"""Tracking a dossier by its code and the receipt's second factor needs no sign-in, with citizen sign-in
in place: anonymous requests get the status; a signed-in citizen sees the same; a wrong factor is 404."""

import pytest
from django.core.cache import cache

from motcua.accounts.claims import CitizenClaims
from motcua.accounts.services import sign_in_citizen
from motcua.dossiers.api.tracking import second_factor
from tests.dossiers.conftest import receive

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_person_tracks_a_dossier_with_the_code_and_second_factor(client, world):
    dossier = receive(world)
    response = client.get(f"/api/v1/tracking/{dossier.code}", {"k": second_factor(dossier.code)})
    assert response.status_code == 200 and response.json()["status"] == "Đã tiếp nhận"
    assert client.get(f"/api/v1/tracking/{dossier.code}", {"k": "AAAAAAAA"}).status_code == 404
    assert "_auth_user_id" not in client.session


def test_a_signed_in_citizen_tracks_the_same_way(client, world):
    dossier = receive(world)
    user = sign_in_citizen(
        issuer="http://idp.test",
        claims=CitizenClaims("sub-1", "Lê Hoàng Nam", "048203001234", None, "", ""),
    )
    client.force_login(user)
    response = client.get(f"/api/v1/tracking/{dossier.code}", {"k": second_factor(dossier.code)})
    assert response.status_code == 200 and response.json()["status"] == "Đã tiếp nhận"
