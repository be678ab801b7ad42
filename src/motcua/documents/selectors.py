"""Reads of documents: what a person can reuse, what a dossier holds, and verified bytes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from . import files, matching
from .errors import IntegrityFailure
from .models import Document, DossierDocument
from .owners import owner_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reusable:
    """A candidate for attach_existing: a stored Document, or an issued Result not yet recorded as one."""

    name: str
    stored_at: datetime
    from_dossier_code: str
    digitised: bool
    document: Document | None = None
    result: object | None = None  # dossiers.Result

    @property
    def is_result(self) -> bool:
        return self.result is not None or (self.document is not None and self.document.source == "result")


def _required_name(required_document) -> tuple[str, int | None]:
    if isinstance(required_document, str):
        return required_document, None
    return required_document.name, required_document.pk


def reusable_documents(
    applicant_id_number: str, required_document, *, exclude_dossier=None
) -> list[Reusable]:
    """The applicant's stored papers and issued results that can stand for `required_document`
    (a catalog.RequiredDocument or a name), newest first, one per distinct content.

    Matching: the same required document used before, or the names' keys (matching.py). Raises
    InvalidOwner for a malformed ID number."""
    from motcua.dossiers.models import Result

    owner = owner_key(applicant_id_number)
    wanted, wanted_id = _required_name(required_document)

    documents = (
        Document.objects.filter(owner_id_number=owner)
        .exclude(result__kind="refused")  # a refusal notice stands for no paper
        .select_related("source_dossier")
    )
    if exclude_dossier is not None:
        documents = documents.exclude(uses__dossier=exclude_dossier)
    used_for = set()
    if wanted_id is not None:
        used_for = set(
            DossierDocument.objects.filter(
                document__owner_id_number=owner, required_document_id=wanted_id
            ).values_list("document_id", flat=True)
        )
    found: list[Reusable] = []
    for doc in documents:
        if doc.pk in used_for or matching.matches(doc.name, wanted):
            found.append(
                Reusable(
                    name=doc.name,
                    stored_at=doc.created_at,
                    from_dossier_code=doc.source_dossier.code if doc.source_dossier else "",
                    digitised=doc.digitised,
                    document=doc,
                )
            )

    results = (
        Result.objects.filter(Q(dossier__applicant__id_number=owner) | Q(dossier__applicant__tax_code=owner))
        .filter(kind="approved")
        .exclude(e_copy="")
        .exclude(pk__in=Document.objects.filter(result__isnull=False).values("result_id"))
        .select_related("dossier")
    )
    if exclude_dossier is not None:
        results = results.exclude(dossier=exclude_dossier)
    for result in results:
        if matching.matches(result.title, wanted):
            found.append(
                Reusable(
                    name=result.title,
                    stored_at=result.issued_at,
                    from_dossier_code=result.dossier.code,
                    digitised=False,
                    result=result,
                )
            )

    found.sort(key=lambda r: r.stored_at, reverse=True)
    seen: set[str] = set()
    unique = []
    for candidate in found:
        digest = candidate.document.sha256 if candidate.document else f"result:{candidate.result.pk}"
        if digest not in seen:
            seen.add(digest)
            unique.append(candidate)
    return unique


def dossier_documents(dossier) -> QuerySet[DossierDocument]:
    return (
        DossierDocument.objects.filter(dossier=dossier)
        .select_related("document", "required_document", "document__source_dossier")
        .order_by("attached_at", "id")
    )


def read_content(document: Document) -> bytes:
    """The document's bytes, after proving they are the ones received (SHA-256). Raises
    IntegrityFailure (documents.checksum_mismatch / documents.file_missing) rather than serve others."""
    try:
        data = files.read_verified(document.storage_name, document.sha256)
    except FileNotFoundError:
        logger.error("document %s: file %s missing", document.pk, document.storage_name)
        raise IntegrityFailure("documents.file_missing", document.name) from None
    if data is None:
        logger.error("document %s: checksum mismatch on %s", document.pk, document.storage_name)
        raise IntegrityFailure("documents.checksum_mismatch", document.name)
    return data


def result_document(result) -> Document | None:
    """The stored electronic copy of an issued result (kind, size, SHA-256), if it was stored as one."""
    return Document.objects.filter(result=result).first()


def receipt_notes(dossier) -> dict[int, str]:
    """Per required document: whether its paper was reused from the system or digitised here."""
    notes: dict[int, str] = {}
    for link in DossierDocument.objects.filter(
        dossier=dossier, required_document__isnull=False
    ).select_related("document"):
        if link.reused:
            notes[link.required_document_id] = "Tái sử dụng bản điện tử"
        elif link.document.digitised:
            notes.setdefault(link.required_document_id, "Đã số hóa")
    return notes
