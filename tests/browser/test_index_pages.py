"""The Decision 766 pages in a real browser: a supervisor opens the explain page, unfolds the dossiers that
lost the progress points and follows one to its page; anyone reads the transparency page, on a phone too.
Screenshots go to $MOTCUA_SHOTS when set."""

from datetime import date

import pytest
from django.core.cache import cache

from motcua.index import public
from motcua.org.services import ensure_roles
from tests.browser.test_workspace_journeys import PASSWORD, shot, sign_in
from tests.dossiers.conftest import receive
from tests.dossiers.factories import World
from tests.index.test_counts import decided

pytestmark = pytest.mark.browser
MARCH = public.Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def hanoi(transactional_db):
    ensure_roles()
    world = World()
    world.supervisor.set_password(PASSWORD)
    world.supervisor.save()
    world.on_time = decided(world, receive(world), "2026-03-03 15:00")
    world.late = decided(world, receive(world), "2026-03-30 09:00")
    receive(
        world,
        world.licence,
        officer=world.officer_soc_son,
        place=world.point_soc_son,
        when="2026-03-05 10:00",
    )
    return world


def test_supervisor_follows_a_lost_point_to_its_dossier(browser, live_server, hanoi):
    page = sign_in(browser, live_server, hanoi.supervisor)
    page.get_by_role("link", name="Chỉ số 766").click()
    page.get_by_label("Từ ngày").fill("2026-03-01")
    page.get_by_label("Đến ngày").fill("2026-03-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    progress = page.locator("section", has=page.locator("#g-tien_do_giai_quyet"))
    assert (
        "10.00 / 20" in progress.locator("h3").inner_text()
        or "10,00 / 20" in progress.locator("h3").inner_text()
    )
    progress.locator("summary", has_text="hồ sơ làm mất điểm").click()
    shot(page, "index-1-explain")
    with page.expect_navigation():
        progress.get_by_role("link", name=hanoi.late.code).click()
    assert hanoi.late.code in page.locator("main").inner_text()
    page.context.close()


def test_anyone_reads_the_transparency_page_even_on_a_phone(browser, live_server, hanoi, monkeypatch):
    cache.clear()
    monkeypatch.setattr(public, "period_ending_yesterday", lambda: MARCH)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.get_by_role("link", name="Công khai kết quả").click()
    main = page.locator("main").inner_text()
    assert "Công khai kết quả phục vụ" in main and "Ủy ban nhân dân xã Sóc Sơn" in main
    assert "Phiếu xin lỗi" in main and "Mức độ hài lòng (SIPAS)" in main
    shot(page, "index-2-public")
    context.close()
    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = phone.new_page()
    page.goto(live_server.url + "/cong-khai/chi-so-phuc-vu/")
    shot(page, "index-3-public-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
