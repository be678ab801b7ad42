"""Counter reception through the Django test client: prefill contract, reception, errors that keep what
was typed, completion guidance and refusal slips, uploads, people seen before."""

import pytest
from django.urls import reverse

from motcua.documents.models import DossierDocument
from motcua.dossiers.models import CounterSlip, Dossier
from tests.documents import samples

from .conftest import receive, signed_in

pytestmark = pytest.mark.django_db

PDF = samples.pdf()  # a real one-page PDF: uploads are parsed (documents.sniffing.parse)


def _form(world, **overrides) -> dict:
    version = world.version(world.birth)
    case = world.case(world.birth, 0)
    data = {
        "procedure": world.birth.code,
        "case": case.pk,
        "place": world.point_ba_dinh.pk,
        "channel": "counter",
        "applicant_name": "Nguyễn Văn An",
        "applicant_id": "001090012345",
        "applicant_birth_date": "1990-05-17",
        "applicant_sex": "male",
        "applicant_phone": "0912345678",
        "applicant_address": "Thôn Đông",
        "commune": "00376",
        "idempotency_key": "k-1",
        "outcome": "receive",
    }
    for doc in world.documents(world.birth, 0):
        data[f"doc_{doc}"] = "on"
    assert version.documents.exists()
    return {**data, **overrides}


def test_the_prefill_parameters_fill_the_counter_form(client, world):
    params = {
        "procedure": world.birth.code,
        "channel": "home_visit",
        "applicant_name": "Bà Lê Thị Hoa",
        "applicant_id": "001150000001",
        "applicant_phone": "0901234567",
        "applicant_address": "Số 5 ngõ 10",
        "commune": "00376",
        "return_to": "/tai-nha/yeu-cau/7/",
    }
    page = signed_in(client, world.officer).get(reverse("workspace:receive"), params)
    html = page.content.decode()
    assert page.status_code == 200 and "Thủ tục thử nghiệm 9.100001" in html
    for value in (
        "Bà Lê Thị Hoa",
        "001150000001",
        "0901234567",
        "Số 5 ngõ 10",
        "00376",
        "/tai-nha/yeu-cau/7/",
    ):
        assert value in html
    assert '<option value="home_visit" selected>' in html
    assert "Tờ khai" in html and "Giấy chứng sinh" in html and "Văn bản xác nhận cư trú" not in html


def test_the_procedure_is_found_by_a_few_words(client, world):
    page = signed_in(client, world.officer).get(reverse("workspace:receive"), {"q": "thử nghiệm 9.100001"})
    assert [h.code for h in page.context["hits"]][0] == world.birth.code
    assert f'href="?procedure={world.birth.code}&amp;channel=counter"' in page.content.decode()


def test_a_complete_dossier_is_received_and_the_slip_is_offered(client, world):
    response = signed_in(client, world.officer).post(reverse("workspace:receive"), _form(world))
    dossier = Dossier.objects.get(applicant__id_number="001090012345")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:dossier", args=[dossier.code]) + "?moi=1"
    assert (
        dossier.status == "received"
        and dossier.received_by == world.officer
        and dossier.applicant_name_folded == "nguyen van an"
    )
    page = client.get(response["Location"]).content.decode()
    assert f"Đã tiếp nhận hồ sơ {dossier.code}." in page
    assert reverse("dossiers-api:form", kwargs={"code": dossier.code, "form": "01"}) in page
    slip = client.get(reverse("dossiers-api:form", kwargs={"code": dossier.code, "form": "01"}))
    assert slip["Content-Type"] == "application/pdf" and slip.content.startswith(b"%PDF")
    again = client.post(
        reverse("workspace:receive"), _form(world)
    )  # the same submission twice (double Enter)
    assert again["Location"] == response["Location"] and Dossier.objects.count() == 1


def test_after_reception_the_browser_goes_back_to_a_local_return_to_with_the_code(client, world):
    response = signed_in(client, world.officer).post(
        reverse("workspace:receive"), _form(world, return_to="/tai-nha/yeu-cau/7/?tab=1")
    )
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/tai-nha/yeu-cau/7/?tab=1&dossier={dossier.code}"


def test_a_foreign_return_to_is_ignored(client, world):
    response = signed_in(client, world.officer).post(
        reverse("workspace:receive"), _form(world, return_to="https://evil.example/x")
    )
    assert response["Location"].startswith(reverse("workspace:dossier", args=[Dossier.objects.get().code]))


def test_bad_applicant_data_is_shown_next_to_the_field_and_nothing_typed_is_lost(client, world):
    data = _form(world, applicant_id="12345", applicant_phone="0912345678", applicant_name="Nguyễn Văn An")
    response = signed_in(client, world.officer).post(reverse("workspace:receive"), data)
    html = response.content.decode()
    assert response.status_code == 400 and not Dossier.objects.exists()
    assert "Số định danh cá nhân phải gồm 12 chữ số." in html
    assert 'id="applicant_id-error"' in html and 'value="12345"' in html
    assert 'value="Nguyễn Văn An"' in html and 'value="0912345678"' in html and 'value="Thôn Đông"' in html
    assert html.count("checked") >= 2  # the ticks stay


def test_a_missing_document_is_named_and_the_dossier_is_not_stored(client, world):
    data = _form(world)
    missing = world.documents(world.birth, 0)[-1]
    del data[f"doc_{missing}"]
    html = signed_in(client, world.officer).post(reverse("workspace:receive"), data).content.decode()
    assert "Còn thiếu giấy tờ này." in html and not Dossier.objects.exists()


def test_completion_guidance_lists_what_is_missing_and_prints_form_02(client, world):
    data = _form(world, outcome="guidance", guidance_items="Ảnh 4x6")
    del data[f"doc_{world.documents(world.birth, 0)[-1]}"]
    response = signed_in(client, world.officer).post(reverse("workspace:receive"), data)
    slip = CounterSlip.objects.get()
    assert response["Location"] == reverse("workspace:slip", args=[slip.pk])
    assert slip.kind == "guidance" and "Ảnh 4x6" in slip.items and len(slip.items) == 2
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf" and not Dossier.objects.exists()


def test_a_refusal_needs_reasons_and_prints_form_03(client, world):
    signed_in(client, world.officer)
    empty = client.post(reverse("workspace:receive"), _form(world, outcome="refuse"))
    assert empty.status_code == 400 and not CounterSlip.objects.exists()
    response = client.post(
        reverse("workspace:receive"), _form(world, outcome="refuse", refusal_reasons="Không thuộc thẩm quyền")
    )
    assert CounterSlip.objects.get().kind == "refusal" and response.status_code == 302


def test_a_scan_is_stored_with_the_dossier_and_a_bad_file_changes_nothing(client, world):
    doc = world.documents(world.birth, 0)[0]
    signed_in(client, world.officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = _form(world, idempotency_key="k-bad")
    bad[f"file_{doc}"] = SimpleUploadedFile(
        "to-khai.pdf", b"not a pdf at all", content_type="application/pdf"
    )
    refused = client.post(reverse("workspace:receive"), bad)
    assert refused.status_code == 400 and not Dossier.objects.exists()
    assert (
        "to-khai.pdf" in refused.content.decode()
        and "Hãy chọn lại các tệp đính kèm." in refused.content.decode()
    )
    good = _form(world, idempotency_key="k-good")
    good[f"file_{doc}"] = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    assert client.post(reverse("workspace:receive"), good).status_code == 302
    link = DossierDocument.objects.get()
    assert link.required_document_id == doc and link.document.digitised


def test_a_person_seen_before_is_prefilled_from_their_newest_dossier(client, world):
    receive(world)
    signed_in(client, world.officer)
    known = client.get(reverse("workspace:person"), {"so": "001090012345"}).json()
    assert (
        known["found"]
        and known["applicant_name"] == "Nguyễn Văn An"
        and known["applicant_phone"] == "0912345678"
    )
    page = client.get(
        reverse("workspace:receive"), {"procedure": world.birth.code, "applicant_id": "001090012345"}
    )
    html = page.content.decode()
    assert 'value="Nguyễn Văn An"' in html and "điền sẵn từ hồ sơ trước" in html


def test_a_chip_id_card_qr_code_typed_by_a_scanner_fills_the_applicant(client, world):
    qr = "001090012345|012345678|Nguyễn Văn An|17051990|Nam|Thôn Đông, xã Sóc Sơn|01012021"
    data = _form(world, applicant_id=qr, applicant_name="", applicant_birth_date="", applicant_sex="")
    assert signed_in(client, world.officer).post(reverse("workspace:receive"), data).status_code == 302
    applicant = Dossier.objects.get().applicant
    assert (applicant.full_name, str(applicant.birth_date), applicant.sex) == (
        "Nguyễn Văn An",
        "1990-05-17",
        "male",
    )


def test_a_name_of_3041_characters_is_refused_next_to_the_field(client, world):
    long_name = ("Nguyễn Văn " * 300 + "An")[:3041]
    data = _form(world, applicant_name=long_name, applicant_address="Thôn " * 100)
    response = signed_in(client, world.officer).post(reverse("workspace:receive"), data)
    html = response.content.decode()
    assert response.status_code == 400 and not Dossier.objects.exists()
    assert "Quá dài: tối đa 200 ký tự (đã nhập 3041 ký tự)." in html
    assert "Quá dài: tối đa 300 ký tự (đã nhập 499 ký tự)." in html  # the address, stripped
