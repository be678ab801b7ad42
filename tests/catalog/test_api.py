"""The catalog REST API: public reads, staff-only writes, stable error codes in Vietnamese."""

from datetime import date

import pytest
from django.db.models import Q
from rest_framework.test import APIClient

from motcua.catalog import exchange
from motcua.catalog.models import Field, ProcedureVersion, ProvinceProcedure

BASE = "/api/v1/catalog"


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def admin_client(staff):
    api = APIClient()
    api.force_authenticate(staff)
    return api


def test_list_filters_by_level_field_and_province(national, client, hanoi):
    response = client.get(f"{BASE}/procedures", {"level": "commune", "limit": 500})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == ProcedureVersion.objects.filter(at_commune=True).count()
    assert all("commune" in item["levels"] for item in body["results"])

    hotich = Field.objects.get(name="Hộ tịch")
    body = client.get(f"{BASE}/procedures", {"field": hotich.id}).json()
    assert body["count"] == ProcedureVersion.objects.filter(field=hotich).count()
    assert {item["field"] for item in body["results"]} == {"Hộ tịch"}

    exchange.adopt_national("01")
    body = client.get(f"{BASE}/procedures", {"province": "01", "limit": 1}).json()
    assert body["count"] == ProvinceProcedure.objects.filter(province=hanoi, active=True).count()
    expected = ProcedureVersion.objects.filter(Q(at_province=True) | Q(at_commune=True)).count()
    assert body["count"] == expected


def test_list_search_and_invalid_query(national, client):
    body = client.get(f"{BASE}/procedures", {"q": "1.00008"}).json()
    assert "1.000080" in [item["code"] for item in body["results"]]
    response = client.get(f"{BASE}/procedures", {"level": "district"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"


def test_detail_shows_current_version_with_documents_per_case(national, client):
    body = client.get(f"{BASE}/procedures/1.000080").json()
    current = body["current_version"]
    assert (current["number"], current["status"], current["field"]["name"]) == (1, "published", "Hộ tịch")
    # the source's "* Giấy tờ phải nộp / phải xuất trình / Lưu ý" are sections, not cases
    assert [c["title"] for c in current["cases"]] == [None]  # one group: the documents common to all
    version = ProcedureVersion.objects.get(procedure__code="1.000080")
    assert len(current["cases"][0]["documents"]) == version.documents.count()
    assert [(c["channel"], c["fee_kind"], c["time_unit"]) for c in current["channels"]] == [
        ("postal", "province", "working_days"),
        ("in_person", "province", "working_days"),
        ("online", "province", "working_days"),
    ]
    assert current["channels"][0]["fee_kind_display"] == "Do HĐND/UBND tỉnh quy định"
    assert body["versions"] == [
        {
            "number": 1,
            "status": "published",
            "status_display": "Đã công bố",
            "valid_from": "2025-07-01",
            "valid_to": None,
            "decision_no": "163/QĐ-BTP",
            "needs_review": False,  # its time was recovered from Luật Hộ tịch (ADR 0022)
        }
    ]


def test_general_documents_come_first(national, client):
    cases = client.get(f"{BASE}/procedures/1.000232").json()["current_version"]["cases"]
    assert cases == [
        {
            "title": None,
            "documents": [
                {
                    "name": "Văn bản đề nghị hủy tài khoản điện tử (NA20).",
                    "originals": 1,
                    "copies": 0,
                    "required": True,
                    "condition": "",
                    "one_of": "",
                    "presented": False,
                    "template_name": "Mau NA20-BCA.docx",
                }
            ],
        }
    ]


def test_not_found_codes(national, client):
    response = client.get(f"{BASE}/procedures/9.999999")
    assert (response.status_code, response.json()["code"]) == (404, "catalog.procedure_not_found")
    assert response.json()["title"] == "Không tìm thấy thủ tục có mã 9.999999."
    response = client.get(f"{BASE}/procedures/1.000080/versions/7")
    assert (response.status_code, response.json()["code"]) == (404, "catalog.version_not_found")


def test_writes_need_a_catalog_administrator(national, client, django_user_model):
    response = client.post(f"{BASE}/procedures/1.000080/versions", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "auth.not_authenticated")
    citizen = django_user_model.objects.create_user("citizen", password="x")
    client.force_authenticate(citizen)
    response = client.post(f"{BASE}/procedures/1.000080/versions", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "auth.forbidden")


def test_the_catalog_admin_role_may_write(national, client, django_user_model, hanoi):
    from motcua.org.models import Role, StaffAssignment

    user = django_user_model.objects.create_user("qtdm", password="x")
    StaffAssignment.objects.create(
        user=user,
        role=Role.objects.get(code="catalog_admin"),
        scope_kind="province",
        province=hanoi,
        valid_from=date(2025, 7, 1),
    )
    client.force_authenticate(user)
    response = client.post(f"{BASE}/procedures/1.000080/versions", {"from_version": 1}, format="json")
    assert response.status_code == 201


def test_draft_publish_retire_through_the_api(national, admin_client):
    url = f"{BASE}/procedures/1.000178/versions"
    response = admin_client.post(
        url, {"from_version": 1, "name": "Giải quyết khiếu nại (sửa đổi)"}, format="json"
    )
    assert response.status_code == 201, response.json()
    draft = response.json()
    assert (draft["number"], draft["status"], draft["name"]) == (2, "draft", "Giải quyết khiếu nại (sửa đổi)")
    assert len(draft["cases"][0]["documents"]) == 8

    response = admin_client.post(url, {"name": "Bản nháp thứ hai"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "catalog.draft_exists")

    response = admin_client.patch(
        f"{url}/2",
        {
            "channel_terms": [
                {
                    "channel": "in_person",
                    "time_value": "45",
                    "time_unit": "working_days",
                    "fee_kind": "free",
                    "fee_amount": 0,
                }
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    assert [(c["time_value"], c["time_unit"]) for c in response.json()["channels"]] == [
        ("45.00", "working_days")
    ]

    response = admin_client.post(f"{url}/2/publish", {"valid_from": "2025-01-01"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "catalog.version_overlap")
    assert "chồng lấn" in response.json()["title"]

    response = admin_client.post(
        f"{url}/2/publish", {"valid_from": "2026-01-01", "decision_no": "99/QĐ-BCA"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decision_no"]) == ("published", "99/QĐ-BCA")
    assert ProcedureVersion.objects.get(procedure__code="1.000178", number=1).valid_to == date(2026, 1, 1)

    response = admin_client.patch(f"{url}/2", {"name": "Sửa sau khi công bố"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "catalog.version_immutable")

    response = admin_client.post(f"{url}/2/retire", {"on": "2026-06-01"}, format="json")
    assert (response.status_code, response.json()["status"], response.json()["valid_to"]) == (
        200,
        "retired",
        "2026-06-01",
    )
    response = admin_client.post(f"{url}/2/retire", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "catalog.invalid_transition")

    versions = admin_client.get(url).json()
    assert [(v["number"], v["status"]) for v in versions] == [(1, "published"), (2, "retired")]


def test_invalid_input_is_reported_with_details(national, admin_client):
    response = admin_client.post(f"{BASE}/procedures/1.000178/versions", {"name": "x"}, format="json")
    assert response.status_code == 201
    response = admin_client.post(f"{BASE}/procedures/1.000178/versions/2/publish", {}, format="json")
    assert response.status_code == 400
    assert (response.json()["code"], list(response.json()["details"])) == ("invalid_input", ["valid_from"])
    response = admin_client.delete(f"{BASE}/procedures/1.000178/versions/2")
    assert response.status_code == 204
    response = admin_client.delete(f"{BASE}/procedures/1.000178/versions/1")
    assert (response.status_code, response.json()["code"]) == (409, "catalog.version_immutable")


def test_new_procedure_code(national, admin_client):
    response = admin_client.post(f"{BASE}/procedures", {"code": "2.002999"}, format="json")
    assert response.status_code == 201
    assert response.json() == {"code": "2.002999", "current_version": None, "versions": []}
    response = admin_client.post(f"{BASE}/procedures", {"code": "abc"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_input")


def test_fields_list(national, client):
    names = [f["name"] for f in client.get(f"{BASE}/fields").json()]
    assert "Hộ tịch" in names and len(names) == Field.objects.count()


def test_detail_tells_conditions_alternatives_papers_shown_notes_and_fee_windows(national, client):
    current = client.get(f"{BASE}/procedures/1.001193").json()["current_version"]  # birth registration
    version = ProcedureVersion.objects.get(procedure__code="1.001193", status="published")
    documents = current["cases"][0]["documents"]
    stored = list(version.documents.order_by("position"))
    assert [(d["name"], d["condition"], d["one_of"], d["presented"]) for d in documents] == [
        (d.name, d.condition, d.one_of, d.presented) for d in stored
    ]
    assert any(d["one_of"] for d in documents) and any(d["condition"] for d in documents)
    assert any(d["presented"] for d in documents)
    assert [n["text"] for n in current["notes"]] == [n.text for n in version.notes.order_by("position")]
    assert all(n["case"] is None for n in current["notes"])
    # 1.013818: a reduced fee until 31/12/2026, then the full amount (fee windows, ADR 0022)
    channels = client.get(f"{BASE}/procedures/1.013818").json()["current_version"]["channels"]
    windows = {(c["valid_from"], c["valid_until"], c["fee_amount"]) for c in channels}
    assert {("2025-07-01", "2026-12-31", "1750000"), ("2027-01-01", None, "3500000")} <= {
        (start, end, str(int(float(amount)))) for start, end, amount in windows
    }, windows
