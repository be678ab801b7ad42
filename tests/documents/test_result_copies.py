"""The electronic copy of an issued result: a PDF checked by its bytes, stored with its SHA-256 in the
transaction that records the result, and never left behind as an orphan file when that use case fails."""

import hashlib

import pytest
from django.core.signals import request_finished
from django.db import transaction
from django.utils import timezone

from motcua.documents import selectors, services
from motcua.documents.errors import FileRejected
from motcua.documents.models import Document, Source
from motcua.dossiers.models import Result

from . import samples
from .conftest import AN, stored_files

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def new_result(place):
    dossier = place.dossier(place.birth)
    return Result.objects.create(
        dossier=dossier, kind="approved", title="Giấy khai sinh", issued_at=timezone.now()
    )


def test_the_copy_is_stored_with_its_checksum_and_is_the_applicant_s_paper(place, media):
    pdf = samples.pdf()
    with transaction.atomic():
        result = new_result(place)
        stored = services.store_result_copy(result=result, content=pdf, filename="C:\\ky so\\khai-sinh.pdf")
    result.refresh_from_db()
    assert (stored.source, stored.kind, stored.mime_type, stored.owner_id_number) == (
        Source.RESULT,
        "pdf",
        "application/pdf",
        AN,
    )
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest() and stored.original_filename == "khai-sinh.pdf"
    assert result.e_copy.name == stored.storage_name and stored_files(media) == [stored.storage_name]
    assert selectors.read_content(selectors.result_document(result)) == pdf


@pytest.mark.parametrize("sample", ["docx", "png"])
def test_only_a_pdf_is_a_result_copy(place, media, sample):
    content = samples.docx() if sample == "docx" else samples.image("PNG")
    with pytest.raises(FileRejected) as refused, transaction.atomic():
        services.store_result_copy(result=new_result(place), content=content, filename=f"ket-qua.{sample}")
    assert refused.value.code == "documents.type_not_allowed"
    assert refused.value.message == "Bản điện tử của kết quả phải là tệp PDF (bản đã ký số)."
    assert stored_files(media) == [] and not Result.objects.exists()


def test_a_use_case_failing_after_the_copy_is_written_leaves_no_file_once_the_request_ends(place, media):
    with pytest.raises(Boom), transaction.atomic():
        services.store_result_copy(result=new_result(place), content=samples.pdf(), filename="ks.pdf")
        assert len(stored_files(media)) == 1  # written, waiting for the transaction
        raise Boom("the tracking line could not be written")
    request_finished.send(sender=None)
    assert stored_files(media) == [] and not Document.objects.exists() and not Result.objects.exists()


def test_a_failing_row_removes_the_file_at_once(place, media, monkeypatch):
    def refused_row(*args, **kwargs):
        raise Boom("database refused the row")

    monkeypatch.setattr(Document.objects, "create", refused_row)
    with pytest.raises(Boom), transaction.atomic():
        services.store_result_copy(result=new_result(place), content=samples.pdf(), filename="ks.pdf")
    assert stored_files(media) == []


def test_an_issued_result_is_offered_again_but_a_refusal_notice_never(place, media):
    with transaction.atomic():
        approved = new_result(place)
        services.store_result_copy(result=approved, content=samples.pdf(), filename="ks.pdf")
        refusal = Result.objects.create(
            dossier=place.dossier(place.birth),
            kind="refused",
            title="Giấy khai sinh",
            issued_at=timezone.now(),
        )
        services.store_result_copy(result=refusal, content=samples.pdf(), filename="tu-choi.pdf")
    offered = selectors.reusable_documents(AN, "Bản sao Giấy khai sinh")
    assert [o.document.result_id for o in offered] == [approved.pk]
