"""A signed-in citizen submits online from the e-form: errors next to the field, nothing typed or
uploaded is lost, a double click or a reload gives one dossier."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents.models import Document, DossierDocument
from motcua.dossiers.models import Dossier
from motcua.portal.models import Draft
from motcua.portal.submission import services
from tests.documents import samples

from .steps import pdf_file

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Nguyễn Văn An",
    "id_number": "001090012345",
    "birth_date": "1990-05-17",
    "sex": "male",
    "phone": "0912345678",
    "email": "an@example.vn",
    "address": "Thôn Đông",
    "commune": "00376",
    "delivery": "counter",
}


def _draft_url(client, world, proc=None):
    proc = proc or world.birth
    response = client.get(f"/thu-tuc/{proc.code}/nop-truc-tuyen/?tinh=01")
    assert response.status_code == 302
    return response["Location"]


def _docs(world, proc=None):
    version = world.version(proc or world.birth)
    return {d.name: d for d in version.documents.all()}


def _case(world, index=0):
    return str(world.case(world.birth, index).pk)


def test_starting_needs_sign_in(client, world):
    response = client.get(f"/thu-tuc/{world.birth.code}/nop-truc-tuyen/?tinh=01")
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_form_is_prefilled_and_a_reload_keeps_the_same_draft(citizen_client, world):
    url = _draft_url(citizen_client, world)
    assert _draft_url(citizen_client, world) == url  # the same unfinished draft, not a new one
    page = citizen_client.get(url).content.decode()
    assert 'value="Nguyễn Văn An"' in page  # from the account
    for name in ("Tờ khai", "Giấy chứng sinh", "Văn bản xác nhận cư trú"):
        assert name in page
    assert '<label for="id_id_number">' in page and 'type="file"' in page


def test_a_bad_identity_number_is_shown_next_to_the_field_and_nothing_typed_or_uploaded_is_lost(
    citizen_client, world
):
    url = _draft_url(citizen_client, world)
    docs = _docs(world)
    data = {**GOOD, "id_number": "12345", "case": _case(world), "action": "submit"}
    data[f"doc-{docs['Tờ khai'].pk}"] = pdf_file("to-khai.pdf")
    response = citizen_client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'<p class="field-error" id="id_number-error">([^<]+)</p>', page)
    assert error and error.group(1) == "Số định danh cá nhân phải gồm 12 chữ số."
    assert 'aria-describedby="id_number-error"' in page and 'aria-invalid="true"' in page
    assert 'value="0912345678"' in page and 'value="12345"' in page  # what was typed, as typed
    assert "Đã tải lên: to-khai.pdf" in page  # the upload was kept
    # The birth certificate was never uploaded: its message is next to it, in the same answer.
    assert f'id="doc-{docs["Giấy chứng sinh"].pk}-error"' in page
    assert not Dossier.objects.exists()


def test_a_rejected_file_gets_its_message_and_the_rest_is_kept(citizen_client, world):
    url = _draft_url(citizen_client, world)
    docs = _docs(world)
    bad = SimpleUploadedFile("virus.pdf", samples.windows_exe(), content_type="application/pdf")
    response = citizen_client.post(
        url, {**GOOD, "case": _case(world), "action": "save", f"doc-{docs['Tờ khai'].pk}": bad}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="doc-{docs["Tờ khai"].pk}-error">Loại tệp không được chấp nhận.' in page
    assert 'value="Nguyễn Văn An"' in page and 'value="001090012345"' in page
    assert Draft.objects.get().data["phone"] == "0912345678"
    assert not Draft.objects.get().uploads.exists()


def test_postal_delivery_needs_an_address(citizen_client, world):
    url = _draft_url(citizen_client, world)
    response = citizen_client.post(
        url, {**GOOD, "delivery": "postal", "case": _case(world), "action": "submit"}
    )
    assert (
        'id="delivery_address-error">Hãy ghi địa chỉ để bưu điện gửi kết quả đến.'
        in response.content.decode()
    )


def _complete(client, world, url, **extra):
    docs = _docs(world)
    files = {
        f"doc-{docs['Tờ khai'].pk}": pdf_file("to-khai.pdf"),
        f"doc-{docs['Giấy chứng sinh'].pk}": pdf_file("chung-sinh.pdf"),
    }
    return client.post(url, {**GOOD, "case": _case(world), "action": "submit", **files, **extra})


def test_a_complete_submission_creates_the_online_dossier_with_its_papers(citizen_client, world):
    url = _draft_url(citizen_client, world)
    response = _complete(
        citizen_client, world, url, delivery="postal", delivery_address="Số 1 Tràng Tiền, Hoàn Kiếm"
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ho-so-cua-toi/{dossier.code}/?moi=1"
    assert dossier.status == "pending_acceptance" and dossier.owner == world.citizen
    assert dossier.channel == "online" and dossier.result_delivery == "postal"
    assert dossier.agency == world.committee_soc_son
    papers = DossierDocument.objects.filter(dossier=dossier).select_related("document", "required_document")
    assert sorted(p.required_document.name for p in papers) == ["Giấy chứng sinh", "Tờ khai"]
    assert all(len(p.document.sha256) == 64 and p.document.owner_id_number == "001090012345" for p in papers)
    page = citizen_client.get(response["Location"]).content.decode()
    assert "Bạn đã gửi hồ sơ thành công." in page and "Số 1 Tràng Tiền, Hoàn Kiếm" in page
    assert "Đã gửi, chờ cán bộ nhận" in page


def test_a_double_click_or_a_reload_of_the_submission_gives_one_dossier(citizen_client, world):
    url = _draft_url(citizen_client, world)
    first = _complete(citizen_client, world, url)
    again = _complete(citizen_client, world, url)  # the browser re-sends the same request
    assert Dossier.objects.count() == 1
    assert again.status_code == 302 and again["Location"] == first["Location"].split("?")[0]
    draft = Draft.objects.get()
    assert services.submit(draft) == Dossier.objects.get()  # the service itself returns the same one
    assert DossierDocument.objects.count() == 2
    assert Document.objects.count() == 2  # the files re-sent by the second click were not stored


def test_the_same_key_replayed_after_the_draft_is_lost_still_gives_one_dossier(citizen_client, world):
    url = _draft_url(citizen_client, world)
    _complete(citizen_client, world, url)
    draft = Draft.objects.get()
    Draft.objects.filter(pk=draft.pk).update(dossier=None)  # as if the first answer never came back
    assert services.submit(Draft.objects.get()) == Dossier.objects.get()
    assert Dossier.objects.count() == 1


def test_another_citizen_cannot_open_my_draft(client, world):
    from tests.org.factories import user

    client.force_login(world.citizen)
    url = _draft_url(client, world)
    client.force_login(user())
    assert client.get(url).status_code == 404


def test_the_applicant_is_prefilled_from_the_identity_provider_s_profile(citizen_client, world):
    from datetime import date

    from motcua.accounts.models import CitizenProfile

    CitizenProfile.objects.create(
        user=world.citizen,
        full_name="Trần Thị Bình",
        personal_id="001190054321",
        birth_date=date(1990, 1, 2),
        phone="0987654321",
        email="binh@example.vn",
        subject="sub-1",
        issuer="https://id.example.vn",
    )
    page = citizen_client.get(_draft_url(citizen_client, world)).content.decode()
    for value in ("Trần Thị Bình", "001190054321", "1990-01-02", "0987654321", "binh@example.vn"):
        assert f'value="{value}"' in page, value
