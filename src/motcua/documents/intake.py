"""Use cases where a dossier change and its files belong together: one call, one transaction (ADR 0032).

- receive_at_counter: the dossier of form 01 and the papers scanned at the counter;
- receive_supplement: the files the citizen sends for each item asked, and the clock restarting;
- submit_online: an online dossier and the papers already uploaded to its draft.

They live here, above the dossier engine, because the documents app sits above dossiers (it links its
rows to dossiers; the engine does not know about files). A failure at any point rolls back the dossier
change and the rows; the files written meanwhile are removed when the transaction is over (files.py),
so neither a half-received dossier nor an orphan file is left. Pages and the API only call these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers import services as dossiers
from motcua.dossiers.choices import Status

from . import files, selectors
from .errors import FileRejected
from .models import DossierDocument
from .services import store_document


class SupplementIncomplete(DomainError):
    """Something is wrong with the supplement (`details`: item index -> Vietnamese message); nothing
    was stored."""

    code = "documents.supplement_incomplete"

    def __init__(self, problems: dict[int, str]):
        super().__init__(_("Chưa gửi được phần bổ sung: hãy xem các mục được đánh dấu."), details=problems)


@contextmanager
def _one_transaction() -> Iterator[None]:
    """transaction.atomic, and the files of a rolled-back outermost transaction removed at once."""
    try:
        with transaction.atomic():
            yield
    except BaseException:
        files.discard_rolled_back()
        raise


def receive_at_counter(*, officer, scans: Mapping[int, object] | None = None, **reception) -> object:
    """Form 01 with the scanned papers: `scans` maps a RequiredDocument id of the checklist to the file
    scanned for it (list it in `provided` too: a scanned paper was handed in). Everything else is
    dossiers.services.receive_at_counter's. FileRejected names the file in `details["file"]`. A replay
    of the same Idempotency-Key (a retry after a lost answer) returns the dossier and stores no scan
    twice: a new dossier has no document before these, a replayed one has the first request's."""
    scans = dict(scans or {})
    with _one_transaction():
        dossier = dossiers.receive_at_counter(officer=officer, **reception)
        if scans and DossierDocument.objects.filter(dossier=dossier).exists():
            return dossier
        listed = {d.pk: d for d in dossier.procedure_version.documents.all()} if scans else {}
        for pk, upload in scans.items():
            required = listed.get(pk)
            try:
                store_document(
                    content=upload,
                    filename=upload.name,
                    name=required.name if required else upload.name,
                    actor=officer,
                    dossier=dossier,
                    required_document=required,
                    digitised=True,
                )
            except FileRejected as exc:
                exc.details = {**exc.details, "file": upload.name}
                raise
    return dossier


def open_supplement(dossier):
    """The supplement request the applicant still has to answer, or None."""
    if dossier.status != Status.SUPPLEMENT_REQUESTED.value:
        return None
    return dossier.supplement_requests.order_by("-requested_at", "-pk").first()


def supplement_items(dossier, request_row) -> list[dict]:
    """Each item asked (index, text), with the file already sent for it since the request (or None)."""
    sent = {}
    for link in selectors.dossier_documents(dossier).filter(attached_at__gte=request_row.requested_at):
        sent[link.document.name] = link.document
    return [{"index": i, "text": item, "sent": sent.get(item)} for i, item in enumerate(request_row.items)]


def receive_supplement(dossier, *, actor, version: int, uploads: Mapping[int, object], note: str = ""):
    """The citizen's supplement: a file for each item asked (`uploads`: item index -> file; an item
    answered before needs none), then the clock restarts or resumes. All or nothing: a rejected file,
    an item left without a file, or a stale page leaves the dossier and the storage as they were.
    Raises SupplementIncomplete (per item), VersionConflict, InvalidTransition."""
    request_row = open_supplement(dossier)
    if request_row is None:
        return dossiers.receive_supplement(dossier, actor=actor, version=version, note=note)
    with _one_transaction():
        problems: dict[int, str] = {}
        for item in supplement_items(dossier, request_row):
            upload = uploads.get(item["index"])
            if upload is None:
                if item["sent"] is None:
                    problems[item["index"]] = _("Hãy tải lên giấy tờ cho mục này.")
                continue
            try:
                store_document(
                    content=upload, filename=upload.name, name=item["text"], actor=actor, dossier=dossier
                )
            except DomainError as exc:  # FileRejected, StorageFailed
                problems[item["index"]] = exc.message
        if problems:
            raise SupplementIncomplete(problems)
        return dossiers.receive_supplement(dossier, actor=actor, version=version, note=note)


def submit_online(*, user, papers: Mapping[int, int], then: Callable | None = None, **submission):
    """An online dossier and its papers: `papers` maps a RequiredDocument id to a Document already
    stored for it (uploaded to the draft). `then(dossier)` runs in the same transaction (the portal
    marks its draft submitted). A replay of the same Idempotency-Key returns the dossier and attaches
    nothing twice."""
    with _one_transaction():
        dossier = dossiers.submit_online(user=user, **submission)
        attached = set(DossierDocument.objects.filter(dossier=dossier).values_list("document_id", flat=True))
        for required, document in papers.items():
            if document not in attached:
                DossierDocument.objects.create(
                    dossier=dossier, document_id=document, required_document_id=required, attached_by=user
                )
        if then is not None:
            then(dossier)
    return dossier
