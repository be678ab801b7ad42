"""Writes of the search app: keeping the index in step with the catalog.

Hook: the catalog calls `reindex(version_ids=[...])` (or `reindex_on_commit`) after it imports or
publishes versions; `motcua search reindex` rebuilds everything. A version whose window starts later
enters the index at the next full reindex (run it daily, e.g. from cron or Celery beat).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from motcua.catalog.selectors import searchable_versions

from . import embeddings
from .models import ProcedureSearchDocument
from .text import document_text

_COMPARED = (
    "version_id",
    "code",
    "name",
    "field_name",
    "levels",
    "valid_to",
    "name_folded",
    "field_folded",
    "documents_folded",
    "passage_hash",
)


@dataclass(frozen=True)
class ReindexReport:
    indexed: int  # documents in the index for the versions considered
    created: int
    updated: int
    deleted: int
    embedded: int  # passages the model had to embed (not found in the database or the shipped file)


def reindex(
    version_ids: Iterable[int] | None = None, *, progress: Callable[[int, int], None] | None = None
) -> ReindexReport:
    """Index the versions in force (all of them, or those of the procedures of `version_ids`)."""
    versions = searchable_versions()
    wanted = None
    if version_ids is not None:
        wanted = sorted(set(version_ids))
        versions = versions.filter(procedure__versions__id__in=wanted).distinct()
    fresh = {doc.procedure_id: doc for doc in (_document_for(version) for version in versions)}

    stored = ProcedureSearchDocument.objects.all()
    if wanted is not None:
        stored = stored.filter(procedure_id__in=list(fresh)) | stored.filter(version_id__in=wanted)
    existing = {doc.procedure_id: doc for doc in stored}
    embedded = _attach_vectors(fresh.values(), existing, progress)

    created = [doc for pid, doc in fresh.items() if pid not in existing]
    updated = []
    for pid, doc in fresh.items():
        old = existing.get(pid)
        if old is not None and _differs(old, doc):
            doc.pk = old.pk
            updated.append(doc)
    gone = [doc.pk for pid, doc in existing.items() if pid not in fresh]
    with transaction.atomic():
        ProcedureSearchDocument.objects.filter(pk__in=gone).delete()
        ProcedureSearchDocument.objects.bulk_create(created, batch_size=500)
        if updated:
            ProcedureSearchDocument.objects.bulk_update(updated, [*_COMPARED, "embedding"], batch_size=500)
            # bulk_update bypasses auto_now; touch the rows so the vector cache reloads.
            ProcedureSearchDocument.objects.filter(pk__in=[doc.pk for doc in updated]).update(
                indexed_at=timezone.now()
            )
    return ReindexReport(len(fresh), len(created), len(updated), len(gone), embedded)


def reindex_on_commit(version_ids: Iterable[int] | None = None) -> None:
    """For catalog services: reindex these versions (None: all) once the transaction commits."""
    ids = None if version_ids is None else list(version_ids)
    transaction.on_commit(lambda: reindex(ids))


def export_shipped_embeddings(path: Path | None = None) -> int:
    """Write the vectors of the current index to the file shipped with the package."""
    rows = ProcedureSearchDocument.objects.filter(embedding__isnull=False).values_list(
        "code", "passage_hash", "embedding"
    )
    items = [(code, digest, bytes(blob)) for code, digest, blob in rows.iterator(chunk_size=1000)]
    return embeddings.write_shipped(items, path or embeddings.SHIPPED_PATH)


def _document_for(version) -> ProcedureSearchDocument:
    field_name = version.field.name if version.field_id else ""
    passage = embeddings.passage_text(version.name, field_name)
    return ProcedureSearchDocument(
        procedure_id=version.procedure_id,
        version_id=version.pk,
        code=version.procedure.code,
        name=" ".join(version.name.split()),
        field_name=field_name,
        levels=",".join(version.levels),
        valid_to=version.valid_to,
        name_folded=document_text(version.name),
        field_folded=document_text(field_name),
        documents_folded=document_text(*(document.name for document in version.documents.all())),
        passage_hash=embeddings.passage_hash(passage),
    )


def _attach_vectors(docs, existing, progress) -> int:
    """Reuse a stored or shipped vector when the passage is unchanged; embed the others in batches."""
    shipped = embeddings.shipped_vectors()
    by_hash = {doc.passage_hash: doc.embedding for doc in existing.values() if doc.embedding}
    missing = []
    for doc in docs:
        blob = by_hash.get(doc.passage_hash) or shipped.get(doc.passage_hash)
        if blob:
            doc.embedding = bytes(blob)
        else:
            missing.append(doc)
    if missing:
        texts = [embeddings.passage_text(doc.name, doc.field_name) for doc in missing]
        vectors = embeddings.embed_passages(texts, progress=progress)
        for doc, vector in zip(missing, vectors, strict=True):
            doc.embedding = embeddings.to_bytes(vector)
    return len(missing)


def _differs(old: ProcedureSearchDocument, new: ProcedureSearchDocument) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in _COMPARED) or not old.embedding
