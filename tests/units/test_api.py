"""The read-only API under /api/v1/units, errors included."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


def get(api, url, status=200):
    response = api.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_provinces_today_and_before_the_reform(units, api):
    today = get(api, "/api/v1/units/provinces")
    assert len(today) == 34 and today[0]["code"] == "01"
    assert sum(p["kind"] == "thanh_pho_tw" for p in today) == 9
    assert {p["valid_to"] for p in today} == {None}
    legacy = get(api, "/api/v1/units/provinces?at=2025-06-30")
    assert len(legacy) == 63
    assert {"code": "30", "full_name": "Tỉnh Hải Dương"}.items() <= next(
        p for p in legacy if p["code"] == "30"
    ).items()


def test_communes_of_a_province(units, api):
    body = get(api, "/api/v1/units/provinces/79/communes")
    assert body["province"]["full_name"] == "Thành phố Hồ Chí Minh"
    assert body["count"] == len(body["communes"]) == 168
    assert {c["parent_code"] for c in body["communes"]} == {"79"}
    dac_khu = get(api, "/api/v1/units/provinces/79/communes?kind=dac_khu")["communes"]
    assert [c["full_name"] for c in dac_khu] == ["Đặc khu Côn Đảo"]
    before = get(api, "/api/v1/units/provinces/30/communes?at=2025-06-30")
    assert before["province"]["full_name"] == "Tỉnh Hải Dương" and before["count"] > 200


def test_unit_by_code_with_its_history(units, api):
    city = get(api, "/api/v1/units/22")
    assert (city["full_name"], city["valid_from"], city["is_current"]) == (
        "Thành phố Quảng Ninh",
        "2026-09-01",
        True,
    )
    assert [(p["unit"]["full_name"], p["unit"]["valid_to"]) for p in city["predecessors"]] == [
        ("Tỉnh Quảng Ninh", "2026-09-01")
    ]
    assert city["successors"] == []
    province = get(api, "/api/v1/units/22?at=2026-08-31")
    assert (province["kind"], province["kind_label"]) == ("tinh", "Tỉnh")
    assert [s["unit"]["full_name"] for s in province["successors"]] == ["Thành phố Quảng Ninh"]
    ward = get(api, "/api/v1/units/00004")
    assert ward["full_name"] == "Phường Ba Đình" and ward["parent_code"] == "01"
    assert "Phường Trúc Bạch" in [p["unit"]["full_name"] for p in ward["predecessors"]]


def test_old_code_lookup_at_a_date_and_its_successors_today(units, api):
    old = get(api, "/api/v1/units/10510?at=2025-06-30")
    assert (old["full_name"], old["province_code"], old["parent_code"]) == ("Phường Bình Hàn", "30", "288")
    assert [s["unit"]["code"] for s in old["successors"]] == ["10507"]
    resolved = get(api, "/api/v1/units/10510/successors")
    assert resolved["unit"]["full_name"] == "Phường Bình Hàn"
    assert [
        (s["unit"]["full_name"], s["unit"]["province_code"], s["partial"]) for s in resolved["successors"]
    ] == [("Phường Thành Đông", "31", False)]


def test_successors_follow_the_2026_changes(units, api):
    # Thị trấn Bố Hạ (Bắc Giang) -> Xã Bố Hạ (1/7/2025) -> Phường Bố Hạ (20/9/2026)
    today = get(api, "/api/v1/units/07294/successors?at=2025-06-30")
    assert [s["unit"]["full_name"] for s in today["successors"]] == ["Phường Bố Hạ"]
    earlier = get(api, "/api/v1/units/07294/successors?at=2025-06-30&on=2026-09-19")
    assert [s["unit"]["full_name"] for s in earlier["successors"]] == ["Xã Bố Hạ"]
    province = get(
        api, "/api/v1/units/24/successors?at=2025-06-30"
    )  # old Bắc Giang code? no: old Bắc Giang is 24
    assert [s["unit"]["full_name"] for s in province["successors"]] == ["Thành phố Bắc Ninh"]


def test_divided_commune_resolves_to_several_with_one_primary(units, api):
    body = get(api, "/api/v1/units/10528/successors")
    found = [(s["unit"]["full_name"], s["partial"], s["primary"]) for s in body["successors"]]
    assert found == [("Phường Lê Thanh Nghị", True, True), ("Phường Tân Hưng", True, False)]


def test_search_endpoint(units, api):
    found = get(api, "/api/v1/units/search?q=dong%20da")
    assert found[0]["full_name"] == "Phường Đống Đa"
    assert get(api, "/api/v1/units/search?q=ba+dinh&province=38&limit=5")[0]["code"] == "16171"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/units/99999", 404, "units.not_found"),
        ("/api/v1/units/00001", 404, "units.not_found"),  # ended: the message points to ?at= and /successors
        ("/api/v1/units/01?at=2020-01-01", 404, "units.not_found"),
        ("/api/v1/units/provinces/99/communes", 404, "units.not_found"),
        ("/api/v1/units/99999/successors", 404, "units.not_found"),
        ("/api/v1/units/provinces?at=30-06-2025", 400, "units.invalid_query"),
        ("/api/v1/units/provinces/01/communes?kind=huyen", 400, "units.invalid_query"),
        ("/api/v1/units/search?q=a", 400, "units.invalid_query"),
        ("/api/v1/units/search", 400, "units.invalid_query"),
        ("/api/v1/units/search?q=ba+dinh&limit=500", 400, "units.invalid_query"),
        ("/api/v1/units/search?q=ba+dinh&province=1", 400, "units.invalid_query"),
    ],
)
def test_errors_are_problems_with_stable_codes(units, api, url, status, code):
    response = api.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert (body["code"], body["status"]) == (code, status)
    assert not body["title"].isascii()  # a Vietnamese message


def test_ended_code_message_explains_how_to_find_it(units, api):
    body = get(api, "/api/v1/units/00001", status=404)
    assert "không còn hiệu lực" in body["title"] and "/units/00001/successors" in body["title"]
