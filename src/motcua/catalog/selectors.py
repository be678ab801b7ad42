"""Reads of the catalog. Other apps (search, dossiers, portal) read through these functions only."""

from datetime import date

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .errors import ProcedureNotFound, VersionNotFound
from .models import Field, Procedure, ProcedureVersion, RequiredDocument


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


def get_procedure(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        raise ProcedureNotFound(code)
    return procedure


DETAIL_PREFETCH = ("channel_terms", "cases", "documents", "notes", "results", "legal_bases", "process_steps")


def get_version(code: str, number: int) -> ProcedureVersion:
    version = (
        ProcedureVersion.objects.filter(procedure__code=code, number=number)
        .select_related("procedure", "field")
        .prefetch_related(*DETAIL_PREFETCH)
        .first()
    )
    if version is None:
        get_procedure(code)
        raise VersionNotFound(code, number)
    return version


def current_version(procedure, on: date | None = None) -> ProcedureVersion | None:
    return (
        current_versions(on)
        .filter(procedure=procedure)
        .select_related("procedure", "field")
        .prefetch_related(*DETAIL_PREFETCH)
        .first()
    )


def versions_of(procedure) -> QuerySet[ProcedureVersion]:
    return procedure.versions.select_related("procedure").order_by("number")


LEVEL_FLAGS = {
    "ministry": "at_ministry",
    "province": "at_province",
    "commune": "at_commune",
    "other": "at_other",
}


def procedure_list(
    *,
    field: int | None = None,
    level: str | None = None,
    province: str | None = None,
    q: str | None = None,
    needs_review: bool | None = None,
    on: date | None = None,
) -> QuerySet[ProcedureVersion]:
    """Procedures in force (their current version), filtered; `province` = adopted and active there."""
    versions = current_versions(on).select_related("procedure", "field")
    if field:
        versions = versions.filter(field_id=field)
    if level:
        versions = versions.filter(**{LEVEL_FLAGS[level]: True})
    if province:
        versions = versions.filter(
            procedure__adoptions__province__code=province,
            procedure__adoptions__province__valid_to__isnull=True,
            procedure__adoptions__active=True,
        )
    if q:
        versions = versions.filter(models.Q(name__icontains=q) | models.Q(procedure__code__startswith=q))
    if needs_review is not None:
        versions = versions.filter(needs_review=needs_review)
    return versions.order_by("procedure__code")


def fields_list() -> QuerySet[Field]:
    return Field.objects.order_by("name")


def current_version_of(code: str, on: date | None = None) -> ProcedureVersion:
    """The published version of `code` in force on `on` (default today), with its content prefetched."""
    version = (
        current_versions(on)
        .filter(procedure__code=code)
        .select_related("procedure", "field")
        .prefetch_related(*DETAIL_PREFETCH)
        .first()
    )
    if version is None:
        get_procedure(code)
        raise VersionNotFound(code, 0)
    return version


def reception_json(version: ProcedureVersion) -> dict:
    """A version as the reception uses it: the `catalog show --json` shape (ADR 0022)."""
    from .content import version_content
    from .shape import show_json

    return show_json(
        version.procedure.code,
        version_content(version),
        version=version.number,
        valid_from=version.valid_from and version.valid_from.isoformat(),
        valid_to=version.valid_to and version.valid_to.isoformat(),
        sources=version.sources,
    )


def term_on(version: ProcedureVersion, channel: str, day: date):
    """The version's term for `channel` that applies to a dossier submitted on `day`: the first row (in
    order) whose validity window holds the day; a row without a window holds every day (ADR 0022)."""
    for term in sorted(version.channel_terms.all(), key=lambda t: t.position):
        if term.channel == channel and term.applies_on(day):
            return term
    return None
