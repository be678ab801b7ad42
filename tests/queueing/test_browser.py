"""The journey in a real browser (Playwright + Chromium, live server): a person books a number online
(a bad CCCD first: the message is next to the field and nothing typed is lost), checks in at the kiosk,
someone else takes a walk-in number; the officer logs in, chooses counter 1 and calls the next number;
the TV screen, polling by itself, shows it at counter 1. Screenshots of each page go to
$MOTCUA_SCREENSHOTS (default: the pytest tmp folder)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from motcua.org.services import ensure_roles
from motcua.queueing import clock

from .factories import QueueWorld, at

pytestmark = pytest.mark.django_db(transaction=True)
NOW = at("2026-03-02 09:05")
PASSWORD = "mat-khau-thu-nghiem-1"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("MOTCUA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def live_world(transactional_db, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)  # the live server runs in this process
    ensure_roles()
    world = QueueWorld()
    world.officer.username = "tran.thi.binh"
    world.officer.set_password(PASSWORD)
    world.officer.save()
    return world


def test_a_person_books_a_number_and_an_officer_calls_it(live_server, browser, live_world, shots):
    w = live_world
    code = w.point_ba_dinh.code
    phone_ctx = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    person = phone_ctx.new_page()

    # From the list of places, booking on a phone: a CCCD with a digit missing first.
    person.goto(f"{live_server.url}/lay-so/")
    person.screenshot(path=shots / "places.png", full_page=True)
    person.get_by_role("listitem").filter(has_text=w.point_ba_dinh.name).get_by_role(
        "link", name="Đặt lịch"
    ).click()
    person.get_by_label("A · Hộ tịch, chứng thực").check()
    person.get_by_label("Ngày đến").select_option("2026-03-02")
    person.get_by_label("Khung giờ").select_option("09:00")
    person.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    person.get_by_label("Số CCCD").fill("00119001234")
    person.get_by_label("Số điện thoại").fill("0987 654 321")
    person.get_by_label("Người cao tuổi").check()
    person.get_by_role("button", name="Đặt lịch").click()
    error = person.locator("#id_number-error")
    expect(error).to_contain_text("Số CCCD gồm 12 chữ số")
    expect(person.get_by_label("Số CCCD")).to_have_attribute("aria-invalid", "true")
    expect(person.get_by_label("Họ và tên")).to_have_value("Nguyễn Thị Hoa")
    expect(person.get_by_label("Số điện thoại")).to_have_value("0987 654 321")
    expect(person.get_by_label("Khung giờ")).to_have_value("09:00")
    expect(person.get_by_label("Người cao tuổi")).to_be_checked()
    person.screenshot(path=shots / "booking-error.png", full_page=True)
    person.get_by_label("Số CCCD").fill("001190012345")
    person.get_by_role("button", name="Đặt lịch").click()
    expect(person.locator("#ticket-number")).to_have_text("A-001")
    expect(person.get_by_text("Người cao tuổi")).to_be_visible()
    expect(person.locator(".q-qr svg")).to_be_visible()
    person.screenshot(path=shots / "booking-confirmation.png", full_page=True)
    phone_ctx.close()

    # At the place: the kiosk checks the booking in; someone else takes a walk-in number.
    kiosk_ctx = browser.new_context(locale="vi-VN", viewport={"width": 1080, "height": 1500})
    kiosk = kiosk_ctx.new_page()
    kiosk.goto(f"{live_server.url}/lay-so/kiosk/{code}/")
    kiosk.screenshot(path=shots / "kiosk.png", full_page=True)
    kiosk.get_by_label("Số CCCD đã dùng khi đặt lịch").fill("001190012345")
    kiosk.get_by_role("button", name="Xác nhận có mặt").click()
    expect(kiosk.get_by_role("status")).to_contain_text("Số A-001")
    kiosk.get_by_role("button", name="Đất đai").click()
    expect(kiosk.locator("#ticket-number")).to_have_text("B-001")
    kiosk.screenshot(path=shots / "kiosk-ticket.png", full_page=True)
    kiosk.emulate_media(media="print")
    kiosk.screenshot(path=shots / "kiosk-ticket-print.png", full_page=True)
    expect(kiosk.get_by_role("button", name="In phiếu")).to_be_hidden()
    kiosk_ctx.close()

    # The TV on the wall.
    tv_ctx = browser.new_context(locale="vi-VN", viewport={"width": 1920, "height": 1080})
    tv = tv_ctx.new_page()
    tv.goto(f"{live_server.url}/lay-so/man-hinh/{code}/")
    counter1 = tv.locator(f'#q-counters tr[data-counter="{w.counter1.number}"] td.num')
    expect(counter1).to_have_text("—")
    expect(tv.locator("#q-next")).to_contain_text("A-001")

    # The officer calls the next number at counter 1.
    officer_ctx = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    officer = officer_ctx.new_page()
    officer.goto(f"{live_server.url}/can-bo/quay/goi-so/")
    officer.get_by_label("Tên đăng nhập").fill("tran.thi.binh")
    officer.get_by_label("Mật khẩu").fill(PASSWORD)
    officer.get_by_role("button", name="Đăng nhập").click()
    officer.get_by_label("Quầy của bạn").select_option(str(w.counter1.pk))
    officer.get_by_role("button", name="Chọn quầy").click()
    officer.get_by_role("button", name="Gọi số tiếp theo").click()
    expect(officer.locator("#current-number")).to_have_text("A-001")
    expect(officer.get_by_role("button", name="Bắt đầu phục vụ")).to_be_visible()
    officer.screenshot(path=shots / "counter-panel.png", full_page=True)

    # The TV shows it by itself (it polls), the walk-in is next.
    expect(counter1).to_have_text("A-001", timeout=10_000)
    expect(tv.locator("#q-next")).to_contain_text("B-001")
    tv.screenshot(path=shots / "tv.png")

    officer.get_by_role("button", name="Bắt đầu phục vụ").click()
    officer.get_by_role("button", name="Xong").click()
    expect(officer.get_by_text("Quầy đang trống.")).to_be_visible()
    officer.get_by_role("link", name="Thống kê thời gian chờ").click()
    served = officer.get_by_role("row").filter(has_text="Hộ tịch, chứng thực")
    expect(served.get_by_role("cell").nth(2)).to_have_text("1")
    officer.screenshot(path=shots / "stats.png", full_page=True)
    officer_ctx.close()
    tv_ctx.close()
