"""The admin shows the map read-only and searches names without diacritics."""

import pytest
from django.contrib.auth import get_user_model

from motcua.units.models import AdministrativeUnit
from tests.twofactor import verified_login


@pytest.fixture
def admin_client(client, settings):
    # the production manifest storage needs collectstatic; pages render the same with the plain one
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-123")
    verified_login(client, user)
    return client


def test_changelist_searches_without_diacritics_and_filters_current(units, admin_client):
    response = admin_client.get("/admin/units/administrativeunit/", {"q": "dong da", "validity": "current"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phường Đống Đa" in html and "Đồng Đăng" in html
    ended = admin_client.get("/admin/units/administrativeunit/", {"q": "truc bach", "validity": "ended"})
    assert "Phường Trúc Bạch" in ended.content.decode()


def test_unit_page_is_read_only_with_its_history(units, admin_client):
    unit = AdministrativeUnit.objects.current().get(code="22")
    response = admin_client.get(f"/admin/units/administrativeunit/{unit.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tỉnh Quảng Ninh" in html  # the predecessor row, shown inline
    assert 'name="_save"' not in html
    assert admin_client.get("/admin/units/administrativeunit/add/").status_code == 403
    assert admin_client.post(f"/admin/units/administrativeunit/{unit.pk}/delete/").status_code == 403


def test_succession_list(units, admin_client):
    response = admin_client.get("/admin/units/unitsuccession/", {"q": "hai duong"})
    assert response.status_code == 200
    assert "Tỉnh Hải Dương" in response.content.decode()
