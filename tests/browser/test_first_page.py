"""A person uses the first page in a real browser (Debian's Chromium through Playwright), on a 390 px phone:
asks for a procedure in plain words, opens each door; the directory of places still searches as before."""

import pytest

from tests.browser.test_catalog_pages import birth_procedures  # noqa: F401 - the real birth procedures

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport=PHONE, device_scale_factor=2, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_on_a_phone_the_question_finds_the_procedure(phone, live_server, birth_procedures):  # noqa: F811
    phone.goto(live_server.url + "/")
    question = phone.get_by_role("searchbox", name="Bạn cần làm thủ tục gì?")
    assert question.is_visible()
    question.fill("lam giay khai sinh")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tìm", exact=True).click()
    assert phone.url.startswith(live_server.url + "/thu-tuc/?")
    assert "q=lam+giay+khai+sinh" in phone.url and "tinh=01" in phone.url
    names = phone.locator("#procedure-results .proc-name").all_inner_texts()
    assert "Thủ tục đăng ký khai sinh" in names
    # nothing wider than the phone: no sideways scrolling on the first page
    phone.goto(live_server.url + "/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.add_style_tag(content=":root { font-size: 34px !important; }")  # text twice as large
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


DOORS = [
    ("Nộp hồ sơ trực tuyến", "/thu-tuc/", "Thủ tục hành chính"),
    ("Tra cứu hồ sơ", "/tra-cuu/", None),
    ("Lấy số thứ tự", "/lay-so/", None),
    ("Phục vụ tại nhà", "/phuc-vu-tai-nha/", None),
    ("Phản ánh, kiến nghị", "/tai-khoan/dang-nhap/", "Đăng nhập"),  # feedback asks for VNeID first
]


def test_on_a_phone_each_door_is_big_and_leads_to_its_page(phone, live_server, birth_procedures):  # noqa: F811
    for label, path, heading in DOORS:
        phone.goto(live_server.url + "/")
        door = phone.locator(".doors a", has_text=label)
        box = door.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 300, (label, box)  # a thumb hits it
        with phone.expect_navigation():
            door.click()
        assert phone.url.split("?")[0] == live_server.url + path, label
        if heading:
            assert phone.locator("h1").first.inner_text() == heading
    phone.goto(live_server.url + "/")
    assert phone.get_by_role("button", name="Tìm", exact=True).bounding_box()["height"] >= 48


def test_typing_without_diacritics_in_the_directory_shows_instant_results(page, live_server, units_map):
    page.goto(live_server.url + "/don-vi/")
    assert page.locator("h1").inner_text() == "Đơn vị hành chính"
    page.fill("#unit-q", "dong da")
    first = page.locator("#unit-results li").first
    first.wait_for()
    assert "Phường Đống Đa — Thành phố Hà Nội" in first.inner_text()


def test_the_directory_search_works_with_the_keyboard_alone(page, live_server, units_map):
    page.goto(live_server.url + "/don-vi/")
    page.focus("#unit-q")
    page.keyboard.type("ba dinh")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/don-vi/?q=ba+dinh")
    assert page.locator("#unit-results li").first.inner_text().startswith("Phường Ba Đình")
