"""Reuse: a paper or a result the same person already has in the system is attached to a new dossier
instead of being asked for again — same file, a new link row, recorded as reused."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.documents import selectors, services
from motcua.documents.errors import AlreadyAttached, IntegrityFailure, InvalidOwner, NotReusable
from motcua.documents.models import Document, DossierDocument
from motcua.dossiers.models import Result

from . import samples
from .conftest import AN, BINH, stored_files


@pytest.fixture
def earlier(place):
    """An's birth registration last month: the marriage certificate of his parents was scanned."""
    dossier = place.dossier(place.birth)
    certificate = services.store_document(
        content=samples.pdf(),
        filename="gcn-ket-hon.pdf",
        name=place.required(place.birth, 1).name,  # "Bản sao Giấy chứng nhận kết hôn của cha, mẹ"
        actor=place.officer,
        dossier=dossier,
        required_document=place.required(place.birth, 1),
        digitised=True,
    )
    return dossier, certificate


def test_a_scanned_paper_is_offered_for_the_same_required_document_in_a_new_dossier(place, earlier):
    old_dossier, certificate = earlier
    place.dossier(place.birth)  # a second child: the same procedure, the same paper asked for
    found = selectors.reusable_documents(AN, place.required(place.birth, 1))
    assert [c.document for c in found] == [certificate]
    assert found[0].from_dossier_code == old_dossier.code
    assert found[0].digitised
    assert selectors.reusable_documents(AN, place.required(place.birth, 0)) == []  # the form is new each time


def test_attaching_reuses_the_file_without_copying(place, earlier, media):
    _, certificate = earlier
    new_dossier = place.dossier(place.birth)
    files_before = stored_files(media)

    link = services.attach_existing(
        dossier=new_dossier,
        document=certificate,
        required_document=place.required(place.birth, 1),
        actor=place.officer,
    )

    assert (link.dossier, link.document, link.reused, link.attached_by) == (
        new_dossier,
        certificate,
        True,
        place.officer,
    )
    assert Document.objects.count() == 1
    assert stored_files(media) == files_before
    assert [a.document.storage_name for a in selectors.dossier_documents(new_dossier)] == [
        certificate.storage_name
    ]
    assert DossierDocument.objects.filter(reused=True).count() == 1  # what the index counts


def test_another_persons_papers_are_neither_offered_nor_attachable(place, earlier):
    _, certificate = earlier
    other = place.dossier(place.birth, id_number=BINH, name="Trần Thị Bình")
    assert selectors.reusable_documents(BINH, place.required(place.birth, 1)) == []
    with pytest.raises(NotReusable) as caught:
        services.attach_existing(dossier=other, document=certificate)
    assert caught.value.code == "documents.not_reusable"
    assert caught.value.http_status == 403


def test_a_paper_is_attached_to_a_dossier_once(place, earlier):
    _, certificate = earlier
    dossier = place.dossier(place.birth)
    services.attach_existing(dossier=dossier, document=certificate)
    with pytest.raises(AlreadyAttached):
        services.attach_existing(dossier=dossier, document=certificate)
    assert selectors.reusable_documents(AN, place.required(place.birth, 1), exclude_dossier=dossier) == []


def test_a_paper_whose_bytes_changed_is_not_reused(place, earlier, media):
    _, certificate = earlier
    (media / certificate.storage_name).write_bytes(b"%PDF-1.4 something else")
    with pytest.raises(IntegrityFailure):
        services.attach_existing(dossier=place.dossier(place.birth), document=certificate)
    assert DossierDocument.objects.filter(reused=True).count() == 0


def test_a_paper_matches_a_differently_worded_requirement_of_another_procedure(place):
    """A birth certificate uploaded once ("Giấy khai sinh") stands for "Giấy khai sinh (bản sao)"."""
    services.store_document(
        content=samples.image("JPEG"), filename="khai-sinh.jpg", name="Giấy khai sinh", owner_id_number=AN
    )
    found = selectors.reusable_documents(AN, place.required(place.marriage, 1))
    assert [c.name for c in found] == ["Giấy khai sinh"]


def test_an_issued_result_is_offered_and_attached_without_copying(place, media):
    """An's birth registration ended with an electronic birth certificate; his marriage registration
    asks for a birth certificate: the result is reused."""
    old = place.dossier(place.birth)
    result = Result.objects.create(
        dossier=old, kind="approved", title="Giấy khai sinh", number="125/2025", issued_at=timezone.now()
    )
    content = samples.pdf()  # once: Pillow stamps the PDF with the current second
    result.e_copy.save("khai-sinh.pdf", ContentFile(content))
    files_before = stored_files(media)
    marriage = place.dossier(place.marriage)

    found = selectors.reusable_documents(AN, place.required(place.marriage, 1), exclude_dossier=marriage)
    assert [(c.result, c.from_dossier_code, c.is_result) for c in found] == [(result, old.code, True)]

    link = services.attach_existing(
        dossier=marriage, result=result, required_document=place.required(place.marriage, 1)
    )
    document = link.document
    assert (document.source, document.result, document.storage_name) == ("result", result, result.e_copy.name)
    assert document.owner_id_number == AN
    assert stored_files(media) == files_before
    assert selectors.read_content(document) == content
    # Recorded once: offered again as that Document, not as the raw result.
    again = selectors.reusable_documents(AN, "Giấy khai sinh")
    assert [c.document for c in again] == [document]


def test_a_refusal_notice_is_not_a_reusable_result(place):
    old = place.dossier(place.birth)
    refusal = Result.objects.create(
        dossier=old, kind="refused", title="Giấy khai sinh", issued_at=timezone.now()
    )
    refusal.e_copy.save("tu-choi.pdf", ContentFile(samples.pdf()))
    assert selectors.reusable_documents(AN, "Giấy khai sinh") == []
    with pytest.raises(NotReusable):
        services.attach_existing(dossier=place.dossier(place.marriage), result=refusal)


def test_an_organisation_reuses_by_tax_code(place):
    tax_code = "0100109106"
    old = place.dossier(place.birth, id_number=tax_code, name="Công ty TNHH Đông Á", kind="organisation")
    doc = services.store_document(
        content=samples.pdf(), filename="dieu-le.pdf", name="Giấy khai sinh", dossier=old
    )
    assert doc.owner_id_number == tax_code
    new = place.dossier(place.marriage, id_number=tax_code, name="Công ty TNHH Đông Á", kind="organisation")
    assert services.attach_existing(dossier=new, document=doc).reused


def test_identical_bytes_are_offered_once(place):
    for name in ("Giấy khai sinh", "Giấy khai sinh"):
        services.store_document(content=samples.pdf(), filename="ks.pdf", name=name, owner_id_number=AN)
    assert len(selectors.reusable_documents(AN, "Bản sao Giấy khai sinh")) == 1


def test_a_malformed_number_is_refused(place):
    with pytest.raises(InvalidOwner):
        selectors.reusable_documents("12-34", "Giấy khai sinh")
