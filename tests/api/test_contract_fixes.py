"""What the fuzz run found, each pinned by a request a client could send (ADR 0052)."""

import pytest
from rest_framework.test import APIClient

from motcua.units.selectors import search_units


@pytest.fixture
def officer(world):
    client = APIClient()
    client.force_authenticate(world.officer)
    return client


def test_a_body_that_is_no_object_is_refused_with_details_as_an_object(officer):
    answer = officer.post("/api/v1/dossiers/counter", "null", content_type="application/json")
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_input"
    assert isinstance(answer.json()["details"], dict)  # the schema's type: was a bare list


@pytest.mark.parametrize(
    "query", [{"limit": "abc"}, {"limit": "0"}, {"limit": "1001"}, {"offset": "-3"}, {"offset": str(2**70)}]
)
def test_a_page_outside_its_bounds_is_a_400_not_read_as_absent(world, query):
    answer = APIClient().get("/api/v1/catalog/procedures", query)
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_input"


def test_a_page_within_bounds_is_served(world):
    answer = APIClient().get("/api/v1/catalog/procedures", {"limit": "1", "offset": "1"})
    assert answer.status_code == 200 and len(answer.json()["results"]) == 1


def test_a_unit_query_of_marks_only_finds_nothing_instead_of_refusing(world):
    assert (
        search_units("\u0301\u0301") == []
    )  # two characters as typed (the declared bound), none left folded
    answer = APIClient().get("/api/v1/units/search", {"q": "a"})
    assert answer.status_code == 400 and answer.json()["code"] == "units.invalid_query"


def test_an_empty_optional_query_parameter_is_absent(world):
    assert APIClient().get("/api/v1/units/provinces", {"at": ""}).status_code == 200


def test_a_province_code_of_no_province_is_not_found(world):
    answer = APIClient().get("/api/v1/calendar/deadline", {"duration": "3 ngày làm việc", "province": "99"})
    assert answer.status_code == 404 and answer.json()["code"] == "calendar.unknown_province"
