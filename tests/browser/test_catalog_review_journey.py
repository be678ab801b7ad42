"""A catalog administrator in a real browser: finds 1.001193 in the review queue by its reason, starts
a new version, turns the headings into common papers, makes a paper conditional, sets a same-day
limit, resolves the reasons and publishes; a bad fee amount on the way is refused in Vietnamese.
Screenshots go to $MOTCUA_SHOTS when set."""

import os

import pytest
from django.utils import timezone

from motcua.catalog import selectors
from motcua.catalog.models import Procedure
from motcua.org.services import ensure_roles
from tests.catalog.review_fixtures import ABANDONED, birth_registration, catalog_admin

pytestmark = pytest.mark.browser
PASSWORD = "motcua-demo"
SHOTS = os.environ.get("MOTCUA_SHOTS", "")


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def administrator(transactional_db):
    ensure_roles()
    birth_registration()
    person = catalog_admin()
    person.set_password(PASSWORD)
    person.save()
    return person


def test_an_administrator_reviews_and_publishes_birth_registration(browser, live_server, administrator):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/can-bo/danh-muc/")
    page.fill("#id_username", administrator.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    assert page.url.endswith("/can-bo/danh-muc/")
    page.get_by_label("Lý do", exact=True).select_option("heading_cases")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    shot(page, "catalog-queue")
    assert page.locator("td.code").all_inner_texts() == ["1.001193"]
    with page.expect_navigation():
        page.get_by_role("link", name="Thủ tục đăng ký khai sinh").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sửa đổi: tạo bản nháp phiên bản mới").click()
    assert "Đã tạo bản nháp phiên bản 2 từ phiên bản 1" in page.locator(".flash").inner_text()

    # A fee amount in words is refused, with the message next to the row and at the top.
    page.locator("#id_term-0-fee_kind").select_option("amount")
    page.locator("#id_term-0-fee_amount").fill("năm mươi nghìn")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu bản nháp").click()
    assert "Mức thu phải là một số nguyên (đồng), ví dụ 50000." in page.locator("#errors").inner_text()
    shot(page, "catalog-editor-error")
    page.locator("#id_term-0-fee_kind").select_option("free")
    page.locator("#id_term-0-fee_amount").fill("0")

    page.locator("#id_case-0-DELETE").check()
    page.locator("#id_case-1-DELETE").check()
    document = page.locator(".cat-doc", has=page.locator("textarea", has_text=ABANDONED[:40]))
    document.get_by_label("Chỉ khi (điều kiện)").fill("Trường hợp trẻ em bị bỏ rơi")
    document.get_by_label("Bắt buộc").uncheck()
    for row in range(3):
        page.locator(f"#id_term-{row}-time_unit").select_option("same_day")
    for box in page.locator("input[name=resolved]").all():
        box.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu bản nháp").click()
    assert "Đã lưu bản nháp phiên bản 2." in page.locator(".flash").inner_text()
    shot(page, "catalog-editor")
    with page.expect_navigation():
        page.get_by_role("button", name="Công bố", exact=True).click()
    assert "Đã công bố phiên bản 2" in page.locator(".flash").inner_text()
    assert "Quầy tiếp nhận đang dùng phiên bản 2" in page.locator(".cat-status").inner_text()
    shot(page, "catalog-published")

    version = selectors.current_version(Procedure.objects.get(code="1.001193"), timezone.localdate())
    assert version.number == 2 and not version.needs_review
    abandoned = version.documents.get(condition="Trường hợp trẻ em bị bỏ rơi")
    assert (abandoned.required, abandoned.case_id) == (False, None)
    assert {t.time_unit for t in version.channel_terms.all()} == {"same_day"}
    context.close()
