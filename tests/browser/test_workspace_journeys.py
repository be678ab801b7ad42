"""Officers in a real browser: a counter officer receives a dossier with the keyboard alone and prints
the slip; a specialist asks for a supplement; a leader approves; the result is returned. An officer of
another commune cannot open the dossier. Screenshots of each page go to $MOTCUA_SHOTS when set."""

import os
import re

import pytest

from motcua.org.roles import RoleCode
from motcua.org.services import ensure_roles
from tests.dossiers.factories import World, staff
from tests.twofactor import pass_second_factor_in_browser

pytestmark = pytest.mark.browser
PASSWORD = "motcua-demo"
SHOTS = os.environ.get("MOTCUA_SHOTS", "")


@pytest.fixture
def hanoi(transactional_db):
    ensure_roles()
    world = World()
    world.stranger = staff(RoleCode.RECEPTION_OFFICER, world.point_hoan_kiem, "Quách Thị Ngọc")
    for user in (world.officer, world.specialist, world.leader, world.stranger, world.supervisor):
        user.set_password(PASSWORD)
        user.save()
    return world


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; const l = e.labels && e.labels[0];"
        " return [e.id, e.name, (l ? l.innerText : e.innerText) || ''].join('|'); }"
    )


def tab_to(page, pattern: str, limit: int = 40) -> None:
    """Press Tab until the focused element's id, name or label matches `pattern` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if re.search(pattern, focused(page)):
            return
    raise AssertionError(f"never reached {pattern!r} with Tab; last: {focused(page)}")


def sign_in(browser, live_server, user):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/can-bo/")
    assert "/can-bo/dang-nhap/" in page.url
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type(user.username)  # the user name field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    pass_second_factor_in_browser(page)  # supervisors enrol an authenticator (ADR 0044)
    assert "/can-bo/dang-nhap/" not in page.url, page.locator("main").inner_text()
    assert "/xac-thuc-hai-buoc/" not in page.url, page.locator("main").inner_text()
    return page


def act(page, summary: str, fields: dict | None = None):
    block = page.locator("details.action", has=page.locator("summary", has_text=summary))
    block.locator("summary").click()
    for label, value in (fields or {}).items():
        block.get_by_label(label).fill(value)
    with page.expect_navigation():
        block.locator("button").click()


def status(page) -> str:
    return page.locator(".status").inner_text()


def test_counter_reception_with_the_keyboard_alone_then_supplement_approval_and_return(
    browser, live_server, hanoi
):
    officer = sign_in(browser, live_server, hanoi.officer)
    assert "Trần Thị Bình" in officer.locator(".officer").inner_text()
    shot(officer, "01-my-work")
    tab_to(officer, r"\|Tiếp nhận$")
    with officer.expect_navigation():
        officer.keyboard.press("Enter")
    assert officer.url.endswith("/can-bo/tiep-nhan/")
    officer.wait_for_function("document.activeElement && document.activeElement.id === 'q'")
    officer.keyboard.type("thử nghiệm 9.100001")  # the procedure search has the focus
    with officer.expect_navigation():
        officer.keyboard.press("Enter")
    officer.wait_for_function("document.activeElement && document.activeElement.tagName === 'A'")
    assert "9.100001" in focused(officer)  # the first hit has the focus
    shot(officer, "02-procedure-hits")
    with officer.expect_navigation():
        officer.keyboard.press("Enter")
    assert officer.locator("#procedure-name").inner_text() == "Thủ tục thử nghiệm 9.100001"
    officer.wait_for_function("document.activeElement && document.activeElement.type === 'checkbox'")
    assert "doc_" in focused(officer)  # the first document of the checklist
    officer.keyboard.press("Space")
    tab_to(officer, r"Giấy chứng sinh")
    officer.keyboard.press("Space")
    tab_to(officer, r"^applicant_id\|")
    officer.keyboard.type("001090012345")
    officer.keyboard.press("Tab")
    officer.keyboard.type("Nguyễn Văn An")
    tab_to(officer, r"^applicant_phone\|")
    officer.keyboard.type("0912345678")
    tab_to(officer, r"^commune\|")
    officer.keyboard.type("00376")
    shot(officer, "03-reception-form")
    with officer.expect_navigation():
        officer.keyboard.press("Enter")
    assert "?moi=1" in officer.url
    code = officer.locator("h1").inner_text()
    assert re.fullmatch(r"000\.00\.12\.H26-\d{6}-\d{4}", code)
    officer.wait_for_function("document.activeElement && document.activeElement.id === 'print-receipt'")
    shot(officer, "04-received")
    with officer.context.expect_page() as opened:
        officer.keyboard.press("Enter")  # print the slip
    slip_url = opened.value.url
    assert slip_url.endswith(f"/api/v1/dossiers/{code}/forms/01.pdf")
    slip = officer.request.get(slip_url)
    assert slip.headers["content-type"] == "application/pdf" and slip.body().startswith(b"%PDF")
    if SHOTS:
        with open(os.path.join(SHOTS, "05-slip.pdf"), "wb") as handle:
            handle.write(slip.body())

    # The specialist takes the dossier and asks for a supplement.
    specialist = sign_in(browser, live_server, hanoi.specialist)
    specialist.goto(f"{live_server.url}/can-bo/tim-kiem/?q=nguyen+van")
    shot(specialist, "06-search")
    with specialist.expect_navigation():
        specialist.get_by_role("link", name=code).click()
    act(specialist, "Phân công")
    assert status(specialist) == "Đang giải quyết"
    act(
        specialist,
        "Yêu cầu bổ sung hồ sơ",
        {"Các nội dung phải bổ sung": "Bản sao giấy chứng nhận kết hôn", "Lý do (bắt buộc)": "Thiếu giấy tờ"},
    )
    assert status(specialist) == "Yêu cầu bổ sung"
    shot(specialist, "07-supplement-requested")
    specialist.goto(f"{live_server.url}/can-bo/?hang=cho-bo-sung")
    assert code in specialist.locator("table.dossiers").inner_text()
    shot(specialist, "08-my-work-supplement")
    specialist.goto(f"{live_server.url}/can-bo/ho-so/{code}/")
    act(specialist, "Nhận hồ sơ bổ sung")
    act(specialist, "Hoàn thành bước, chuyển tiếp")

    # The leader approves and issues the result.
    leader = sign_in(browser, live_server, hanoi.leader)
    leader.goto(f"{live_server.url}/can-bo/ho-so/{code}/")
    act(leader, "Phê duyệt", {"Ghi chú": "Đồng ý"})
    assert status(leader) == "Đã phê duyệt"
    act(leader, "Ban hành kết quả", {"Tên kết quả": "Giấy khai sinh", "Tham chiếu bản điện tử": "kho:KS-1"})
    assert status(leader) == "Có kết quả, chờ trả"
    shot(leader, "09-result-ready")

    # Back at the counter, the result is returned.
    officer.goto(f"{live_server.url}/can-bo/?hang=cho-tra-ket-qua")
    with officer.expect_navigation():
        officer.get_by_role("link", name=code).click()
    act(officer, "Trả kết quả")
    assert status(officer) == "Đã trả kết quả"
    timeline = officer.locator(".timeline").inner_text()
    for step in ("Tiếp nhận hồ sơ", "Yêu cầu bổ sung hồ sơ", "Phê duyệt", "Ban hành kết quả", "Trả kết quả"):
        assert step in timeline
    shot(officer, "10-returned")

    supervisor = sign_in(browser, live_server, hanoi.supervisor)
    supervisor.goto(f"{live_server.url}/can-bo/giam-sat/")
    assert "Chi nhánh số 1" in supervisor.locator("table.tally").first.inner_text()
    shot(supervisor, "11-supervisor")

    stranger = sign_in(browser, live_server, hanoi.stranger)
    response = stranger.goto(f"{live_server.url}/can-bo/ho-so/{code}/")
    assert response.status == 404 and code not in stranger.content()
