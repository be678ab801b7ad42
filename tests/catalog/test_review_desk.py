"""A catalog administrator reviews 1.001193 (birth registration) at the desk in the officer workspace:
headings turned into common papers, a conditional paper, an advice row made a note, a same-day time
limit, published as a new version that the counter then uses. Bad input changes nothing."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.catalog import selectors
from motcua.catalog.content import version_content
from motcua.catalog.models import CatalogAuditLog, ProcedureVersion
from motcua.dossiers import reference
from tests.catalog.review_fixtures import (
    ABANDONED,
    BIRTH_CERTIFICATE,
    ELECTRONIC,
    RESIDENCE,
    birth_registration,
    catalog_admin,
    read_form,
)

pytestmark = pytest.mark.django_db

TIME_NO_UNIT = "Thời hạn chỉ có con số, mất đơn vị (ngày làm việc? ngày?)"
HEADINGS = "Tiêu đề mục (ví dụ «Giấy tờ phải nộp») bị đọc thành trường hợp"


def url(name, number=None):
    if number is None:
        return reverse(f"workspace:{name}")
    return reverse(f"workspace:{name}", kwargs={"code": "1.001193", "number": number})


def row(data: dict, prefix: str, field: str, starts: str) -> int:
    """The index of the editor row whose `field` starts with `starts`."""
    for key, value in data.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == prefix and parts[2] == field and value.startswith(starts):
            return int(parts[1])
    raise AssertionError(f"no {prefix} row with {field} starting {starts!r}")


@pytest.fixture
def admin(client):
    person = catalog_admin()
    client.force_login(person)
    return person


@pytest.fixture
def procedure(db):
    return birth_registration()


def open_draft(client) -> dict:
    """Start version 2 from the published version 1; the editor's form as the browser would post it."""
    response = client.post(url("catalog-revise", 1))
    assert response.status_code == 302 and response["Location"] == url("catalog-version", 2)
    page = client.get(url("catalog-version", 2))
    assert page.status_code == 200
    return read_form(page.content.decode())


def reason_boxes(client) -> dict[str, str]:
    """The editor's "resolved" checkboxes: their label → their value."""
    page = client.get(url("catalog-version", 2)).content.decode()
    found = re.findall(r'name="resolved" value="([^"]+)"> Đã xử lý: <strong>([^<]+)</strong>', page)
    return {label: value for value, label in found}


def test_the_queue_lists_birth_registration_with_its_reasons_in_vietnamese(client, admin, procedure):
    page = client.get(url("catalog-queue")).content.decode()
    assert "1.001193" in page and "Thủ tục đăng ký khai sinh" in page
    assert "Thời hạn chỉ có con số, mất đơn vị" in page
    assert "Tiêu đề mục (ví dụ «Giấy tờ phải nộp») bị đọc thành trường hợp" in page


def test_an_administrator_fixes_birth_registration_and_the_counter_uses_the_new_version(
    client, admin, procedure
):
    form = open_draft(client)
    # The two headings are not cases: deleting them makes their papers common to every applicant.
    form["case-0-DELETE"] = form["case-1-DELETE"] = "on"
    abandoned = row(form, "doc", "name", ABANDONED[:30])
    form[f"doc-{abandoned}-name"] = "Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập"
    form[f"doc-{abandoned}-condition"] = "Trường hợp trẻ em bị bỏ rơi"
    form.pop(f"doc-{abandoned}-required")
    form[f"doc-{row(form, 'doc', 'name', ELECTRONIC[:30])}-as_note"] = "on"
    for channel in range(3):
        form[f"term-{channel}-time_unit"] = "same_day"
    boxes = reason_boxes(client)
    # The same bare "1" on three channel rows is one reason to resolve, said once.
    assert boxes == {TIME_NO_UNIT: "0,1,2", HEADINGS: "3"}
    form["resolved"] = list(boxes.values())
    response = client.post(url("catalog-version", 2), form)
    assert response.status_code == 302, response.content.decode()[:3000]

    # Before publishing, the page says what the draft changes against the version in force.
    draft_page = client.get(url("catalog-version", 2)).content.decode()
    changes = re.search(r'<ul class="cat-changes">(.*?)</ul>', draft_page, re.S).group(1)
    for line in (
        "Bỏ trường hợp: * Giấy tờ phải nộp",
        "Bỏ trường hợp: * Giấy tờ phải xuất trình",
        "Thêm giấy tờ: Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",
        "Sửa giấy tờ Giấy tờ có giá trị chứng minh thông tin về cư trú: trường hợp",
        "Bỏ giấy tờ: Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh",
        "Thêm lưu ý: Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh",
        "Sửa thời hạn, phí của hình thức nộp Trực tuyến",
    ):
        assert line in changes, (line, changes)
    assert "Dịch vụ bưu chính" in changes and "Trực tiếp" in changes

    today = timezone.localdate()
    response = client.post(
        url("catalog-publish", 2), {"valid_from": today.isoformat(), "decision_no": "1/QĐ-UBND"}
    )
    assert response.status_code == 302
    assert "Đã công bố phiên bản 2" in client.get(response["Location"]).content.decode()

    first, second = ProcedureVersion.objects.filter(procedure=procedure).order_by("number")
    # Version 1 was in force until today and stays as it was; version 2 takes over from today.
    assert (first.status, first.valid_from, first.valid_to) == ("published", date(2025, 7, 1), today)
    assert len(version_content(first)["cases"]) == 2
    assert (second.status, second.valid_from, second.valid_to) == ("published", today, None)
    assert (second.needs_review, second.review_reasons) == (False, [])
    # What the counter reads today (the reception's cached reference entries) is version 2.
    assert selectors.current_version(procedure).pk == second.pk
    in_force = reference.version_in_force(procedure, today)
    assert in_force.pk == second.pk
    assert list(in_force.cases.all()) == []
    papers = {d.name: d for d in in_force.documents.all()}
    assert set(papers) == {
        "Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",
        BIRTH_CERTIFICATE,
        RESIDENCE,
    }
    assert all(d.case_id is None for d in papers.values())
    conditional = papers["Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập"]
    assert (conditional.condition, conditional.required) == ("Trường hợp trẻ em bị bỏ rơi", False)
    assert [n.text for n in second.notes.all()] == [ELECTRONIC]
    assert {(t.channel, t.time_unit, t.time_value, t.time_text) for t in in_force.channel_terms.all()} == {
        (channel, "same_day", None, "1") for channel in ("online", "postal", "in_person")
    }
    # Yesterday's dossiers keep version 1.
    assert selectors.current_version(procedure, today - timedelta(days=1)).pk == first.pk
    # The queue no longer lists it.
    assert "1.001193" not in client.get(url("catalog-queue")).content.decode()
    log = CatalogAuditLog.objects.filter(procedure=procedure, actor=admin)
    assert [e.action for e in log.order_by("id")] == [
        "create_draft",
        "update_draft",
        "review_edit",
        "end_window",
        "publish",
    ]
    edit = log.get(action="review_edit").details
    assert edit["reasons_cleared"] == ["time_no_unit"] * 3 + ["heading_cases"]
    assert edit["reasons_kept"] == []
    assert {"cases", "documents", "notes", "channel_terms"} <= set(edit["changed"])


def test_keeping_a_reason_keeps_the_draft_in_the_queue(client, admin, procedure):
    form = open_draft(client)
    form["resolved"] = reason_boxes(client)[TIME_NO_UNIT]
    assert client.post(url("catalog-version", 2), form).status_code == 302
    draft = ProcedureVersion.objects.get(procedure=procedure, number=2)
    assert (draft.needs_review, [r["reason"] for r in draft.review_reasons]) == (True, ["heading_cases"])
    page = client.get(url("catalog-queue") + "?trang-thai=draft").content.decode()
    assert "1.001193" in page and "Tiêu đề mục" in page and "Thời hạn chỉ có con số" not in page


def _unchanged(procedure, before_content, before_log):
    draft = ProcedureVersion.objects.get(procedure=procedure, number=2)
    assert version_content(draft) == before_content
    assert CatalogAuditLog.objects.filter(procedure=procedure).count() == before_log


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"doc-0-copies": "-1"}, "Không được là số âm."),
        (
            {"term-0-fee_kind": "amount", "term-0-fee_amount": "năm mươi nghìn"},
            "Mức thu phải là một số nguyên (đồng), ví dụ 50000.",
        ),
        ({"term-0-time_unit": "working_days", "term-0-time_value": "ba"}, "Thời hạn phải là một số"),
        ({"term-0-valid_from": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"doc-0-name": ""}, "Không được để trống."),
    ],
)
def test_a_bad_field_shows_a_vietnamese_message_and_saves_nothing(client, admin, procedure, change, message):
    form = open_draft(client)
    draft = ProcedureVersion.objects.get(procedure=procedure, number=2)
    before, log = version_content(draft), CatalogAuditLog.objects.filter(procedure=procedure).count()
    form["name"] = "Tên mới không được lưu vì dòng khác sai"
    form.update(change)
    response = client.post(url("catalog-version", 2), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa lưu gì" in page and message in page
    _unchanged(procedure, before, log)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A new fee from 2026-01-01 while the old online row has no end: the windows overlap.
        (
            {
                "term-3-channel": "online",
                "term-3-time_unit": "same_day",
                "term-3-fee_kind": "amount",
                "term-3-fee_amount": "8000",
                "term-3-valid_from": "2026-01-01",
            },
            "Thời gian áp dụng chồng lấn với dòng 1 cùng hình thức nộp",
        ),
        ({"term-0-time_unit": "working_days"}, "Thời hạn theo đơn vị này cần một con số lớn hơn 0."),
        ({"term-0-fee_kind": "amount"}, "Phí, lệ phí «có mức thu» cần mức thu lớn hơn 0."),
        ({"doc-0-condition": "Trường hợp trẻ em bị bỏ rơi"}, "hãy bỏ đánh dấu «Bắt buộc» hoặc xoá điều kiện"),
    ],
)
def test_a_rule_across_rows_shows_a_vietnamese_message_and_saves_nothing(
    client, admin, procedure, change, message
):
    form = open_draft(client)
    draft = ProcedureVersion.objects.get(procedure=procedure, number=2)
    before, log = version_content(draft), CatalogAuditLog.objects.filter(procedure=procedure).count()
    form["name"] = "Tên mới không được lưu vì dòng khác sai"
    form["case-0-DELETE"] = "on"
    form.update(change)
    response = client.post(url("catalog-version", 2), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa lưu gì" in page and message in page
    _unchanged(procedure, before, log)


def test_an_overlapping_publication_is_refused_and_changes_nothing(client, admin, procedure):
    open_draft(client)
    response = client.post(url("catalog-publish", 2), {"valid_from": "2025-07-01"})
    assert response.status_code == 409
    assert (
        "Thời gian hiệu lực chồng lấn với phiên bản 1 đã công bố của thủ tục 1.001193."
        in response.content.decode()
    )
    first, second = ProcedureVersion.objects.filter(procedure=procedure).order_by("number")
    assert (first.status, first.valid_to, second.status, second.valid_from) == (
        "published",
        None,
        "draft",
        None,
    )
    response = client.post(url("catalog-publish", 2), {"valid_from": "ngày mai"})
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()


def test_a_published_version_is_never_edited(client, admin, procedure):
    first = ProcedureVersion.objects.get(procedure=procedure, number=1)
    before = version_content(first)
    page = client.get(url("catalog-version", 1)).content.decode()
    assert "Sửa đổi: tạo bản nháp phiên bản mới" in page and 'class="cat-editor"' not in page
    response = client.post(url("catalog-version", 1), {"name": "Sửa thẳng bản đã công bố"})
    assert response.status_code == 409
    assert "Phiên bản đã công bố hoặc đã bãi bỏ không được sửa" in response.content.decode()
    first.refresh_from_db()
    assert version_content(first) == before
    # Asking twice for a new version leads to the same draft.
    open_draft(client)
    assert client.post(url("catalog-revise", 1))["Location"] == url("catalog-version", 2)
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 2


def test_a_save_over_someone_elses_newer_save_is_refused(client, admin, procedure):
    form = open_draft(client)
    stale = dict(form)
    assert client.post(url("catalog-version", 2), form).status_code == 302
    stale["name"] = "Sửa trên trang cũ"
    response = client.post(url("catalog-version", 2), stale)
    assert response.status_code == 409 and "vừa được người khác sửa" in response.content.decode()
    assert ProcedureVersion.objects.get(procedure=procedure, number=2).name == "Thủ tục đăng ký khai sinh"


def test_the_desk_speaks_english_when_asked(client, admin, procedure):
    client.cookies["django_language"] = "en"
    queue = client.get(url("catalog-queue")).content.decode()
    assert "Procedure catalog review" in queue and "Time limit is a bare number, its unit lost" in queue
    form = open_draft(client)
    form["doc-0-copies"] = "-1"
    page = client.post(url("catalog-version", 2), form).content.decode()
    assert "Nothing saved: 1 error to fix." in page and "Cannot be negative." in page


def test_amounts_and_limits_are_read_as_people_write_them(client, admin, procedure):
    form = open_draft(client)
    form.update({"term-0-fee_kind": "amount", "term-0-fee_amount": "50.000"})
    form.update({"term-1-time_unit": "working_days", "term-1-time_value": "0,5"})
    assert client.post(url("catalog-version", 2), form).status_code == 302
    terms = list(ProcedureVersion.objects.get(procedure=procedure, number=2).channel_terms.all())
    assert (terms[0].fee_kind, terms[0].fee_amount) == ("amount", 50000)
    assert (terms[1].time_unit, str(terms[1].time_value)) == ("working_days", "0.50")
    # A fractional dong is not an amount.
    form = read_form(client.get(url("catalog-version", 2)).content.decode())
    form["term-0-fee_amount"] = "50,5"
    page = client.post(url("catalog-version", 2), form).content.decode()
    assert "Mức thu phải là một số nguyên (đồng), ví dụ 50000." in page


def test_a_first_version_says_so_and_an_untouched_draft_says_nothing_changed(client, admin, procedure):
    from motcua.catalog.changes import differences

    assert differences(None, {"name": "Thủ tục mới"}) == [
        "Chưa có phiên bản nào đang có hiệu lực: đây sẽ là phiên bản đầu tiên được áp dụng."
    ]
    open_draft(client)
    page = client.get(url("catalog-version", 2)).content.decode()
    assert "Bản nháp chưa khác gì phiên bản đang áp dụng." in page
