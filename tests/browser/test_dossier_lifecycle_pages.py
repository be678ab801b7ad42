"""The dossier page in a real browser through the lifecycle's late and final steps: a fee recorded once,
the result issued with its PDF chosen in the file picker, a late dossier's apology and its form 04.
Screenshots of each state (desk and 390 px phone width) go to $MOTCUA_SHOTS when set."""

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import services
from tests.documents import samples
from tests.dossiers.conftest import receive

from .test_workspace_journeys import hanoi, shot, sign_in, status  # noqa: F401 (hanoi: a fixture)


def submit_action(page, block_id: str, fields: dict, name: str):
    """Open the action, fill it, take its picture, send it."""
    block = page.locator(f"#{block_id}")
    block.locator("summary").click()
    for label, value in fields.items():
        block.get_by_label(label).fill(value)
    shot(page, name)
    with page.expect_navigation():
        block.locator("button").click()


pytestmark = pytest.mark.browser


def open_dossier(page, live_server, code):
    page.goto(f"{live_server.url}/can-bo/ho-so/{code}/")
    assert page.locator("h1").inner_text() == code


def test_fee_result_file_and_late_apology_through_the_dossier_page(browser, live_server, hanoi, tmp_path):  # noqa: F811
    # A fee due at the counter: recorded once, then no more offered.
    licence = receive(hanoi, hanoi.licence, when="2026-03-02 09:00")
    officer = sign_in(browser, live_server, hanoi.officer)
    open_dossier(officer, live_server, licence.code)
    fees = officer.locator("#fees").inner_text()
    assert "100.000\xa0đ" in fees and "Phải nộp" in fees
    submit_action(officer, "act-record-payment", {"Số biên lai": "BL-0042"}, "lifecycle-01-fee-due")
    fees = officer.locator("#fees").inner_text()
    assert "Đã nộp" in fees and "BL-0042" in fees
    assert officer.locator("#act-record-payment").count() == 0
    shot(officer, "lifecycle-02-fee-paid")

    # The leader issues the result with its signed PDF; the officer opens it from the summary.
    dossier = receive(hanoi, when="2026-03-02 09:00")
    dossier = services.assign(dossier, actor=hanoi.leader, version=1, assignee=hanoi.specialist)
    dossier = services.approve(dossier, actor=hanoi.leader, version=2)
    leader = sign_in(browser, live_server, hanoi.leader)
    open_dossier(leader, live_server, dossier.code)
    pdf = tmp_path / "giay-khai-sinh-da-ky.pdf"
    signed = samples.pdf()
    pdf.write_bytes(signed)
    block = leader.locator("#act-issue-result")
    block.locator("summary").click()
    block.get_by_label("Tên kết quả").fill("Giấy khai sinh")
    block.get_by_label("Số, ký hiệu").fill("15/KS")
    block.get_by_label("Tệp kết quả đã ký (PDF)").set_input_files(str(pdf))
    shot(leader, "lifecycle-03-issue-result-form")
    with leader.expect_navigation():
        block.locator("button").click()
    assert status(leader) == "Có kết quả, chờ trả"
    results = leader.locator("#results")
    assert "Giấy khai sinh" in results.inner_text() and "số 15/KS" in results.inner_text()
    href = results.get_by_role("link", name="Bản điện tử (PDF)").get_attribute("href")
    copy = leader.request.get(live_server.url + href)
    assert copy.headers["content-type"] == "application/pdf" and copy.body() == signed
    shot(leader, "lifecycle-04-result-ready")
    leader.set_viewport_size({"width": 390, "height": 844})
    shot(leader, "lifecycle-05-result-ready-phone")
    leader.set_viewport_size({"width": 1280, "height": 900})

    # A dossier long overdue: the apology is written (recorded late) and form 04 opens.
    late = services.assign(
        receive(hanoi, when="2026-03-02 09:00"), actor=hanoi.leader, version=1, assignee=hanoi.specialist
    )
    open_dossier(leader, live_server, late.code)
    assert "quá hạn" in leader.locator(".status-box").inner_text()
    promised = timezone.localtime() + timedelta(days=7)
    submit_action(
        leader,
        "act-extend",
        {
            "Ngày giờ hẹn mới": promised.strftime("%Y-%m-%dT%H:%M"),
            "Lý do (bắt buộc)": "Chờ kết quả xác minh của cơ quan công an",
        },
        "lifecycle-06-late-apology-form",
    )
    assert leader.locator("#action-error").count() == 0
    assert leader.locator("#act-extend").count() == 0
    form = leader.locator("#form-04")
    assert "Phiếu xin lỗi và hẹn lại ngày trả kết quả" in form.inner_text()
    letter = leader.request.get(live_server.url + form.get_attribute("href"))
    assert letter.headers["content-type"] == "application/pdf" and letter.body().startswith(b"%PDF")
    shot(leader, "lifecycle-07-apology-given")

    # The specialist's supplement form opens empty (no Python in the box).
    specialist = sign_in(browser, live_server, hanoi.specialist)
    open_dossier(specialist, live_server, late.code)
    specialist.locator("#act-request-supplement summary").click()
    assert specialist.locator("#act-request-supplement textarea[name=items]").input_value() == ""
    assert "dict_items" not in specialist.content()
    specialist.set_viewport_size({"width": 390, "height": 844})
    shot(specialist, "lifecycle-08-supplement-form-phone")
