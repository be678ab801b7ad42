"""Writes of documents: one function per use case, each one transaction.

- store_document: a file uploaded online or scanned at the counter (digitised), checked by its bytes,
  stored, checksummed, and attached to a dossier when one is given;
- store_result_copy: the electronic copy of an issued result (a PDF), checked and stored the same way,
  inside the dossier service that records the result (one use case, one transaction);
- attach_existing: a paper or an issued result the applicant already has in the system, attached to a
  new dossier without asking for it again (same file, a new link row marked `reused`).
"""

from __future__ import annotations

import hashlib
import io
import logging
from datetime import datetime
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import conf, files, matching, sniffing
from .errors import AlreadyAttached, FileRejected, NotReusable, StorageFailed
from .models import Document, DossierDocument, Source
from .owners import applicant_key, owner_key
from .selectors import read_content

logger = logging.getLogger(__name__)


def _as_stream(content) -> BinaryIO:
    if isinstance(content, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(content))
    if hasattr(content, "open") and getattr(content, "closed", False):
        content.open("rb")
    return content


def _size(stream: BinaryIO) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def store_document(
    *,
    content,
    filename: str,
    name: str,
    owner_id_number: str = "",
    actor=None,
    dossier=None,
    required_document=None,
    digitised: bool = False,
    now: datetime | None = None,
    then=None,
) -> Document:
    """Check, store and record one file. `digitised`: paper scanned at reception by `actor`. `then(document)`
    runs in the same transaction (a caller's own row pointing at the file: both or neither).

    The owner is the given ID number, else the dossier's applicant. Raises FileRejected (codes
    documents.empty / too_large / type_not_allowed / extension_mismatch), InvalidOwner, StorageFailed.
    """
    files.discard_rolled_back()
    now = now or timezone.now()
    stream, size, verdict = _checked(content, filename, conf.allowed_kinds())
    owner = owner_key(owner_id_number) if owner_id_number else (applicant_key(dossier) if dossier else "")
    digest = files.sha256_of(stream)
    user = actor if getattr(actor, "pk", None) else None

    with transaction.atomic():
        try:
            stored = files.write(stream, files.new_name(verdict.kind.extension, now))
        except Exception as exc:
            logger.exception("storage write failed")
            raise StorageFailed() from exc
        try:
            document = Document.objects.create(
                owner_id_number=owner,
                name=name.strip(),
                name_key=matching.key(name)[:255],
                source=Source.SCAN if digitised else Source.UPLOAD,
                source_dossier=dossier,
                storage_name=stored,
                original_filename=filename.replace("\\", "/").rsplit("/", 1)[-1][:255],
                kind=verdict.kind.kind,
                mime_type=verdict.kind.mime,
                size=size,
                sha256=digest,
                digitised=digitised,
                digitised_by=user if digitised else None,
                digitised_at=now if digitised else None,
                uploaded_by=user,
            )
            if dossier is not None:
                DossierDocument.objects.create(
                    dossier=dossier, document=document, required_document=required_document, attached_by=user
                )
            if then is not None:
                then(document)
        except BaseException:
            files.delete_now(stored)
            raise
    return document


def _checked(content, filename: str, allowed: frozenset[str], *, only_pdf: bool = False):
    """(stream, size, verdict) of a file accepted by its bytes; FileRejected otherwise."""
    stream = _as_stream(content)
    size = _size(stream)
    try:
        verdict = sniffing.inspect(
            stream, filename=filename, size=size, max_size=conf.max_bytes(), allowed=allowed
        )
    except sniffing.Rejected as rejected:
        raise FileRejected(rejected, only_pdf=only_pdf) from None
    return stream, size, verdict


RESULT_KINDS = frozenset({"pdf"})  # an issued result is a PDF (the signed electronic copy)


def store_result_copy(*, result, content, filename: str, actor=None, now: datetime | None = None) -> Document:
    """Check, store and record the electronic copy of `result` (Decree 45/2020, Art. 21), in the caller's
    transaction: `dossiers.services.issue_result` / `refuse` call it after creating the result row, so a
    failure anywhere rolls back both and the written file is removed (see files.py). The result's
    `e_copy` names the same file; the Document row carries its kind, size and SHA-256, and is the paper
    the applicant may reuse later (approved results only, see attach_existing)."""
    files.discard_rolled_back()
    now = now or timezone.now()
    stream, size, verdict = _checked(content, filename, RESULT_KINDS & conf.allowed_kinds(), only_pdf=True)
    digest = files.sha256_of(stream)
    dossier = result.dossier
    try:
        stored = files.write(stream, files.new_name(verdict.kind.extension, now))
    except Exception as exc:
        logger.exception("storage write failed")
        raise StorageFailed() from exc
    try:
        with transaction.atomic():
            document = Document.objects.create(
                owner_id_number=applicant_key(dossier),
                name=result.title,
                name_key=matching.key(result.title)[:255],
                source=Source.RESULT,
                source_dossier=dossier,
                result=result,
                storage_name=stored,
                original_filename=filename.replace("\\", "/").rsplit("/", 1)[-1][:255],
                kind=verdict.kind.kind,
                mime_type=verdict.kind.mime,
                size=size,
                sha256=digest,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
            )
            result.e_copy.name = stored
            result.save(update_fields=["e_copy"])
    except BaseException:
        files.delete_now(stored)
        raise
    return document


def _document_for_result(result) -> Document:
    """The issued result's electronic copy as a Document, recorded once, its file shared (not copied)."""
    existing = Document.objects.filter(result=result).first()
    if existing is not None:
        return existing
    if not result.e_copy:
        raise NotReusable()
    storage = conf.storage()
    with storage.open(result.e_copy.name, "rb") as handle:
        data = handle.read()
    kind = sniffing.KINDS.get(_detect_or_none(data))
    if kind is None or result.kind != "approved":
        raise NotReusable()
    return Document.objects.create(
        owner_id_number=applicant_key(result.dossier),
        name=result.title,
        name_key=matching.key(result.title)[:255],
        source=Source.RESULT,
        source_dossier=result.dossier,
        result=result,
        storage_name=result.e_copy.name,
        original_filename=result.e_copy.name.rsplit("/", 1)[-1][:255],
        kind=kind.kind,
        mime_type=kind.mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _detect_or_none(data: bytes) -> str | None:
    try:
        return sniffing.detect(data[: sniffing.HEAD_BYTES], io.BytesIO(data))
    except sniffing.Rejected:
        return None


@transaction.atomic
def attach_existing(
    *, dossier, document: Document | None = None, result=None, required_document=None, actor=None
) -> DossierDocument:
    """Attach a paper (or an issued result) the applicant already has to `dossier`, without copying.

    Only the applicant's own papers qualify (same personal ID / tax code); the file must still match its
    checksum. Raises NotReusable, AlreadyAttached, IntegrityFailure.
    """
    if (document is None) == (result is None):
        raise ValueError("give either a document or a result")
    if result is not None:
        document = _document_for_result(result)
    owner = applicant_key(dossier)
    if not owner or document.owner_id_number != owner:
        raise NotReusable()
    read_content(document)  # never reuse bytes that are no longer the ones received
    try:
        with transaction.atomic():
            link = DossierDocument.objects.create(
                dossier=dossier,
                document=document,
                required_document=required_document,
                reused=True,
                attached_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        raise AlreadyAttached(dossier.code) from None
    logger.info("document %s reused in dossier %s", document.pk, dossier.code)
    return link
