"""The result's electronic copy through the API: a PDF sent as multipart is stored with its checksum in
the same call that issues the result; anything else is refused with a stable code and nothing changes;
a fee is recorded once."""

import hashlib

import pytest

from motcua.documents.models import Document
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Result
from tests.documents import samples
from tests.dossiers.conftest import receive

from .conftest import client_for, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def approved(world):
    dossier = services.assign(receive(world), actor=world.leader, version=1, assignee=world.specialist)
    return services.approve(dossier, actor=world.leader, version=2)


def issue(world, dossier, content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = {
        "version": dossier.version,
        "title": "Giấy khai sinh",
        "e_copy": SimpleUploadedFile(name, content),
    }
    return client_for(world.leader).post(url(dossier.code, "/actions/issue-result"), body, format="multipart")


def test_a_pdf_sent_as_multipart_is_the_result_s_copy(world):
    dossier, pdf = approved(world), samples.pdf()
    response = issue(world, dossier, pdf, "khai-sinh.pdf")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "result_ready"
    stored = Document.objects.get(result=Result.objects.get(dossier=dossier))
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()


def test_a_word_file_is_refused_with_a_stable_code_and_nothing_changes(world, media):
    dossier = approved(world)
    response = issue(world, dossier, samples.docx(), "khai-sinh.docx")
    assert response.status_code == 400
    assert response.json()["code"] == "documents.type_not_allowed"
    assert Dossier.objects.get(pk=dossier.pk).status == "approved" and not Result.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_second_recording_of_a_paid_fee_is_a_conflict(world):
    dossier = receive(world, world.licence)
    client = client_for(world.officer)
    paid = client.post(
        url(dossier.code, "/actions/record-payment"),
        {"version": 1, "payment": dossier.payments.get().pk, "method": "cash"},
        format="json",
    )
    assert paid.status_code == 200, paid.content
    again = client.post(
        url(dossier.code, "/actions/record-payment"), {"version": 2, "amount": 100_000}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "dossier.fees_already_paid"
