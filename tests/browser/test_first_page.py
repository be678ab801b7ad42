"""A person uses the first page in a real browser (Debian's Chromium through Playwright)."""

import pytest

pytestmark = pytest.mark.browser


def test_typing_without_diacritics_shows_instant_results(page, live_server, units_map):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Trung tâm Phục vụ hành chính công"
    page.fill("#unit-q", "dong da")
    first = page.locator("#unit-results li").first
    first.wait_for()
    assert "Phường Đống Đa — Thành phố Hà Nội" in first.inner_text()


def test_the_search_form_works_with_the_keyboard_alone(page, live_server, units_map):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.focus("#unit-q")
    page.keyboard.type("ba dinh")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/?q=ba+dinh")
    assert page.locator("#unit-results li").first.inner_text().startswith("Phường Ba Đình")
