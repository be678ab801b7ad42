"""The migration report of a province (supervisors): per old commune and old agency the lines imported,
skipped and rejected by the latest run, the "to assign" queue, and a sample of converted text to check
by eye."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy

from motcua.dossiers.lifecycle import STATES
from motcua.org.roles import RoleCode, ScopeKind
from motcua.units.models import AdministrativeUnit, UnitLevel
from motcua.workspace.views.common import officer_required, page

from .models import ImportRun, LegacyRecord

QUEUE_SIZE = 100
SAMPLE_SIZE = 20
WATCHERS = {RoleCode.SUPERVISOR.value, RoleCode.SYSTEM_ADMIN.value}
FIELD_LABELS = {
    "applicant_name": gettext_lazy("Họ tên người yêu cầu"),
    "applicant_address": gettext_lazy("Địa chỉ"),
    "procedure_name": gettext_lazy("Tên thủ tục"),
    "agency_name": gettext_lazy("Cơ quan"),
    "history": gettext_lazy("Ghi chú lịch sử"),
}


def _may_watch(request, province) -> bool:
    for a in request.officer_assignments:
        if a.role.code in WATCHERS and (a.scope_kind == ScopeKind.SYSTEM or a.province_id == province.pk):
            return True
    return False


@officer_required
def index(request):
    """The bar's link: the report of the province the supervisor watches (a choice when several)."""
    watched = [a for a in request.officer_assignments if a.role.code in WATCHERS]
    if not watched:
        raise PermissionDenied
    if any(a.scope_kind == ScopeKind.SYSTEM for a in watched):
        ids = ImportRun.objects.values_list("province_id", flat=True)
    else:
        ids = [a.province_id for a in watched if a.province_id]
    provinces = list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("code"))
    if len(provinces) == 1:
        return redirect("legacy:report", province=provinces[0].code)
    return page(request, "legacy/index.html", {"provinces": provinces})


@officer_required
def report(request, province: str):
    unit = AdministrativeUnit.objects.current().filter(code=province, level=UnitLevel.PROVINCE).first()
    if unit is None:
        raise Http404
    if not _may_watch(request, unit):
        raise PermissionDenied
    runs = list(ImportRun.objects.filter(province=unit, dry_run=False)[:10])
    latest = runs[0] if runs else None
    communes, agencies = _tallies(latest)
    records = LegacyRecord.objects.filter(province=unit)
    open_states = [s.value for s, info in STATES.items() if not info.terminal]
    queue = (
        records.filter(to_assign=True, dossier__agency_id=_committee_of(records))
        .select_related("dossier")
        .order_by("dossier__due_at", "code")
    )
    waiting = queue.filter(dossier__status__in=open_states)
    sample = []
    for record in records.exclude(converted={}).order_by("-id")[:SAMPLE_SIZE]:
        for field, (encoding, original, *converted) in sorted(record.converted.items()):
            sample.append(
                {
                    "code": record.code,
                    "field": FIELD_LABELS.get(field, field),
                    "encoding": encoding.upper(),
                    "original": original,
                    "converted": converted[0] if converted else "",
                }
            )
    return page(
        request,
        "legacy/report.html",
        {
            "province": unit,
            "runs": runs,
            "latest": latest,
            "communes": communes,
            "agencies": agencies,
            "in_system": records.count(),
            "unknown_procedures": records.filter(procedure_known=False).count(),
            "queue": list(waiting[:QUEUE_SIZE])
            + list(queue.exclude(dossier__status__in=open_states)[:QUEUE_SIZE]),
            "queue_open": waiting.count(),
            "queue_total": queue.count(),
            "sample": sample[:SAMPLE_SIZE],
        },
    )


def _committee_of(records):
    """The agency the unresolved dossiers were given (the provincial committee): any to-assign record's."""
    first = records.filter(to_assign=True).values_list("dossier__agency_id", flat=True).first()
    return first or 0


def _tallies(run: ImportRun | None) -> tuple[list[dict], list[dict]]:
    if run is None:
        return [], []
    communes, agencies = [], []
    for key, (imported, skipped, rejected) in run.tallies.items():
        kind, _sep, value = key.partition(":")
        row = {"key": value, "name": value, "imported": imported, "skipped": skipped, "rejected": rejected}
        (communes if kind == "commune" else agencies).append(row)
    names = dict(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, code__in=[c["key"] for c in communes])
        .exclude(valid_to__isnull=True)
        .values_list("code", "full_name")
    )
    for row in communes:
        row["name"] = names.get(row["key"].zfill(5), "")
    communes.sort(key=lambda r: (-r["rejected"], r["key"]))
    agencies.sort(key=lambda r: (-r["rejected"], r["key"]))
    return communes, agencies
