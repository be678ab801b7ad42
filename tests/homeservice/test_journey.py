"""In a real browser: a home-service request is scheduled and received on the spot.

A relative asks on a phone (a bad phone number first: the message appears next to the field and nothing
typed is lost); the supervisor assigns an officer and a slot; the officer sees the visit and the link to
the counter reception (channel "home visit", prefilled) and opens it: the officer workspace's counter
page, the same reception service as at the counter. There the officer picks the case, ticks the
checklist, attaches a scan, types the ID number and receives; the page's `return_to` brings the officer
back to the visit with the dossier linked; the person's status page then shows "Đã tiếp nhận hồ sơ" with
the dossier code.
"""

import os
import struct
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from motcua.homeservice.models import HomeServiceRequest
from tests.twofactor import verified_login

from .conftest import next_working_slot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("MOTCUA_SCREENSHOTS", "/tmp/motcua-shots"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"homeservice-{name}.png"), full_page=True)


def tiny_png() -> bytes:
    """A real 1×1 PNG: the scan of a paper handed in on the spot."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def signed_in(browser, live_server, user, **options):
    client = verified_login(Client(), user)  # supervisors pass the second factor (ADR 0044)
    context = browser.new_context(locale="vi-VN", **options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def test_a_home_service_request_is_scheduled_and_received_on_the_spot(browser, live_server, world):
    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.goto(live_server.url + "/phuc-vu-tai-nha/")
    assert page.locator("h1").inner_text() == "Đề nghị cán bộ đến tận nhà"
    page.get_by_label("Họ và tên người cần được phục vụ").fill("Nguyễn Thị Hoa")
    page.get_by_label("Số điện thoại liên hệ").fill("09123")
    page.get_by_text("Tôi đề nghị thay cho người thân").click()
    page.get_by_label("Họ và tên người yêu cầu thay").fill("Trần Văn Nam")
    page.get_by_label("Quan hệ với người cần phục vụ").fill("con trai")
    page.get_by_text("Người cao tuổi", exact=True).click()
    page.locator("#commune-filter").fill("ba dinh")
    assert page.locator("#id_commune option").all_inner_texts() == [
        "— Chọn xã, phường, đặc khu —",
        "Phường Ba Đình",
    ]
    page.locator("#id_commune").select_option("00004")
    page.get_by_label("Địa chỉ").fill("Số 5 ngõ 12 Đội Cấn")
    page.get_by_label("Mã thủ tục cần làm (nếu biết)").fill("9.100001")
    page.get_by_text("Thứ Ba", exact=True).click()
    page.get_by_text("Buổi sáng (8:00–12:00)").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đề nghị").click()

    # The bad phone number: a message next to the field, everything else still there.
    phone_field = page.locator(".hs-field", has=page.locator("#id_person_phone"))
    assert phone_field.locator(".field-error").is_visible()
    assert "Số điện thoại không đúng" in phone_field.locator(".field-error").inner_text()
    assert page.get_by_label("Họ và tên người cần được phục vụ").input_value() == "Nguyễn Thị Hoa"
    assert page.get_by_label("Họ và tên người yêu cầu thay").input_value() == "Trần Văn Nam"
    assert page.locator("#id_commune").input_value() == "00004"
    assert page.get_by_label("Địa chỉ").input_value() == "Số 5 ngõ 12 Đội Cấn"
    assert page.locator("input[name=reason][value=elderly]").is_checked()
    assert page.locator("input[name=preferred_days][value='1']").is_checked()
    shot(page, "1-request-error")
    page.get_by_label("Số điện thoại liên hệ").fill("0912 345 678")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đề nghị").click()
    code = page.locator("#request-code").inner_text().strip()
    shot(page, "2-sent")
    item = HomeServiceRequest.objects.get(code=code)
    assert (item.person_phone, item.requester_name, item.commune.code) == (
        "0912345678",
        "Trần Văn Nam",
        "00004",
    )

    # The supervisor assigns an officer and a slot.
    supervisor = signed_in(
        browser, live_server, world.supervisor, viewport={"width": 1280, "height": 900}
    ).new_page()
    supervisor.goto(live_server.url + "/phuc-vu-tai-nha/giam-sat/")
    supervisor.get_by_role("link", name=code).click()
    start, end = next_working_slot()
    supervisor.get_by_label("Cán bộ đến").select_option(label="Trần Thị Bình")
    supervisor.get_by_label("Ngày").fill(start.date().isoformat())
    supervisor.get_by_label("Từ").fill("09:00")
    supervisor.get_by_label("Đến", exact=True).fill("10:00")
    shot(supervisor, "3-schedule")
    with supervisor.expect_navigation():
        supervisor.get_by_role("button", name="Phân công").click()
    assert (
        f"Đã phân công cán bộ và hẹn lịch cho yêu cầu {code}."
        in supervisor.locator(".hs-messages").inner_text()
    )

    # The officer sees the visit and the prefilled reception link.
    officer = signed_in(
        browser, live_server, world.officer, viewport={"width": 390, "height": 844}
    ).new_page()
    officer.goto(live_server.url + "/phuc-vu-tai-nha/lich-cua-toi/")
    officer.get_by_role("link", name="Nguyễn Thị Hoa").click()
    link = officer.locator("#receive-link")
    shot(officer, "4-visit")
    query = {
        k: v[0]
        for k, v in parse_qs(urlsplit(link.get_attribute("href")).query, keep_blank_values=True).items()
    }
    return_to = f"/phuc-vu-tai-nha/lich-cua-toi/{code}/da-tiep-nhan/"
    assert query == {
        "channel": "home_visit",
        "procedure": "9.100001",
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_id": "",
        "applicant_phone": "0912345678",
        "applicant_address": "Số 5 ngõ 12 Đội Cấn",
        "commune": "00004",
        "return_to": return_to,
    }

    # On the spot: the officer opens the workspace's counter reception page from the visit, prefilled.
    with officer.expect_navigation():
        link.click()
    assert urlsplit(officer.url).path == "/can-bo/tiep-nhan/"
    assert officer.locator("#procedure-name").inner_text() == "Thủ tục thử nghiệm 9.100001"
    assert officer.locator("#channel").input_value() == "home_visit"
    assert officer.locator("#channel option:checked").inner_text() == "Tiếp nhận tại nhà"
    assert officer.locator("#place option:checked").inner_text() == world.point_ba_dinh.name
    prefilled = {
        name: officer.locator(f"#{name}").input_value()
        for name in ("applicant_name", "applicant_phone", "applicant_address", "commune")
    }
    assert prefilled == {
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_phone": "0912345678",
        "applicant_address": "Số 5 ngõ 12 Đội Cấn",
        "commune": "00004",
    }
    # The case, the checklist and the ID number shown by the person, then the reception.
    officer.get_by_label("Đăng ký đúng hạn").check()
    checklist = officer.locator("#checklist")
    checklist.get_by_label("Tờ khai").check()
    checklist.get_by_label("Giấy chứng sinh").check()
    checklist.locator(".doc", has_text="Giấy chứng sinh").locator("input[type=file]").set_input_files(
        {"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": tiny_png()}
    )
    officer.locator("#applicant_id").fill("001150012345")
    shot(officer, "5-reception-form")
    with officer.expect_navigation():
        officer.locator("#receive-button").click()

    # The workspace came back through return_to with the dossier, which closed the visit.
    assert urlsplit(officer.url).path == f"/phuc-vu-tai-nha/lich-cua-toi/{code}/"
    item.refresh_from_db()
    dossier = item.dossier
    assert dossier is not None
    assert (dossier.channel, dossier.received_by, dossier.received_place) == (
        "home_visit",
        world.officer,
        world.point_ba_dinh,
    )
    assert (dossier.procedure, dossier.document_case) == (world.birth, world.case(world.birth))
    scans = [(a.required_document.name, a.document.digitised) for a in dossier.attachments.all()]
    assert scans == [("Giấy chứng sinh", True)]
    assert (
        " ".join(officer.locator("#received-dossier").inner_text().split())
        == f"Đã tiếp nhận hồ sơ {dossier.code}"
    )
    shot(officer, "6-received")

    # The person follows it with the code and the phone.
    page.goto(live_server.url + "/phuc-vu-tai-nha/tra-cuu/")
    page.get_by_label("Mã yêu cầu").fill(code)
    page.get_by_label("Số điện thoại đã đăng ký").fill("0912345678")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem tình trạng").click()
    status = page.locator("#request-status")
    assert "Đã tiếp nhận hồ sơ" in status.inner_text()
    assert page.locator("#dossier-code").inner_text() == dossier.code
    shot(page, "7-status")
