"""The electronic result end to end through the pages: the citizen chooses it on the e-form, the leader
issues the result with its PDF on the officer's dossier page, the citizen takes it in "my dossiers" and
the dossier is recorded as returned; a procedure with an in-person step does not offer it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.documents import samples

from .steps import in_progress
from .test_submission import _complete, _draft_url

pytestmark = pytest.mark.django_db

ELECTRONIC = "Nhận bản điện tử trên tài khoản"


def test_the_e_form_offers_the_electronic_result_and_the_dossier_keeps_the_choice(citizen_client, world):
    url = _draft_url(citizen_client, world)
    html = citizen_client.get(url).content.decode()
    assert ELECTRONIC in html and 'name="delivery" value="online"' in html
    response = _complete(citizen_client, world, url, delivery="online")
    assert response.status_code == 302
    assert Dossier.objects.get().result_delivery == "online"


def test_a_procedure_with_an_in_person_step_does_not_offer_it_and_refuses_it(citizen_client, world):
    ProcedureVersion.objects.filter(procedure=world.birth).update(online_level="partial")
    url = _draft_url(citizen_client, world)
    html = citizen_client.get(url).content.decode()
    assert ELECTRONIC not in html and 'value="counter"' in html
    response = _complete(citizen_client, world, url, delivery="online")
    html = response.content.decode()
    assert response.status_code == 400 and html.count('class="field-error" id="delivery-error"') == 1
    assert 'id="delivery-error">Thủ tục này không trả kết quả bản điện tử; hãy chọn nhận tại nơi' in html
    assert not Dossier.objects.exists()


def test_issued_with_its_pdf_on_the_officer_page_the_citizen_takes_it_and_it_is_returned(
    client, citizen_client, world
):
    _complete(citizen_client, world, _draft_url(citizen_client, world), delivery="online")
    dossier = in_progress(world, Dossier.objects.get())
    dossier = services.approve(dossier, actor=world.leader, version=dossier.version)
    pdf = samples.pdf()

    from django.test import Client

    officer = Client()
    officer.force_login(world.leader)
    issued = officer.post(
        reverse("workspace:act", args=[dossier.code, "issue-result"]),
        {
            "version": dossier.version,
            "title": "Giấy khai sinh",
            "number": "27/KS",
            "e_copy": SimpleUploadedFile("khai-sinh.pdf", pdf, content_type="application/pdf"),
        },
    )
    assert issued.status_code == 302

    mine = f"/ho-so-cua-toi/{dossier.code}/"
    page = citizen_client.get(mine).content.decode()
    assert "Nhận kết quả điện tử</button>" in page and "Tải bản điện tử: Giấy khai sinh" in page
    taken = citizen_client.post(
        f"{mine}nhan-ket-qua/", {"version": Dossier.objects.get(pk=dossier.pk).version}
    )
    assert taken.status_code == 302
    returned = Dossier.objects.get(pk=dossier.pk)
    assert (returned.status, returned.return_method, returned.returned_by) == (
        "returned",
        "online",
        world.citizen,
    )
    result = returned.results.get()
    copy = citizen_client.get(f"{mine}ket-qua/{result.pk}/")
    assert b"".join(copy.streaming_content) == pdf

    officer.force_login(world.officer_soc_son)
    html = officer.get(reverse("workspace:dossier", args=[dossier.code])).content.decode()
    assert "Đã trả kết quả" in html and "đã trả lúc" in html and "Nhận bản điện tử" in html


def test_a_result_copy_changed_on_disk_is_never_served(citizen_client, world, media):
    from motcua.documents.errors import IntegrityFailure

    from .steps import online, with_result

    dossier = with_result(world, online(world))
    result = dossier.results.get()
    (media / result.e_copy.name).write_bytes(samples.pdf() + b"% altered")
    with pytest.raises(IntegrityFailure) as refused:
        citizen_client.get(f"/ho-so-cua-toi/{dossier.code}/ket-qua/{result.pk}/")
    assert refused.value.code == "documents.checksum_mismatch"
