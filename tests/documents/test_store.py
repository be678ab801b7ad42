"""Storing a paper: checked by its bytes, sized, checksummed, digitised by whom and when, and verified
every time it is read back."""

import hashlib

import pytest
from django.utils import timezone

from motcua.documents import selectors, services
from motcua.documents.errors import FileRejected, IntegrityFailure, InvalidOwner
from motcua.documents.models import Document, DossierDocument

from . import samples
from .conftest import AN, stored_files


def test_a_scan_at_the_counter_is_stored_checksummed_and_attached(place, media):
    dossier = place.dossier(place.birth)
    tokhai = place.required(place.birth, 0)
    data = samples.pdf()
    moment = timezone.now()

    doc = services.store_document(
        content=data,
        filename="SCAN_0001.PDF",
        name=tokhai.name,
        actor=place.officer,
        dossier=dossier,
        required_document=tokhai,
        digitised=True,
        now=moment,
    )

    doc.refresh_from_db()
    assert doc.kind == "pdf" and doc.mime_type == "application/pdf"
    assert doc.size == len(data)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.owner_id_number == AN  # taken from the dossier's applicant
    assert doc.source == "scan"
    assert (doc.digitised, doc.digitised_by, doc.digitised_at) == (True, place.officer, moment)
    assert doc.original_filename == "SCAN_0001.PDF"
    assert doc.storage_name.startswith("documents/") and doc.storage_name.endswith(".pdf")
    assert "SCAN" not in doc.storage_name  # no user-chosen text in paths
    assert stored_files(media) == [doc.storage_name]
    link = DossierDocument.objects.get()
    assert (link.dossier, link.document, link.required_document, link.reused) == (dossier, doc, tokhai, False)
    assert selectors.read_content(doc) == data


def test_an_online_upload_is_not_digitised(place):
    doc = services.store_document(
        content=samples.image("JPEG"), filename="anh.jpg", name="Giấy chứng sinh", owner_id_number=AN
    )
    assert doc.source == "upload"
    assert (doc.digitised, doc.digitised_by, doc.digitised_at) == (False, None, None)


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "trong.pdf", "documents.empty"),
        (samples.windows_exe(), "to-khai.pdf", "documents.type_not_allowed"),
        (samples.html(), "to-khai.html", "documents.type_not_allowed"),
        (samples.pdf(), "anh.jpg", "documents.extension_mismatch"),
    ],
)
def test_a_refused_file_leaves_no_row_and_no_file(place, media, data, filename, code):
    with pytest.raises(FileRejected) as caught:
        services.store_document(content=data, filename=filename, name="Tờ khai", owner_id_number=AN)
    assert caught.value.code == code
    assert caught.value.message  # Vietnamese, for the person at the counter
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_refusal_messages_are_vietnamese_and_specific(place):
    with pytest.raises(FileRejected) as caught:
        services.store_document(content=samples.pdf(), filename="anh.jpg", name="Ảnh", owner_id_number=AN)
    assert caught.value.message == "Nội dung tệp là PDF nhưng tên tệp có đuôi .jpg; hãy kiểm tra lại tệp."


def test_the_size_limit_is_a_setting(place, settings):
    data = samples.pdf()
    settings.MOTCUA_DOCUMENT_MAX_BYTES = len(data) - 1
    with pytest.raises(FileRejected) as caught:
        services.store_document(content=data, filename="a.pdf", name="Tờ khai", owner_id_number=AN)
    assert caught.value.code == "documents.too_large"
    assert caught.value.details == {"size": len(data), "max_size": len(data) - 1}
    assert "dung lượng tối đa" in caught.value.message


def test_the_allowed_kinds_are_a_setting(place, settings):
    settings.MOTCUA_DOCUMENT_ALLOWED_KINDS = ["pdf"]
    with pytest.raises(FileRejected):
        services.store_document(
            content=samples.image("PNG"), filename="a.png", name="Ảnh", owner_id_number=AN
        )


@pytest.mark.parametrize("number", ["12345", "001090012345x", "0101234568"])
def test_a_malformed_owner_number_is_refused(place, number):
    with pytest.raises(InvalidOwner):
        services.store_document(
            content=samples.pdf(), filename="a.pdf", name="Tờ khai", owner_id_number=number
        )


def test_a_tax_code_with_a_branch_is_an_owner(place):
    doc = services.store_document(
        content=samples.pdf(), filename="a.pdf", name="Điều lệ công ty", owner_id_number="0100109106-001"
    )
    assert doc.owner_id_number == "0100109106001"


def test_a_django_uploaded_file_is_accepted(place):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "to-khai.docx", samples.docx(), content_type="text/html"
    )  # the claim is ignored
    doc = services.store_document(content=upload, filename=upload.name, name="Tờ khai", owner_id_number=AN)
    assert doc.kind == "docx"
    assert selectors.read_content(doc) == samples.docx()


def test_a_changed_file_is_never_served(place, media):
    doc = services.store_document(content=samples.pdf(), filename="a.pdf", name="Tờ khai", owner_id_number=AN)
    path = media / doc.storage_name
    path.write_bytes(path.read_bytes().replace(b"%PDF-", b"%PDF-", 1) + b"tampered")
    with pytest.raises(IntegrityFailure) as caught:
        selectors.read_content(doc)
    assert caught.value.code == "documents.checksum_mismatch"
    assert caught.value.http_status == 500


def test_a_missing_file_is_reported_as_such(place, media):
    doc = services.store_document(content=samples.pdf(), filename="a.pdf", name="Tờ khai", owner_id_number=AN)
    (media / doc.storage_name).unlink()
    with pytest.raises(IntegrityFailure) as caught:
        selectors.read_content(doc)
    assert caught.value.code == "documents.file_missing"
