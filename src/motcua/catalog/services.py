"""Writes to the catalog: one function per use case, each one transaction with the Procedure row locked.

Versioning rules (docs/decisions/0005-procedure-catalog.md):
- one draft at a time per procedure; drafts are edited freely;
- published and retired versions are immutable (`catalog.version_immutable`): a change is a new version;
- published windows [valid_from, valid_to) of one procedure never overlap (`catalog.version_overlap`);
  publishing a version that starts after the open-ended current one ends the current one at the new
  version's valid_from (it stays "published": it was in force during its window);
- retire ends a published version at a date (default today) and marks it retired.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .content import CHILDREN, apply_scalars, replace_children, version_content
from .errors import (
    DraftExists,
    InvalidTransition,
    InvalidWindow,
    VersionImmutable,
    VersionOverlap,
)
from .extensions import in_force_changed
from .models import CatalogAuditLog, Procedure, ProcedureVersion, ProvinceProcedure, VersionStatus


def audit(action: str, *, actor=None, procedure=None, version=None, **details) -> CatalogAuditLog:
    return CatalogAuditLog.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        procedure=procedure or (version.procedure if version else None),
        version=version,
        version_number=version.number if version else None,
        details=details,
    )


def _lock(procedure: Procedure) -> Procedure:
    """Serialise every version change of one procedure (SQLite: the write transaction does it)."""
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


def _next_number(procedure: Procedure) -> int:
    return (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def create_procedure(*, code: str, actor=None) -> Procedure:
    procedure, created = Procedure.objects.get_or_create(code=code.strip())
    if created:
        audit("create_procedure", actor=actor, procedure=procedure, code=procedure.code)
    return procedure


@transaction.atomic
def create_draft(
    *,
    procedure: Procedure,
    actor=None,
    from_version: ProcedureVersion | None = None,
    data: dict | None = None,
) -> ProcedureVersion:
    """A new draft, empty or copied from `from_version` (content only), then `data` applied."""
    procedure = _lock(procedure)
    existing = procedure.versions.filter(status=VersionStatus.DRAFT).first()
    if existing:
        raise DraftExists(existing.number)
    if from_version is not None and from_version.procedure_id != procedure.pk:
        raise InvalidTransition(_("Phiên bản nguồn không thuộc thủ tục này."))
    content = version_content(from_version) if from_version else {}
    content.update(data or {})
    if not content.get("name"):
        raise InvalidWindow(_("Bản nháp cần có tên thủ tục."), code="catalog.name_required")
    version = ProcedureVersion(procedure=procedure, number=_next_number(procedure), created_by=actor)
    apply_scalars(version, content)
    version.save()
    replace_children(
        version,
        {k: content.get(k, []) for k in CHILDREN},
    )
    audit(
        "create_draft",
        actor=actor,
        version=version,
        from_version=from_version.number if from_version else None,
    )
    return version


@transaction.atomic
def update_draft(*, version: ProcedureVersion, actor=None, data: dict) -> ProcedureVersion:
    _lock(version.procedure)
    version.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise VersionImmutable()
    apply_scalars(version, data)
    version.save()
    replace_children(version, data)
    audit("update_draft", actor=actor, version=version, fields=sorted(data))
    return version


def _check_window(valid_from: date, valid_to: date | None) -> None:
    if valid_to is not None and valid_to <= valid_from:
        raise InvalidWindow(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))


def _overlapping(procedure: Procedure, valid_from: date, valid_to: date | None, exclude_pk=None):
    """Published versions whose window intersects [valid_from, valid_to)."""
    query = procedure.versions.filter(status=VersionStatus.PUBLISHED).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from)
    )
    if valid_to is not None:
        query = query.filter(valid_from__lt=valid_to)
    return query.exclude(pk=exclude_pk).order_by("valid_from")


@transaction.atomic
def publish(
    *,
    version: ProcedureVersion,
    valid_from: date,
    valid_to: date | None = None,
    actor=None,
    decision_no: str | None = None,
    decision_date: date | None = None,
) -> ProcedureVersion:
    procedure = _lock(version.procedure)
    version.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise VersionImmutable(_("Chỉ bản nháp mới được công bố."))
    _check_window(valid_from, valid_to)
    overlapping = list(_overlapping(procedure, valid_from, valid_to, exclude_pk=version.pk))
    ended = None
    # The open-ended current version that started earlier is ended at the new start; any other
    # overlap is the administrator's to resolve.
    if overlapping and overlapping[-1].valid_to is None and overlapping[-1].valid_from < valid_from:
        ended = overlapping.pop()
    if overlapping:
        other = overlapping[0]
        raise VersionOverlap(
            procedure.code,
            other.number,
            details={
                "version": other.number,
                "valid_from": str(other.valid_from),
                "valid_to": str(other.valid_to or ""),
            },
        )
    if ended is not None:
        ended.valid_to = valid_from
        ended.save(update_fields=["valid_to", "updated_at"])
        audit(
            "end_window", actor=actor, version=ended, valid_to=str(valid_from), superseded_by=version.number
        )
    version.status = VersionStatus.PUBLISHED
    version.valid_from, version.valid_to = valid_from, valid_to
    if decision_no is not None:
        version.decision_no = decision_no
    if decision_date is not None:
        version.decision_date = decision_date
    version.published_at, version.published_by = timezone.now(), actor if getattr(actor, "pk", None) else None
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as exc:  # the database said no (exclusion constraint / open-ended index)
        raise VersionOverlap(procedure.code, 0, details={"database": str(exc)[:200]}) from exc
    audit(
        "publish",
        actor=actor,
        version=version,
        valid_from=str(valid_from),
        valid_to=str(valid_to or ""),
        decision_no=version.decision_no,
    )
    _reindex(version, ended)
    return version


@transaction.atomic
def retire(*, version: ProcedureVersion, actor=None, on: date | None = None) -> ProcedureVersion:
    """End a published version on `on` (default today) and mark it retired."""
    _lock(version.procedure)
    version.refresh_from_db()
    if version.status != VersionStatus.PUBLISHED:
        raise InvalidTransition(_("Chỉ phiên bản đã công bố mới được bãi bỏ."))
    on = on or timezone.localdate()
    if version.valid_to is not None and on > version.valid_to:
        raise InvalidWindow(_("Phiên bản đã hết hiệu lực trước ngày bãi bỏ này."))
    # Retired before it took effect: the window becomes empty [valid_from, valid_from).
    version.valid_to = max(on, version.valid_from)
    version.status = VersionStatus.RETIRED
    version.retired_at = timezone.now()
    version.save(update_fields=["valid_to", "status", "retired_at", "updated_at"])
    audit("retire", actor=actor, version=version, valid_to=str(version.valid_to))
    _reindex(version)
    return version


def _reindex(*versions: ProcedureVersion | None) -> None:
    """Tell the apps that follow what is in force (procedure search reindexes once the change commits)."""
    in_force_changed.send(sender=ProcedureVersion, version_ids=[v.pk for v in versions if v is not None])


@transaction.atomic
def delete_draft(*, version: ProcedureVersion, actor=None) -> None:
    _lock(version.procedure)
    version.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise VersionImmutable()
    audit("delete_draft", actor=actor, procedure=version.procedure, number=version.number)
    version.delete()


@transaction.atomic
def adopt(*, province, procedure: Procedure, actor=None, **overrides) -> ProvinceProcedure:
    """A province adopts (or updates its adoption of) a national procedure."""
    adoption, created = ProvinceProcedure.objects.select_for_update().get_or_create(
        province=province, procedure=procedure, defaults=overrides
    )
    if not created and overrides:
        for name, value in overrides.items():
            setattr(adoption, name, value)
        adoption.save()
    audit(
        "adopt" if created else "update_adoption",
        actor=actor,
        procedure=procedure,
        province=province.code,
        **{k: str(v) for k, v in overrides.items()},
    )
    return adoption
