"""A citizen pays the fee of their online dossier in a real browser: the pay page, the simulated
gateway's page (choose a bank, confirm), back to "Thanh toán thành công", the receipt downloaded."""

import pytest

from .conftest import online_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, client, live_server, user):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_owner_pays_online_and_downloads_the_receipt(
    page, client, live_server, live_world, gateway, tmp_path
):
    dossier = online_dossier(live_world)
    sign_in(page, client, live_server, live_world.citizen)
    page.goto(f"{live_server.url}/thanh-toan/ho-so/{dossier.code}/")
    assert page.get_by_role("heading", name="Phí, lệ phí", exact=True).is_visible()
    assert "100.000 đ" in page.locator("tfoot").inner_text()
    page.screenshot(path=str(tmp_path / "1-pay-page.png"), full_page=True)

    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url(f"{gateway.url}/paymentv2/vpcpay.html*")
    assert page.locator("#amount").inner_text() == "100.000 VND"
    page.get_by_label("Vietcombank").check()
    page.screenshot(path=str(tmp_path / "2-gateway.png"), full_page=True)
    page.get_by_role("button", name="Xác nhận thanh toán").click()

    page.wait_for_url(f"{live_server.url}/thanh-toan/giao-dich/**")
    assert page.get_by_role("heading", name="Thanh toán thành công").is_visible()
    assert "VCB" in page.locator(".payment-facts").inner_text()
    page.screenshot(path=str(tmp_path / "3-paid.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải biên lai (PDF)").click()
    path = tmp_path / "receipt.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert info.value.suggested_filename.startswith("bien-lai-MC")

    page.goto(f"{live_server.url}/thanh-toan/ho-so/{dossier.code}/")
    assert "Không còn khoản phí, lệ phí nào phải nộp." in page.content()


def test_on_a_phone_a_cancelled_payment_says_so_and_offers_to_pay_again(
    browser, client, live_server, live_world, gateway, tmp_path
):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        dossier = online_dossier(live_world)
        sign_in(page, client, live_server, live_world.citizen)
        page.goto(f"{live_server.url}/thanh-toan/ho-so/{dossier.code}/")
        page.get_by_role("button", name="Thanh toán trực tuyến").click()
        page.wait_for_url(f"{gateway.url}/paymentv2/vpcpay.html*")
        page.get_by_role("button", name="Hủy giao dịch").click()
        page.wait_for_url(f"{live_server.url}/thanh-toan/giao-dich/**")
        assert page.get_by_role("heading", name="Bạn đã hủy giao dịch").is_visible()
        assert "chưa có khoản tiền nào được trừ" in page.locator(".payment-result").inner_text()
        page.screenshot(path=str(tmp_path / "cancelled-phone.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing wider than the phone
        assert page.get_by_role("button", name="Thanh toán trực tuyến").is_visible()  # may pay again
    finally:
        context.close()
