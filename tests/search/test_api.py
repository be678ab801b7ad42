import pytest
from rest_framework.test import APIClient

URL = "/api/v1/procedures/search"
pytestmark = pytest.mark.usefixtures("indexed")


@pytest.fixture
def client():
    return APIClient()


def test_search_returns_ranked_procedures(client):
    response = client.get(URL, {"q": "dang ky ket hon", "limit": 3, "mode": "lexical"})
    assert response.status_code == 200
    body = response.json()
    assert (body["query"], body["mode"], body["count"]) == ("dang ky ket hon", "lexical", 3)
    first = body["results"][0]
    assert first["code"] == "1.000894"
    assert set(first) == {
        *("code", "name", "field", "levels", "score", "version_id"),
        *("online", "time_limit", "time_note", "time_as_published"),
        *("fee", "fee_note", "fee_amount", "fee_currency"),
    }
    assert first["field"] == "Hộ tịch"


def test_results_say_the_fee_the_time_limit_and_whether_it_can_be_sent_online(client):
    body = client.get(URL, {"q": "chứng thực bản sao từ bản chính", "limit": 1}).json()
    copy = body["results"][0]
    assert copy["code"] == "2.000815"
    assert (copy["fee"], copy["fee_amount"], copy["fee_currency"]) == ("2.000 đồng", 2000, "VND")
    assert copy["online"] is True  # the national catalog does not exclude it (no province asked)
    marriage = client.get(URL, {"q": "đăng ký kết hôn", "limit": 1}).json()["results"][0]
    assert (marriage["fee"], marriage["fee_amount"]) == ("Miễn phí", 0)
    # The crawl says "1" without a unit; the curated overlay settles it by the law (same working day).
    assert (marriage["time_limit"], marriage["time_as_published"]) == ("Trong ngày", False)


def test_the_level_of_the_place_of_search_comes_first(client):
    at_commune = client.get(URL, {"q": "cấp đổi thẻ căn cước", "limit": 3, "level": "commune"}).json()
    at_province = client.get(URL, {"q": "cấp đổi thẻ căn cước", "limit": 3, "level": "province"}).json()
    assert at_commune["results"][0]["code"] == "1.014063"
    assert at_province["results"][0]["code"] == "2.001195"


def test_default_mode_is_hybrid_and_default_limit_ten(client):
    body = client.get(URL, {"q": "con mới sinh cần làm giấy tờ gì"}).json()
    assert body["mode"] == "hybrid"
    assert body["count"] == 10
    assert {"1.001193", "2.000986", "2.001023", "1.000689"} & {r["code"] for r in body["results"][:3]}


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "a" * 301}])
def test_empty_or_too_long_query_is_a_problem_in_vietnamese(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "search.invalid_query"
    assert body["title"] in {
        "Vui lòng nhập nội dung cần tra cứu.",
        "Nội dung tra cứu quá dài (tối đa 300 ký tự).",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "abc"},
        {"limit": "0"},
        {"limit": "51"},
        {"mode": "fuzzy"},
        {"province": "99"},
        {"level": "huyen"},
    ],
)
def test_bad_parameters(client, params):
    response = client.get(URL, {"q": "khai sinh", **params})
    assert response.status_code == 400
    assert response.json()["code"] == "search.invalid_parameter"


def test_anonymous_access_is_allowed_and_writes_are_not(client):
    assert client.get(URL, {"q": "hộ chiếu", "limit": 1}).status_code == 200
    assert client.post(URL, {"q": "hộ chiếu"}).status_code == 405
