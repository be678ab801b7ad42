"""A citizen on a phone (390×844) finds a procedure, submits online with uploads (a mistake first:
the message is next to the field, nothing typed or uploaded is lost), pays the fee online through the
gateway simulator (a real process, tests/payments/gateway.py), tracks without signing in,
supplements, receives the result's electronic copy and rates the service. Screenshots of each page go
to $MOTCUA_SCREENSHOTS (default: the test's temporary folder)."""

import os
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from motcua.catalog import services as catalog_services
from motcua.catalog.models import FeeKind
from motcua.dossiers import services
from motcua.dossiers.choices import PaymentMethod, PaymentStatus
from motcua.dossiers.models import Dossier, Payment
from motcua.feedback.models import Rating
from motcua.org.services import ensure_roles
from motcua.search import services as search_services
from tests.documents import samples
from tests.dossiers.factories import World

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def hanoi(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_roles()
    world = World()
    search_services.reindex()
    return world


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("MOTCUA_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _signed_in(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", **options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": samples.pdf()}


def _officers_process(world, dossier) -> Dossier:
    dossier = services.accept_online(dossier, officer=world.officer_soc_son, version=dossier.version)
    dossier = services.assign(dossier, actor=world.leader, version=dossier.version, assignee=world.specialist)
    return services.request_supplement(
        dossier,
        actor=world.specialist,
        version=dossier.version,
        items=["Bản sao giấy chứng sinh có chứng thực", "Tờ khai có chữ ký của người đi khai"],
        reason="Bản sao chưa được chứng thực",
    )


def _officers_finish(world, dossier) -> Dossier:
    dossier = services.approve(dossier, actor=world.leader, version=dossier.version)
    dossier = services.issue_result(
        dossier,
        actor=world.leader,
        version=dossier.version,
        title="Giấy khai sinh",
        e_copy=ContentFile(samples.pdf(), name="giay-khai-sinh.pdf"),
    )
    return services.return_result(dossier, actor=world.officer_soc_son, version=dossier.version)


def test_a_citizen_on_a_phone_submits_pays_tracks_supplements_receives_and_rates(
    browser, live_server, hanoi, gateway, shots
):
    world = hanoi
    # The city charges 50,000 đ for this procedure (its own amount, over the national "free").
    catalog_services.adopt(
        province=world.province, procedure=world.birth, fee_kind=FeeKind.AMOUNT, fee_amount=50_000
    )
    context = _signed_in(browser, live_server, world.citizen, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()

    # Find the procedure with the catalog search.
    page.goto(live_server.url + "/thu-tuc/")
    page.fill("#procedure-q", "thử nghiệm 9.100001")
    page.press("#procedure-q", "Enter")
    page.get_by_role("link", name="Thủ tục thử nghiệm 9.100001").first.click()
    page.wait_for_url(re.compile(r"/thu-tuc/9\.100001/"))
    assert "Tờ khai" in page.locator("#ho-so").inner_text()  # exactly what to bring
    page.screenshot(path=shots / "phone-1-procedure.png", full_page=True)
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url(re.compile(r"/nop-truc-tuyen/"))
    assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Văn An"  # from the account

    # A first try with a mistyped identity number and one paper missing.
    page.get_by_label("Đăng ký đúng hạn").check()
    assert page.locator("li.upload", has_text="Văn bản xác nhận cư trú").is_hidden()  # the other case's paper
    page.get_by_label("Số định danh cá nhân").fill("00109001234")
    page.get_by_label("Ngày sinh").fill("1990-05-17")
    page.get_by_label("Giới tính").select_option("male")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Xã, phường, đặc khu nơi bạn ở").select_option("00376")
    page.get_by_label("Tờ khai", exact=False).first.set_input_files(_pdf("to-khai.pdf"))
    page.get_by_role("button", name="Gửi hồ sơ").click()
    page.wait_for_selector("#error-summary")
    id_field = page.get_by_label("Số định danh cá nhân")
    assert page.locator("#id_number-error").inner_text().endswith("Số định danh cá nhân phải gồm 12 chữ số.")
    assert id_field.get_attribute("aria-describedby") == "id_number-error"
    assert (
        id_field.input_value() == "00109001234"
        and page.get_by_label("Số điện thoại").input_value() == "0912345678"
    )
    assert "Đã tải lên: to-khai.pdf" in page.locator("li.upload", has_text="Tờ khai").first.inner_text()
    assert "Hãy tải lên giấy tờ này." in page.locator("li.upload", has_text="Giấy chứng sinh").inner_text()
    page.screenshot(path=shots / "phone-2-form-errors.png", full_page=True)

    # Corrected and completed: sent.
    id_field.fill("001090012345")
    page.locator("li.upload", has_text="Giấy chứng sinh").locator("input[type=file]").set_input_files(
        _pdf("chung-sinh.pdf")
    )
    page.get_by_role("button", name="Gửi hồ sơ").click()
    page.wait_for_url(re.compile(r"/ho-so-cua-toi/.+\?moi=1"))
    assert "Bạn đã gửi hồ sơ thành công." in page.inner_text("main")
    dossier = Dossier.objects.get()
    assert dossier.owner == world.citizen and dossier.attachments.count() == 2
    factor = page.locator(".kv .code").first.inner_text()
    page.screenshot(path=shots / "phone-3-sent.png", full_page=True)

    # The fee is due; the citizen pays it online from the dossier page.
    fee = Payment.objects.get(dossier=dossier)
    assert (fee.amount, fee.status) == (50_000, PaymentStatus.DUE)
    box = page.locator("#phi")
    assert "50.000 đ" in box.locator("tfoot").inner_text()
    box.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url(f"{gateway.url}/paymentv2/vpcpay.html*")
    assert page.locator("#amount").inner_text() == "50.000 VND"
    page.get_by_label("Vietcombank").check()
    page.screenshot(path=shots / "phone-3a-gateway.png", full_page=True)
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    page.wait_for_url(f"{live_server.url}/thanh-toan/giao-dich/**")
    assert page.get_by_role("heading", name="Thanh toán thành công").is_visible()
    assert dossier.code in page.locator(".payment-facts").inner_text()
    page.screenshot(path=shots / "phone-3b-paid.png", full_page=True)
    fee.refresh_from_db()
    assert (fee.status, fee.method) == (PaymentStatus.PAID, PaymentMethod.ONLINE) and fee.paid_at
    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.code}/")
    assert "Không còn khoản phí, lệ phí nào phải nộp." in box.inner_text()
    assert "Đã thanh toán 50.000 đ" in box.inner_text()
    assert box.get_by_role("button", name="Thanh toán trực tuyến").count() == 0

    # Tracking on someone else's phone, without signing in.
    public = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True).new_page()
    public.goto(live_server.url + "/tra-cuu/")
    public.get_by_label("Mã hồ sơ").fill(dossier.code)
    public.get_by_label("Mã tra cứu (8 ký tự)").fill(factor)
    public.get_by_role("button", name="Tra cứu").click()
    public.wait_for_selector("#found-title")
    assert "Đã gửi, chờ cán bộ nhận" in public.inner_text("main")
    public.screenshot(path=shots / "phone-4-tracking.png", full_page=True)

    # The officers accept it and ask for two papers; the citizen sends both.
    dossier = _officers_process(world, Dossier.objects.get())  # the payment moved its version on
    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.code}/")
    todo = page.locator("#bo-sung")
    assert "Cần bổ sung giấy tờ" in page.inner_text("main")
    assert "1. Bản sao giấy chứng sinh có chứng thực" in todo.inner_text()
    assert "2. Tờ khai có chữ ký của người đi khai" in todo.inner_text()
    page.screenshot(path=shots / "phone-5-supplement.png", full_page=True)
    todo.get_by_label("1. Bản sao giấy chứng sinh có chứng thực").set_input_files(_pdf("chung-thuc.pdf"))
    todo.get_by_label("2. Tờ khai có chữ ký của người đi khai").set_input_files(_pdf("to-khai-ky.pdf"))
    todo.get_by_role("button", name="Gửi bổ sung").click()
    page.wait_for_selector(".status.tone-progress")
    assert "Đang giải quyết" in page.locator(".status").inner_text()

    # The result: its electronic copy downloads; then one short screen of rating.
    _officers_finish(world, Dossier.objects.get())
    page.reload()
    assert "Đã nhận kết quả" in page.locator(".status").inner_text()
    page.screenshot(path=shots / "phone-6-result.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Tải bản điện tử")).click()
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"
    page.get_by_role("link", name="Đánh giá (1 phút)").click()
    for code in ("access", "procedure", "officer", "result"):
        page.locator(f"input[name={code}][value='5']").check()
    page.get_by_label("Cần cải thiện nhất: Thủ tục hành chính").check()
    page.screenshot(path=shots / "phone-7-rating.png", full_page=True)
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_selector("text=Cảm ơn bạn đã đánh giá")
    assert Rating.objects.get().improve == ["procedure"]
    page.get_by_role("link", name="Hồ sơ của tôi").click()
    assert "Đã nhận kết quả" in page.locator(".dossier-list li").first.inner_text()
    page.screenshot(path=shots / "phone-9-my-dossiers.png", full_page=True)
    context.close()


def test_tracking_works_with_the_keyboard_alone(page, live_server, hanoi, shots):
    world = hanoi
    dossier = services.submit_online(
        user=world.citizen,
        procedure=world.birth,
        province=world.province,
        case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0),
        applicant={
            "kind": "person",
            "full_name": "Nguyễn Văn An",
            "id_number": "001090012345",
            "commune": "00376",
        },
    )
    from motcua.dossiers.api.tracking import second_factor

    page.goto(live_server.url + "/tra-cuu/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.locator("#ma").focus()
    page.keyboard.type(dossier.code)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "k"
    page.keyboard.type("WRONG123")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Không tìm thấy hồ sơ" in page.inner_text("main")
    assert page.locator("#ma").input_value() == dossier.code  # kept
    page.locator("#k").fill(second_factor(dossier.code))
    page.keyboard.press("Enter")
    page.wait_for_selector("#found-title")
    page.screenshot(path=shots / "desktop-tracking.png", full_page=True)


def test_an_officer_answers_a_complaint_and_the_citizen_reads_the_answer(browser, live_server, hanoi, shots):
    world = hanoi
    dossier = services.submit_online(
        user=world.citizen,
        procedure=world.birth,
        province=world.province,
        case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0),
        applicant={
            "kind": "person",
            "full_name": "Nguyễn Văn An",
            "id_number": "001090012345",
            "commune": "00376",
        },
    )
    citizen = _signed_in(browser, live_server, world.citizen, viewport=PHONE, is_mobile=True).new_page()
    citizen.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.code}/")
    citizen.get_by_role("link", name="Gửi góp ý hoặc phản ánh về hồ sơ này").click()
    citizen.get_by_label("Phản ánh", exact=False).check()
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    citizen.wait_for_selector("#error-summary")
    assert "Hãy viết nội dung bạn muốn gửi." in citizen.locator("#text-error").inner_text()
    citizen.get_by_label("Nội dung").fill("Đã quá hạn tiếp nhận mà chưa ai gọi cho tôi.")
    citizen.screenshot(path=shots / "phone-8-complaint.png", full_page=True)
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    citizen.wait_for_selector("text=Chưa có trả lời.")

    officer = _signed_in(browser, live_server, world.specialist, viewport={"width": 1280, "height": 900})
    desk = officer.new_page()
    desk.goto(live_server.url + "/can-bo/phan-anh/")
    desk.screenshot(path=shots / "desktop-officer-list.png", full_page=True)
    desk.get_by_role("link", name=re.compile("Đã quá hạn tiếp nhận")).click()
    desk.screenshot(path=shots / "desktop-officer-answer.png", full_page=True)
    desk.get_by_label("Trả lời người dân", exact=False).fill(
        "Chúng tôi xin lỗi, hồ sơ đã được nhận sáng nay."
    )
    desk.get_by_role("button", name="Gửi trả lời").click()
    desk.wait_for_url(re.compile(r"/can-bo/phan-anh/$"))
    assert "Không có góp ý, phản ánh nào chờ trả lời." in desk.inner_text("main")

    citizen.reload()
    assert "Chúng tôi xin lỗi, hồ sơ đã được nhận sáng nay." in citizen.inner_text("main")
    citizen.screenshot(path=shots / "phone-10-answer.png", full_page=True)


def test_pages_fit_a_phone_with_text_twice_as_large(browser, live_server, hanoi, shots):
    """Large-text friendly: with the root font at 200%, no citizen page scrolls sideways on a phone; at
    the normal size the rating scale is one row of five."""
    from tests.portal.citizen.steps import online, with_result

    world = hanoi
    done = with_result(world, online(world))
    page = _signed_in(browser, live_server, world.citizen, viewport=PHONE, is_mobile=True).new_page()
    page.goto(f"{live_server.url}/ho-so-cua-toi/{done.code}/danh-gia/")
    tops = (
        page.locator("fieldset")
        .first.locator(".scale label")
        .evaluate_all("labels => labels.map(l => Math.round(l.getBoundingClientRect().top))")
    )
    assert len(tops) == 5 and len(set(tops)) == 1
    urls = [
        f"/ho-so-cua-toi/{done.code}/danh-gia/",
        f"/thu-tuc/{world.birth.code}/nop-truc-tuyen/?tinh=01",
        f"/ho-so-cua-toi/{done.code}/",
        "/ho-so-cua-toi/",
        "/tra-cuu/",
        "/phan-anh/gui/",
    ]
    for url in urls:
        page.goto(live_server.url + url)
        page.add_style_tag(content=":root { font-size: 34px !important; }")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    page.screenshot(path=shots / "phone-large-text.png")
