"""The directory of places (the former first page): provinces and a unit search box, in Vietnamese first."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


DIRECTORY = "/don-vi/"


def test_the_directory_lists_the_34_provinces_with_their_commune_counts(client, units):
    response = client.get(DIRECTORY)
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
    response = client.get(DIRECTORY, {"q": query})
    names = [u.full_name for u in response.context["results"]]
    assert names[0] == expected


def test_a_too_short_query_gets_a_vietnamese_message_not_an_error_page(client, units):
    response = client.get(DIRECTORY, {"q": "a"})
    assert response.status_code == 200
    assert "Từ khóa tìm kiếm phải có" in response.content.decode()
    assert response.context["results"] == []


def test_province_page_lists_its_communes(client, units):
    response = client.get(reverse("portal:province", args=["31"]))
    assert response.status_code == 200
    assert len(response.context["communes"]) == 114
    names = [c.name for c in response.context["communes"]]
    assert names.index("Hải Dương") < names.index("Hồng Bàng")  # Vietnamese order: a before ô
    assert client.get(reverse("portal:province", args=["99"])).status_code == 404


def test_english_is_the_second_language(client, units):
    response = client.get(DIRECTORY, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Administrative units" in html


def test_healthz_answers_for_load_balancers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/units/search" in schema.content
    assert client.get("/api/docs/").status_code == 200


def test_provinces_and_communes_are_in_vietnamese_alphabetical_order(client, units):
    provinces = [p.name for p in client.get(DIRECTORY).context["provinces"]]
    assert provinces.index("Điện Biên") > provinces.index("Đà Nẵng") > provinces.index("Cần Thơ")
    assert provinces.index("Điện Biên") < provinces.index("Gia Lai")  # đ before e, g — not after y
    hanoi = [c.name for c in client.get("/don-vi/01/").context["communes"]]
    assert (
        hanoi.index("Dương Nội") < hanoi.index("Đa Phúc") < hanoi.index("Đống Đa") < hanoi.index("Giảng Võ")
    )
    assert hanoi.index("Ô Diên") < hanoi.index("Phú Xuyên") and hanoi.index("Ô Diên") > hanoi.index(
        "Ô Chợ Dừa"
    )
