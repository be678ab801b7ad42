"""The whole lifecycle through the officer's dossier page: the result issued with its PDF, the apology of
a dossier already late, every form 01–06 a link that opens its PDF, fees seen and recorded once, and no
Python representation leaking into an action form."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.documents.models import Document, Source
from motcua.dossiers import services
from motcua.dossiers.models import ApologyLetter, Dossier, Payment, Result
from tests.documents import samples
from tests.dossiers.factories import at, person

from .conftest import receive, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def page(client, dossier):
    return client.get(reverse("workspace:dossier", args=[dossier.code]))


def act(client, dossier, slug, **data):
    return client.post(reverse("workspace:act", args=[dossier.code, slug]), data)


def approved(world, dossier):
    dossier = services.assign(dossier, actor=world.leader, version=dossier.version, assignee=world.specialist)
    return services.approve(dossier, actor=world.leader, version=dossier.version)


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_the_leader_issues_the_result_with_its_signed_pdf_and_the_officer_opens_it(client, world, media):
    dossier = approved(world, receive(world, when="2026-03-02 09:00"))
    signed_in(client, world.leader)
    html = page(client, dossier).content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="e_copy" type="file"' in html
    pdf = samples.pdf()
    response = act(
        client,
        dossier,
        "issue-result",
        version=dossier.version,
        title="Giấy khai sinh",
        number="15/KS",
        e_copy=SimpleUploadedFile("khai-sinh-ky-so.pdf", pdf, content_type="application/pdf"),
    )
    assert response.status_code == 302
    result = Result.objects.get(dossier=dossier)
    stored = Document.objects.get(result=result)
    assert (stored.source, stored.kind, stored.size) == (Source.RESULT, "pdf", len(pdf))
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest() and result.e_copy.name == stored.storage_name
    assert Dossier.objects.get(pk=dossier.pk).status == "result_ready"
    html = page(client, dossier).content.decode()
    link = reverse("workspace:result-copy", args=[dossier.code, result.pk])
    assert "Giấy khai sinh" in html and "số 15/KS" in html and link in html
    opened = client.get(link)
    assert opened["Content-Type"] == "application/pdf" and opened.content == pdf


def test_a_result_file_that_is_not_a_pdf_is_refused_and_leaves_no_file_nor_result(client, world, media):
    dossier = approved(world, receive(world, when="2026-03-02 09:00"))
    signed_in(client, world.leader)
    response = act(
        client,
        dossier,
        "issue-result",
        version=dossier.version,
        title="Giấy khai sinh",
        e_copy=SimpleUploadedFile("khai-sinh.pdf", samples.image("PNG"), content_type="application/pdf"),
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'open id="act-issue-result"' in html
    assert '<p class="error">Bản điện tử của kết quả phải là tệp PDF (bản đã ký số).</p>' in html
    assert "Giấy khai sinh" in html  # what was typed is kept
    assert not Result.objects.filter(dossier=dossier).exists() and not Document.objects.exists()
    assert Dossier.objects.get(pk=dossier.pk).status == "approved" and stored_files(media) == []


def _overdue(world):
    """A dossier due on 2026-03-05 09:00, long past now (the tests run after that day)."""
    return services.assign(
        receive(world, when="2026-03-02 09:00"), actor=world.leader, version=1, assignee=world.specialist
    )


def test_a_late_dossier_gets_its_apology_counted_late_and_form_04_prints(client, world):
    dossier = _overdue(world)
    signed_in(client, world.leader)
    html = page(client, dossier).content.decode()
    assert 'id="act-extend"' in html and "Hồ sơ đã quá hạn: phiếu xin lỗi vẫn được lập" in html
    assert 'id="form-04"' not in html
    promised = timezone.localtime() + timedelta(days=10)
    response = act(
        client,
        dossier,
        "extend",
        version=dossier.version,
        new_appointment=promised.strftime("%Y-%m-%dT%H:%M"),
        reason="Chờ kết quả xác minh của cơ quan công an",
    )
    assert response.status_code == 302
    letter = ApologyLetter.objects.get(dossier=dossier)
    assert letter.previous_appointment == at("2026-03-05 09:00")
    assert dossier.tracking.order_by("pk").last().details["late_apology"] is True
    html = page(client, dossier).content.decode()
    assert 'id="act-extend"' not in html  # once only: not offered again
    form = client.get(re.search(r'href="([^"]+)" target="_blank" id="form-04"', html).group(1))
    assert form.status_code == 200 and form["Content-Type"] == "application/pdf"
    assert form.content.startswith(b"%PDF")


def _links(html: str) -> dict[str, str]:
    return dict((n, url) for url, n in re.findall(r'href="([^"]+)" target="_blank" id="form-(0[1-6])"', html))


def test_every_form_the_dossier_has_is_a_link_that_opens_its_pdf(client, world):
    dossier = _overdue(world)
    dossier = services.request_supplement(
        dossier, actor=world.specialist, version=dossier.version, items=["Tờ khai có chữ ký"], reason="Thiếu"
    )
    dossier = services.receive_supplement(dossier, actor=world.officer, version=dossier.version)
    dossier = services.extend(
        dossier,
        actor=world.leader,
        version=dossier.version,
        new_appointment=timezone.now() + timedelta(days=10),
        reason="Chờ xác minh",
    )
    dossier = services.stop(dossier, actor=world.leader, version=dossier.version, reason="Người dân đề nghị")
    refused = services.submit_online(
        user=world.citizen, procedure=world.birth, province=world.province, case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0), applicant=person(), at=at("2026-03-02 09:00"),
    )  # fmt: skip
    refused = services.refuse_online(refused, officer=world.officer_soc_son, version=1, reason="Sai thủ tục")
    for officer, shown, expected in (
        (world.officer, dossier, ["01", "02", "04", "05", "06"]),
        (world.officer_soc_son, refused, ["03", "06"]),
    ):
        signed_in(client, officer)
        links = _links(page(client, shown).content.decode())
        assert sorted(links) == expected
        for url in links.values():
            opened = client.get(url)
            assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf", url
            assert opened.content.startswith(b"%PDF")


def test_the_supplement_form_opens_empty_and_never_shows_python(client, world):
    dossier = _overdue(world)
    signed_in(client, world.specialist)
    html = page(client, dossier).content.decode()
    assert re.search(r'name="items" rows="4" required></textarea>', html)
    bad = act(client, dossier, "request-supplement", version=dossier.version, items="Tờ khai", reason="")
    html = bad.content.decode()
    assert bad.status_code == 400 and ">Tờ khai</textarea>" in html
    for leak in ("dict_items", "dict_keys", "dict_values", "<bound method", "QuerySet"):
        assert leak not in html


def test_fees_show_on_the_summary_and_a_settled_dossier_offers_no_recording(client, world):
    dossier = receive(world, world.licence, when="2026-03-02 09:00")  # 100,000 đ due
    signed_in(client, world.officer)
    response = page(client, dossier)
    html = response.content.decode()
    assert "record_payment" in [a["action"] for a in response.context["actions"]]
    assert "100.000&nbsp;đ" in html and "Phải nộp" in html and 'name="payment"' in html
    due = Payment.objects.get(dossier=dossier)
    ok = act(
        client,
        dossier,
        "record-payment",
        version=dossier.version,
        payment=due.pk,
        method="cash",
        reference="BL-01",
    )
    assert ok.status_code == 302
    response = page(client, dossier)
    html = response.content.decode()
    assert "record_payment" not in [a["action"] for a in response.context["actions"]]
    assert "Đã nộp" in html and "Tiền mặt" in html and "BL-01" in html
    again = act(
        client, dossier, "record-payment", version=Dossier.objects.get(pk=dossier.pk).version, amount="100000"
    )
    assert again.status_code == 409
    assert "Phí, lệ phí của hồ sơ đã được ghi nhận; không ghi nhận thu lần nữa." in again.content.decode()
    assert Payment.objects.filter(dossier=dossier).count() == 1


def test_a_result_kept_in_the_document_store_needs_no_file_even_with_the_file_input_left_empty(client, world):
    dossier = approved(world, receive(world, when="2026-03-02 09:00"))
    signed_in(client, world.leader)
    response = act(  # a browser posts the empty file input as an empty field
        client,
        dossier,
        "issue-result",
        version=dossier.version,
        title="Giấy khai sinh",
        e_copy="",
        e_copy_ref="kho:KS-1",
    )
    assert response.status_code == 302
    result = Result.objects.get(dossier=dossier)
    assert (result.e_copy_ref, result.e_copy.name) == ("kho:KS-1", "")
    html = page(client, dossier).content.decode()
    assert "Bản điện tử trong kho dữ liệu: kho:KS-1" in html


def test_the_summary_speaks_english_as_its_second_language(client, world):
    dossier = receive(world, world.licence, when="2026-03-02 09:00")
    signed_in(client, world.officer)
    client.cookies["django_language"] = "en"
    html = page(client, dossier).content.decode()
    for text in (
        "Print forms (PDF)",
        "Form 01:",
        "Fees and charges",
        "Fees waiting to be paid",
        "Handed in: Tờ khai",
    ):
        assert text in html, text
    assert "Paid: Tờ khai" not in html  # a paper handed in is not a fee paid


def test_a_refusal_notice_can_carry_its_pdf_too(client, world):
    dossier = services.assign(
        receive(world, when="2026-03-02 09:00"), actor=world.leader, version=1, assignee=world.specialist
    )
    signed_in(client, world.leader)
    notice = samples.pdf()
    response = act(
        client,
        dossier,
        "refuse",
        version=dossier.version,
        reason="Không đủ điều kiện đăng ký",
        e_copy=SimpleUploadedFile("thong-bao-tu-choi.pdf", notice, content_type="application/pdf"),
    )
    assert response.status_code == 302
    result = Result.objects.get(dossier=dossier)
    assert (
        result.kind == "refused"
        and Document.objects.get(result=result).sha256 == hashlib.sha256(notice).hexdigest()
    )
    assert client.get(reverse("workspace:result-copy", args=[dossier.code, result.pk])).content == notice
