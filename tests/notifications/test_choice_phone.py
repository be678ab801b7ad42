"""On a phone (390×844), from the tracking page to the choice of channels and back: the page fits the
screen, the choice is saved and said so. Screenshots go to $MOTCUA_SCREENSHOTS (default: tmp)."""

import os
from pathlib import Path

import pytest

from motcua.dossiers.tracking import second_factor
from motcua.notifications.models import Preference
from motcua.org.services import ensure_roles
from tests.dossiers.conftest import receive
from tests.dossiers.factories import World

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_a_citizen_on_a_phone_chooses_zalo_from_the_tracking_page(
    transactional_db, browser, live_server, settings, tmp_path
):
    settings.MOTCUA_SMS_PROVIDER = settings.MOTCUA_ZALO_PROVIDER = "sms_http"  # channels on; nothing is sent
    ensure_roles()
    dossier = receive(World())
    shots = Path(os.environ.get("MOTCUA_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="vi-VN", viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/tra-cuu/?ma={dossier.code}&k={second_factor(dossier.code)}")
    page.get_by_role("link", name="Chọn cách nhận thông báo").click()
    page.wait_for_url("**/nhan-thong-bao/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(shots / "choose-channels-390.png"), full_page=True)
    page.get_by_label("Thư điện tử").uncheck()
    page.get_by_label("Tin nhắn SMS").uncheck()
    page.get_by_label("Zalo").check()
    page.get_by_role("button", name="Lưu lựa chọn").click()
    page.get_by_text("Đã lưu lựa chọn của bạn.").wait_for()
    page.screenshot(path=str(shots / "choose-channels-saved-390.png"), full_page=True)
    assert list(Preference.objects.values_list("channels", flat=True)) == [["zalo"], ["zalo"]]
    context.close()
