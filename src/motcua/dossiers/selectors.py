"""Reads of the dossier engine. Access rules live in access.py and are re-exported here."""

from __future__ import annotations

from collections.abc import Container
from datetime import UTC

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext

from motcua.catalog.models import RequiredDocument
from motcua.core.fast import rows

from . import lifecycle
from .access import available_actions, can_act_on, roles_for, sees_identity, visible_dossiers
from .errors import DossierNotFound
from .models import Dossier, DossierStep, TrackingEntry

__all__ = [
    "available_actions",
    "can_act_on",
    "checklist",
    "dossier_detail",
    "get_dossier",
    "missing_documents",
    "public_tracking",
    "roles_for",
    "sees_identity",
    "tracking_sheet",
    "visible_dossiers",
]

LIST_RELATED = (
    "procedure",
    "procedure_version",
    "agency",
    "received_place",
    "province",
    "applicant",
    "assignee",
)


def checklist(version, case=None) -> list[RequiredDocument]:
    """The documents of a version for a case: those of the case and those common to every case."""
    prefetched = getattr(version, "_prefetched_objects_cache", {}).get("documents")
    if prefetched is not None:  # a cached version (reference.py): no query
        wanted = {None, getattr(case, "pk", None)} if case is not None else {None}
        return sorted((d for d in prefetched if d.case_id in wanted), key=lambda d: (d.position, d.pk))
    condition = Q(case__isnull=True) | Q(case=case) if case is not None else Q(case__isnull=True)
    return list(version.documents.filter(condition).order_by("position", "pk"))


def missing_documents(version, case, provided: Container[int]) -> list[RequiredDocument]:
    """Required papers not handed in; papers of a one-of group (catalog ADR 0022) are satisfied together
    by any one of them."""
    listed = [doc for doc in checklist(version, case) if doc.required]
    chosen = {doc.one_of for doc in listed if doc.one_of and doc.pk in provided}
    return [doc for doc in listed if doc.pk not in provided and not (doc.one_of and doc.one_of in chosen)]


def get_dossier(code_or_pk, *, user=None) -> Dossier:
    """One dossier by code or id; with `user`, only if they may see it (else dossier.not_found)."""
    base = visible_dossiers(user) if user is not None else Dossier.objects.all()
    key = Q(code=code_or_pk) if isinstance(code_or_pk, str) and not code_or_pk.isdigit() else Q(pk=code_or_pk)
    found = base.filter(key).select_related(*LIST_RELATED, "current_step").first()
    if found is None:
        raise DossierNotFound(code_or_pk)
    return found


def dossier_detail(code_or_pk, *, user=None) -> Dossier:
    """A dossier with everything a detail page or the receipt shows, in a fixed number of queries."""
    dossier = get_dossier(code_or_pk, user=user)
    return (
        Dossier.objects.filter(pk=dossier.pk)
        .select_related(*LIST_RELATED, "current_step", "submitter", "counter", "received_by")
        .prefetch_related(
            "checklist",
            "payments",
            "results",
            "supplement_requests",
            "pauses",
            Prefetch("steps", queryset=DossierStep.objects.select_related("assignee").order_by("position")),
        )
        .get()
    )


def tracking_sheet(dossier: Dossier) -> QuerySet[TrackingEntry]:
    """Form 06: every hand-over, oldest first."""
    return dossier.tracking.select_related("actor", "from_agency", "to_agency").order_by("at", "id")


_COMPILED: dict[str, str] = {}


def _public_tracking_sql() -> str:
    """The ORM's SQL for the timeline joined with its dossier, compiled once per database vendor (the
    compilation cost more than the query itself on this hot public path)."""
    sql = _COMPILED.get(connection.vendor)
    if sql is None:
        query = (
            TrackingEntry.objects.filter(dossier__code="code")
            .order_by("at", "id")
            .values_list(
                "at",
                "action",
                "dossier__status",
                "dossier__appointment_at",
                "dossier__due_at",
                "dossier__procedure_version__name",
            )
            .query
        )
        sql, params = query.sql_with_params()
        if list(params) != ["code"]:  # pragma: no cover - the one parameter must be the code
            raise RuntimeError(f"unexpected parameters {params!r}")
        sql = _COMPILED[connection.vendor] = sql
    return sql


def _timeline_rows(code: str) -> list[tuple]:
    # PostgreSQL: server-side binding, so the same three-table join is prepared once per connection
    # instead of parsed and planned on every public request (core.fast.rows.bound_cursor).
    with rows.bound_cursor(connection) as cursor:
        cursor.execute(_public_tracking_sql(), [code])
        return cursor.fetchall()


def _aware(moment):
    """SQLite gives naive UTC datetimes to raw cursors (the ORM's converter makes them aware)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def public_tracking(code: str) -> dict | None:
    """What public tracking shows of a dossier (plain words, no personal data), in one query: its
    timeline joined with the dossier; a second one only for a dossier without any line. None if unknown."""
    rows = [(_aware(at), action, *rest) for at, action, *rest in _timeline_rows(code)]
    if rows:
        status, appointment, due, name = rows[0][2], _aware(rows[0][3]), _aware(rows[0][4]), rows[0][5]
    else:
        found = Dossier.objects.filter(code=code).values_list(
            "status", "appointment_at", "due_at", "procedure_version__name"
        )
        if not found:
            return None
        status, appointment, due, name = found[0]
    return {
        "code": code,
        "procedure": name or "",
        "status": state_label(status),
        "due_at": appointment or due,
        "timeline": [
            {"at": at, "text": gettext(lifecycle.TRANSITIONS[lifecycle.Action(action)].label)}
            for at, action, *_dossier in rows
        ],
    }


def state_label(status: str) -> str:
    return gettext(lifecycle.STATES[lifecycle.State(status)].label)
