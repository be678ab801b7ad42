"""Home-service pages: bad input gets a Vietnamese message next to its field and keeps what was typed;
the status page needs code and phone; staff pages are for the right people only."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.dossiers import services as dossier_services
from motcua.homeservice import services
from motcua.homeservice.models import HomeServiceRequest
from motcua.org.roles import RoleCode
from motcua.units.models import AdministrativeUnit
from tests.dossiers.factories import person, staff
from tests.twofactor import verified_login

from .conftest import next_working_slot, request_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def field_error(html: str, field: str) -> str:
    """The error message shown inside the block of `field` (before its input)."""
    block = re.search(
        rf'<(?:div|fieldset) class="hs-field has-error"[^>]*>(?:(?!</?(?:div|fieldset) class="hs-field).)*?id="id_{field}(?:_0)?"',
        html,
        re.S,
    )
    assert block, f"no error block for {field}"
    message = re.search(r'class="field-error"[^>]*>([^<]+)<', block.group(0))
    assert message, f"no message for {field}"
    return message.group(1).strip()


def test_the_form_lists_the_communes_of_the_province_and_the_reasons(client, world):
    html = client.get("/phuc-vu-tai-nha/").content.decode()
    assert "Đề nghị cán bộ đến tận nhà" in html
    assert '<option value="00004">Phường Ba Đình</option>' in html
    assert "Người cao tuổi" in html and "Phụ nữ mang thai, nuôi con nhỏ" in html
    assert 'name="viewport"' in html


def test_bad_input_gets_a_message_next_to_each_field_and_keeps_everything_typed(client, world):
    typed = request_data(person_phone="12345", person_id_number="0011", address="", reason="")
    response = client.post("/phuc-vu-tai-nha/", {**typed, "province": "01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "person_phone").startswith("Số điện thoại không đúng")
    assert field_error(html, "person_id_number") == "Số căn cước gồm 12 chữ số (có thể bỏ trống)."
    assert field_error(html, "address").startswith("Cần ghi địa chỉ")
    assert field_error(html, "reason") == "Hãy chọn lý do cần cán bộ đến tận nơi."
    # Nothing typed is lost.
    for value in (
        "Nguyễn Thị Hoa",
        "12345",
        "0011",
        "Trần Văn Nam",
        "con trai",
        "9.100001",
        "Nhà có chó, gọi trước khi đến.",
    ):
        assert f'value="{value}"' in html or re.search(rf">\s*{re.escape(value)}</textarea>", html), value
    assert '<option value="00004" selected>' in html
    assert re.search(r'value="1"[^>]*checked|checked[^>]*value="1"', html)
    assert not HomeServiceRequest.objects.exists()


def test_a_commune_of_another_province_is_refused_next_to_the_field(client, world):
    other = AdministrativeUnit.objects.filter(level="commune").exclude(province_code="01").first()
    if other is None:
        from tests.org.factories import commune, province

        other = commune(province("31", "Hải Phòng"), "10525", "Thành Đông")
    response = client.post("/phuc-vu-tai-nha/", {**request_data(commune=other.code), "province": "01"})
    assert response.status_code == 400
    assert field_error(response.content.decode(), "commune").startswith("Hãy chọn xã, phường")


def test_a_request_is_sent_and_its_status_needs_code_and_phone(client, world):
    response = client.post("/phuc-vu-tai-nha/", {**request_data(), "province": "01"})
    assert response.status_code == 302 and response["Location"] == "/phuc-vu-tai-nha/da-gui/"
    item = HomeServiceRequest.objects.get()
    assert item.code in client.get("/phuc-vu-tai-nha/da-gui/").content.decode()
    assert client.get("/phuc-vu-tai-nha/da-gui/", follow=False).status_code == 200
    from django.test import Client

    assert Client().get("/phuc-vu-tai-nha/da-gui/").status_code == 302  # another browser sees no code

    wrong = client.post("/phuc-vu-tai-nha/tra-cuu/", {"code": item.code, "phone": "0900000000"})
    unknown = client.post("/phuc-vu-tai-nha/tra-cuu/", {"code": "TNAAAAAAAA", "phone": "0912345678"})
    for response in (wrong, unknown):
        assert response.status_code == 400
        html = response.content.decode()
        assert field_error(html, "code") == "Không tìm thấy yêu cầu với mã và số điện thoại này."
        assert "Nguyễn Thị Hoa" not in html
    right = client.post("/phuc-vu-tai-nha/tra-cuu/", {"code": item.code.lower(), "phone": "0912345678"})
    assert "Đã gửi yêu cầu, chờ sắp xếp" in right.content.decode()


def test_status_lookups_are_throttled(client, world):
    for _ in range(20):
        client.post("/phuc-vu-tai-nha/tra-cuu/", {"code": "TNAAAAAAAA", "phone": "0912345678"})
    html = client.post(
        "/phuc-vu-tai-nha/tra-cuu/", {"code": "TNAAAAAAAA", "phone": "0912345678"}
    ).content.decode()
    assert "quá nhiều lần" in html


def test_staff_pages_need_an_account_and_the_right_role(client, world):
    item = services.create_request(request_data())
    assert client.get("/phuc-vu-tai-nha/giam-sat/").status_code == 302  # to the sign-in page
    client.force_login(world.officer)
    assert client.get("/phuc-vu-tai-nha/giam-sat/").status_code == 403
    assert client.get(f"/phuc-vu-tai-nha/giam-sat/{item.code}/").status_code == 404
    verified_login(client, staff(RoleCode.SUPERVISOR, _hai_phong(), "Giám sát Hải Phòng"))
    assert item.code not in client.get("/phuc-vu-tai-nha/giam-sat/").content.decode()
    assert client.get(f"/phuc-vu-tai-nha/giam-sat/{item.code}/").status_code == 404
    verified_login(client, world.supervisor)
    assert item.code in client.get("/phuc-vu-tai-nha/giam-sat/").content.decode()


def _hai_phong():
    from tests.org.factories import province

    return province("31", "Hải Phòng")


def test_the_schedule_form_shows_errors_next_to_the_fields(client, world):
    item = services.create_request(request_data())
    verified_login(client, world.supervisor)
    url = f"/phuc-vu-tai-nha/giam-sat/{item.code}/"
    html = client.get(url).content.decode()
    assert "Trần Thị Bình" in html and "Phạm Thị Dung" not in html  # officers of Ba Đình only
    response = client.post(
        url,
        {"action": "schedule", "version": 1, "officer": "", "day": "2026-13-40", "start": "09:00", "end": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "officer") == "Không được để trống."
    assert field_error(html, "end") == "Không được để trống."
    assert field_error(html, "day")
    saturday = "2031-03-08"
    response = client.post(
        url,
        {
            "action": "schedule",
            "version": 1,
            "officer": world.officer.pk,
            "day": saturday,
            "start": "09:00",
            "end": "10:00",
            "note": "Mang máy quét",
        },
    )
    html = response.content.decode()
    assert field_error(html, "day") == "Ngày này không phải ngày làm việc."
    assert 'value="Mang máy quét"' in html
    start, end = next_working_slot()
    response = client.post(
        url,
        {
            "action": "schedule",
            "version": 1,
            "officer": world.officer.pk,
            "day": start.date().isoformat(),
            "start": "09:00",
            "end": "10:00",
        },
    )
    assert response.status_code == 302
    assert HomeServiceRequest.objects.get().status == "scheduled"


def test_the_officer_sees_the_reception_link_and_return_to_links_the_dossier(client, world, settings):
    settings.ROOT_URLCONF = "tests.homeservice.urls_with_workspace"
    item = services.create_request(request_data())
    start, end = next_working_slot()
    services.schedule(
        item, actor=world.supervisor, version=1, officer=world.officer, slot_start=start, slot_end=end
    )
    client.force_login(world.officer)
    assert item.code in client.get("/phuc-vu-tai-nha/lich-cua-toi/").content.decode()
    html = client.get(f"/phuc-vu-tai-nha/lich-cua-toi/{item.code}/").content.decode()
    href = re.search(r'id="receive-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    url = urlsplit(href)
    assert url.path == reverse("workspace:receive")
    assert {k: v[0] for k, v in parse_qs(url.query).items()} == {
        "channel": "home_visit",
        "procedure": "9.100001",
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_id": "001150012345",
        "applicant_phone": "0912345678",
        "applicant_address": "Số 5 ngõ 12 Đội Cấn",
        "commune": "00004",
        "return_to": f"/phuc-vu-tai-nha/lich-cua-toi/{item.code}/da-tiep-nhan/",
    }
    return_to = f"/phuc-vu-tai-nha/lich-cua-toi/{item.code}/da-tiep-nhan/"
    bad = client.get(return_to + "?dossier=000.00.17.H26-260302-9999")
    assert (
        bad.status_code == 400 and "Không có hồ sơ tiếp nhận tại nhà do bạn tiếp nhận" in bad.content.decode()
    )
    dossier = dossier_services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        channel="home_visit",
        applicant=person(
            full_name="Nguyễn Thị Hoa",
            id_number="001150012345",
            birth_date="1950-03-01",
            sex="female",
            commune="00004",
        ),
    )
    client.force_login(world.officer2)
    assert client.get(return_to + f"?dossier={dossier.code}").status_code == 404  # not their visit
    client.force_login(world.officer)
    assert client.get(return_to + f"?dossier={dossier.code}").status_code == 302
    assert HomeServiceRequest.objects.get().dossier == dossier


def test_without_the_workspace_the_visit_page_says_so(client, world):
    item = services.create_request(request_data())
    start, end = next_working_slot()
    services.schedule(
        item, actor=world.supervisor, version=1, officer=world.officer, slot_start=start, slot_end=end
    )
    client.force_login(world.officer)
    html = client.get(f"/phuc-vu-tai-nha/lich-cua-toi/{item.code}/").content.decode()
    try:
        reverse("workspace:receive")
    except Exception:
        assert 'id="receive-unavailable"' in html
    else:
        assert 'id="receive-link"' in html


def test_without_javascript_choosing_a_province_reloads_its_communes_and_keeps_what_was_typed(client, world):
    from tests.org.factories import commune

    commune(_hai_phong(), "10525", "Thành Đông")
    response = client.post("/phuc-vu-tai-nha/", {**request_data(), "province": "31", "reload": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and 'class="field-error"' not in html
    assert '<option value="10525">Phường Thành Đông</option>' in html and 'value="00004"' not in html
    assert 'value="Nguyễn Thị Hoa"' in html and not HomeServiceRequest.objects.exists()
