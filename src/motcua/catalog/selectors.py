"""Reads of the catalog. Other apps (search, dossiers, portal) read through these functions only."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import ProcedureVersion, RequiredDocument


def _today() -> date:
    return timezone.localdate()


def current_versions(on: date | None = None) -> QuerySet[ProcedureVersion]:
    """Published versions in force on `on` (default today): at most one per procedure."""
    return ProcedureVersion.objects.in_force_on(on or _today())


def searchable_versions(on: date | None = None) -> QuerySet[ProcedureVersion]:
    """What search indexes: versions in force, with procedure code (`version.procedure.code`), name,
    field name (`version.field.name`, field may be None), levels (`version.levels`) and document names
    (`version.documents.all()`, prefetched, `.name`), in two queries whatever the size."""
    return (
        current_versions(on)
        .select_related("procedure", "field")
        .prefetch_related(
            Prefetch(
                "documents", queryset=RequiredDocument.objects.only("id", "version_id", "name", "position")
            )
        )
        .order_by("procedure__code")
    )
