"""The public first page: provinces and a unit search box, in Vietnamese first."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_lists_the_34_provinces_with_their_commune_counts(client, units):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["commune_total"] == 3321
    assert len(response.context["provinces"]) == 34
    assert "Thành phố Hà Nội" in html
    hanoi = next(p for p in response.context["provinces"] if p.code == "01")
    assert hanoi.commune_count == 126
    assert '<html lang="vi">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ba dinh", "Phường Ba Đình"), ("dong da", "Phường Đống Đa"), ("Đống Đa", "Phường Đống Đa")],
)
def test_search_finds_units_with_or_without_diacritics(client, units, query, expected):
    response = client.get("/", {"q": query})
    names = [u.full_name for u in response.context["results"]]
    assert names[0] == expected


def test_a_too_short_query_gets_a_vietnamese_message_not_an_error_page(client, units):
    response = client.get("/", {"q": "a"})
    assert response.status_code == 200
    assert "Từ khóa tìm kiếm phải có" in response.content.decode()
    assert response.context["results"] == []


def test_province_page_lists_its_communes(client, units):
    response = client.get(reverse("portal:province", args=["31"]))
    assert response.status_code == 200
    assert len(response.context["communes"]) == 114
    assert client.get(reverse("portal:province", args=["99"])).status_code == 404


def test_english_is_the_second_language(client, units):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Public Administrative Service Center" in html


def test_healthz_answers_for_load_balancers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/units/search" in schema.content
    assert client.get("/api/docs/").status_code == 200
