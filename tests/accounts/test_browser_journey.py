"""A citizen signs in through the local provider in a real browser (Debian's Chromium), sees "Tài khoản
của tôi", signs out at both ends; a forged token in the same journey ends on the Vietnamese error page.
Set MOTCUA_SCREENSHOTS=<folder> to keep screenshots of each page."""

import os
from pathlib import Path

import pytest

from motcua.accounts.models import CitizenProfile
from motcua.accounts.oidc import client as oidc_client
from motcua.accounts.provider.__main__ import DEV_CLIENT_ID, DEV_CLIENT_SECRET

from .conftest import start_provider

pytestmark = pytest.mark.browser


def shot(page, name):
    folder = os.environ.get("MOTCUA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def site_provider(live_server, settings, transactional_db):
    running = start_provider(live_server.url)
    oidc_client.clear_cache()
    settings.OIDC_OP_DISCOVERY_URL = running.discovery_url
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = DEV_CLIENT_ID, DEV_CLIENT_SECRET
    yield running
    running.stop()
    oidc_client.clear_cache()


def test_a_citizen_signs_in_with_vneid_sees_their_account_and_signs_out(page, live_server, site_provider):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đăng nhập").click()
    assert page.locator("h1").inner_text() == "Đăng nhập"
    shot(page, "1-sign-in")
    page.get_by_role("button", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.wait_for_url(f"{site_provider.url}/authorize?*")
    page.get_by_label("Lê Hoàng Nam").check()
    shot(page, "2-provider")
    page.get_by_role("button", name="Đồng ý và đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/tai-khoan/")
    assert page.locator("h1").inner_text() == "Tài khoản của tôi"
    assert page.locator("#citizen-name").inner_text() == "Lê Hoàng Nam"
    assert "048203001234" in page.locator(".account-facts").inner_text()
    header = page.locator(".site-header")
    assert "Lê Hoàng Nam" in header.inner_text() and "Đăng xuất" in header.inner_text()
    shot(page, "3-account")
    header.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_server.url}/tai-khoan/da-dang-xuat/*")
    assert page.locator("h1").inner_text() == "Bạn đã đăng xuất"
    assert page.locator(".site-header").get_by_role("link", name="Đăng nhập").is_visible()
    shot(page, "4-signed-out")
    assert CitizenProfile.objects.get().full_name == "Lê Hoàng Nam"


def test_a_forged_token_ends_on_the_error_page_and_nobody_is_signed_in(page, live_server, site_provider):
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + "/tai-khoan/")
    assert "/tai-khoan/dang-nhap/?next=/tai-khoan/" in page.url
    page.get_by_role("button", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.wait_for_url(f"{site_provider.url}/authorize?*")
    page.get_by_label("Tình huống mô phỏng").select_option("bad_signature")
    page.get_by_role("button", name="Đồng ý và đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/tai-khoan/dang-nhap/xong/*")
    assert page.locator("h1").inner_text() == "Không đăng nhập được"
    assert page.locator("#sign-in-error").inner_text() == "Không xác thực được thông tin đăng nhập từ VNeID."
    shot(page, "5-error-phone")
    assert CitizenProfile.objects.count() == 0
