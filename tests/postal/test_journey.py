"""In a real browser: the officer puts a ready result on a hand-over record and confirms it, the postal
agent confirms it from their own account and reports the delivery; the dossier's result is returned."""

import os
from pathlib import Path

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.postal.models import Shipment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("MOTCUA_SCREENSHOTS", "/tmp/motcua-shots"))


def as_user(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", **{"viewport": {"width": 1280, "height": 900}, **options})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"postal-{name}.png"), full_page=True)


def test_a_result_is_handed_to_the_post_from_both_accounts_and_delivered(
    browser, live_server, world, agent, ready
):
    dossier = ready()
    officer = as_user(browser, live_server, world.officer)
    officer.goto(live_server.url + "/buu-chinh/")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Lập biên bản bàn giao cho bưu chính").click()
    assert "Hãy chọn ít nhất một hồ sơ." in officer.locator("#results-form .field-error").inner_text()
    shot(officer, "1-hub-error")
    officer.get_by_label(dossier.code).check()
    with officer.expect_navigation():
        officer.get_by_role("button", name="Lập biên bản bàn giao cho bưu chính").click()
    with officer.expect_navigation():
        officer.get_by_role("button", name="Xác nhận bàn giao bằng tài khoản của tôi").click()
    assert "Trần Thị Bình" in officer.locator("#officer-signature").inner_text()
    record = officer.url

    postman = as_user(browser, live_server, agent, viewport={"width": 390, "height": 844}, is_mobile=True)
    postman.goto(record)
    with postman.expect_navigation():
        postman.get_by_role("button", name="Xác nhận bàn giao bằng tài khoản của tôi").click()
    assert "Lý Văn Bưu" in postman.locator("#agent-signature").inner_text()
    shot(postman, "2-record")
    item = Shipment.objects.get()
    postman.get_by_role("link", name=item.code).click()
    postman.get_by_label("Trạng thái mới").select_option("delivered")
    with postman.expect_navigation():
        postman.get_by_role("button", name="Cập nhật").click()
    assert postman.locator("#shipment-status").inner_text() == "Đã phát thành công"
    shot(postman, "3-shipment")
    assert Dossier.objects.get(pk=dossier.pk).status == "returned"
