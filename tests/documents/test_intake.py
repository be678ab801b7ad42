"""Use cases that own their transaction (ADR 0032): a dossier change and its files, one call. A failure
after files were written leaves neither a dossier change nor a file on storage."""

import pytest
from django.core.files.base import ContentFile

from motcua.documents import intake
from motcua.documents.errors import FileRejected
from motcua.documents.models import Document, DossierDocument
from motcua.dossiers.errors import VersionConflict
from motcua.dossiers.models import Dossier, IdempotencyRecord
from tests.dossiers.factories import at, person
from tests.portal.citizen.steps import online, supplement_requested

from . import samples
from .conftest import stored_files

pytestmark = pytest.mark.django_db(transaction=True)  # the use case's own transaction is the outermost


def pdf(name="scan.pdf"):
    return ContentFile(samples.pdf(), name=name)


def receive(world, scans, **extra):
    proc = world.birth
    return intake.receive_at_counter(
        officer=world.officer,
        scans=scans,
        place=world.point_ba_dinh,
        procedure=proc,
        case=world.case(proc, 0),
        provided=world.documents(proc, 0),
        applicant=person(),
        at=at("2026-03-02 09:00"),
        **extra,
    )


def test_counter_reception_stores_its_scans_with_the_dossier(world, media):
    first, second = world.documents(world.birth, 0)[:2]
    dossier = receive(world, {first: pdf("to-khai.pdf"), second: pdf("giay-cn.pdf")})
    links = DossierDocument.objects.filter(dossier=dossier)
    assert {link.required_document_id for link in links} == {first, second}
    assert all(link.document.digitised for link in links)
    assert len(stored_files(media)) == 2


def test_a_retry_with_the_same_key_returns_the_dossier_and_stores_no_scan_twice(world, media):
    """The answer was lost (a killed worker, a cut connection) and the officer's browser sends again."""
    first = world.documents(world.birth, 0)[0]
    dossier = receive(world, {first: pdf("to-khai.pdf")}, idempotency_key="quay-2")
    again = receive(world, {first: pdf("to-khai.pdf")}, idempotency_key="quay-2")
    assert again.pk == dossier.pk and Dossier.objects.count() == 1
    assert DossierDocument.objects.filter(dossier=dossier).count() == 1 and Document.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_a_rejected_scan_after_a_stored_one_leaves_no_dossier_and_no_file(world, media):
    first, second = world.documents(world.birth, 0)[:2]
    scans = {first: pdf("to-khai.pdf"), second: ContentFile(samples.windows_exe(), name="virus.pdf")}
    with pytest.raises(FileRejected) as caught:
        receive(world, scans, idempotency_key="quay-1")
    assert caught.value.details["file"] == "virus.pdf"
    assert not Dossier.objects.exists() and not IdempotencyRecord.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(media) == []  # the first scan was written, then removed with the rollback


def test_a_stale_supplement_after_its_files_are_stored_changes_nothing(world, media):
    dossier = supplement_requested(world, online(world))
    with pytest.raises(VersionConflict):
        intake.receive_supplement(
            dossier, actor=world.citizen, version=dossier.version - 1, uploads={0: pdf(), 1: pdf()}
        )
    assert Dossier.objects.get(pk=dossier.pk).status == "supplement_requested"
    assert not DossierDocument.objects.filter(dossier=dossier).exists()
    assert stored_files(media) == []


def test_a_supplement_is_all_or_nothing_and_names_every_item_wrong(world, media):
    dossier = supplement_requested(world, online(world))
    with pytest.raises(intake.SupplementIncomplete) as caught:
        intake.receive_supplement(
            dossier, actor=world.citizen, version=dossier.version, uploads={0: pdf(), 2: pdf()}
        )
    assert list(caught.value.details) == [1]  # item 1 has no file; index 2 was never asked
    assert stored_files(media) == [] and not Document.objects.exists()
    back = intake.receive_supplement(
        dossier, actor=world.citizen, version=dossier.version, uploads={0: pdf(), 1: pdf()}, note="Đủ"
    )
    assert back.status == "in_progress" and len(stored_files(media)) == 2


def test_online_submission_attaches_its_papers_and_rolls_back_with_the_caller_s_step(world, media):
    from motcua.documents import services

    required = world.documents(world.birth, 0)
    papers = {
        pk: services.store_document(
            content=samples.pdf(), filename="a.pdf", name="Giấy", actor=world.citizen
        ).pk
        for pk in required
    }
    submission = {
        "user": world.citizen,
        "papers": papers,
        "procedure": world.birth,
        "province": world.province,
        "case": world.case(world.birth, 0),
        "provided": required,
        "applicant": person(),
        "idempotency_key": "nhap-1",
    }

    def failing(dossier):
        raise RuntimeError("the draft could not be marked")

    with pytest.raises(RuntimeError):
        intake.submit_online(**submission, then=failing)
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
    marked = []
    dossier = intake.submit_online(**submission, then=marked.append)
    assert marked == [dossier]
    assert set(DossierDocument.objects.filter(dossier=dossier).values_list("document_id", flat=True)) == set(
        papers.values()
    )
    again = intake.submit_online(**submission)  # a replay: the same dossier, nothing attached twice
    assert again.pk == dossier.pk and DossierDocument.objects.filter(dossier=dossier).count() == len(papers)
