"""Move a province's catalog between environments, and adopt national procedures for a province.

File format "motcua.catalog.province/1": the province code, then per adopted procedure its national code,
the province's adoption settings and every published or retired version with its number, status,
window and content (content.py). Drafts stay where they are written. Identities travel as
(procedure code, version number); import is idempotent and all-or-nothing: any conflicting row aborts
the whole file with `catalog.import_conflict` and the list of conflicts.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.units.models import AdministrativeUnit

from .content import apply_scalars, replace_children, version_content
from .errors import ImportConflict, InvalidFile, ProvinceNotFound
from .importer import DEFAULT_VALID_FROM
from .models import CatalogAuditLog, Procedure, ProcedureVersion, ProvinceProcedure, VersionStatus
from .selectors import current_versions
from .services import _overlapping, audit

FORMAT = "motcua.catalog.province/1"
ADOPTION_FIELDS = (
    "agency_kind",
    "agency_name",
    "fee_kind",
    "fee_amount",
    "fee_note",
    "boundary_free",
    "active",
    "adopted_on",
    "decision_no",
)
EXPORTED_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.RETIRED)


def province_unit(code: str) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.current().provinces().filter(code=code).first()
    if unit is None:
        raise ProvinceNotFound(code)
    return unit


def _adoption_data(adoption: ProvinceProcedure) -> dict:
    data = {name: getattr(adoption, name) for name in ADOPTION_FIELDS}
    data["adopted_on"] = data["adopted_on"].isoformat() if data["adopted_on"] else None
    return data


def _version_data(version: ProcedureVersion) -> dict:
    return {
        "number": version.number,
        "status": version.status,
        "valid_from": version.valid_from.isoformat() if version.valid_from else None,
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
        "content": version_content(version),
    }


def export_province(code: str) -> dict:
    province = province_unit(code)
    adoptions = (
        ProvinceProcedure.objects.filter(province=province)
        .select_related("procedure")
        .order_by("procedure__code")
    )
    versions = (
        ProcedureVersion.objects.filter(procedure__adoptions__province=province, status__in=EXPORTED_STATUSES)
        .select_related("field", "procedure")
        .prefetch_related("channel_terms", "cases", "documents", "results", "legal_bases", "process_steps")
        .order_by("procedure__code", "number")
    )
    by_procedure: dict[int, list] = {}
    for version in versions:
        by_procedure.setdefault(version.procedure_id, []).append(_version_data(version))
    return {
        "format": FORMAT,
        "province": {"code": province.code, "name": province.full_name},
        "exported_at": timezone.now().isoformat(),
        "procedures": [
            {
                "code": a.procedure.code,
                "adoption": _adoption_data(a),
                "versions": by_procedure.get(a.procedure_id, []),
            }
            for a in adoptions
        ],
    }


def _parse_date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise InvalidFile(
            _("Ngày không hợp lệ tại %(where)s: %(value)s") % {"where": where, "value": value}
        ) from exc


def _validate(data: dict) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidFile(_("Tệp không đúng định dạng %(format)s.") % {"format": FORMAT})
    if not isinstance(data.get("procedures"), list) or not isinstance(data.get("province"), dict):
        raise InvalidFile(_("Tệp thiếu danh sách thủ tục hoặc thông tin tỉnh."))
    for item in data["procedures"]:
        if not item.get("code") or not isinstance(item.get("versions"), list):
            raise InvalidFile(_("Mỗi thủ tục cần có mã và danh sách phiên bản."))
        for version in item["versions"]:
            if version.get("status") not in EXPORTED_STATUSES or not isinstance(version.get("number"), int):
                raise InvalidFile(_("Phiên bản không hợp lệ của thủ tục %(code)s.") % {"code": item["code"]})


def _import_version(procedure, item, data, conflicts, report) -> None:
    where = f"{procedure.code} v{data['number']}"
    valid_from = _parse_date(data.get("valid_from"), where)
    valid_to = _parse_date(data.get("valid_to"), where)
    existing = procedure.versions.filter(number=data["number"]).first()
    if existing is not None:
        same_content = version_content(existing) == data["content"]
        same_state = (existing.status, existing.valid_from, existing.valid_to) == (
            data["status"],
            valid_from,
            valid_to,
        )
        if same_content and same_state:
            report["versions_unchanged"] += 1
            return
        # The only change allowed on an existing version: the source environment ended its window.
        if same_content and existing.valid_from == valid_from and existing.valid_to is None and valid_to:
            existing.valid_to, existing.status = valid_to, data["status"]
            existing.save(update_fields=["valid_to", "status", "updated_at"])
            audit("import_end_window", version=existing, valid_to=str(valid_to), status=existing.status)
            report["versions_updated"] += 1
            return
        conflicts.append(
            {
                "procedure": procedure.code,
                "version": data["number"],
                "reason": _("khác nội dung hoặc hiệu lực"),
            }
        )
        return
    if data["status"] == VersionStatus.PUBLISHED:
        other = _overlapping(procedure, valid_from, valid_to).first()
        if other is not None:
            conflicts.append(
                {
                    "procedure": procedure.code,
                    "version": data["number"],
                    "reason": _("chồng lấn hiệu lực với phiên bản %(n)s") % {"n": other.number},
                }
            )
            return
    version = ProcedureVersion(
        procedure=procedure,
        number=data["number"],
        status=data["status"],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    apply_scalars(version, data["content"])
    version.published_at = timezone.now()
    version.save()
    replace_children(version, data["content"])
    audit("import_version", version=version, status=version.status)
    report["versions_created"] += 1


def _import_adoption(province, procedure, data, conflicts, report) -> None:
    values = {name: data.get(name) for name in ADOPTION_FIELDS if name in data}
    if "adopted_on" in values:
        values["adopted_on"] = _parse_date(values["adopted_on"], procedure.code)
    values = {
        k: (
            ""
            if v is None and k in ("agency_kind", "agency_name", "fee_kind", "fee_note", "decision_no")
            else v
        )
        for k, v in values.items()
    }
    existing = ProvinceProcedure.objects.filter(province=province, procedure=procedure).first()
    if existing is None:
        ProvinceProcedure.objects.create(province=province, procedure=procedure, **values)
        report["adoptions_created"] += 1
    elif all(getattr(existing, k) == v for k, v in values.items()):
        report["adoptions_unchanged"] += 1
    else:
        conflicts.append(
            {"procedure": procedure.code, "version": None, "reason": _("khác thiết lập áp dụng của tỉnh")}
        )


@transaction.atomic
def import_province(data: dict, actor=None) -> dict:
    _validate(data)
    province = province_unit(data["province"].get("code", ""))
    report = {
        "province": province.code,
        "procedures_created": 0,
        "versions_created": 0,
        "versions_updated": 0,
        "versions_unchanged": 0,
        "adoptions_created": 0,
        "adoptions_unchanged": 0,
    }
    conflicts: list[dict] = []
    for item in data["procedures"]:
        procedure, created = Procedure.objects.get_or_create(code=item["code"])
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        report["procedures_created"] += created
        # Oldest first, so that an ended window is in place before its successor is checked.
        for version in sorted(item["versions"], key=lambda v: v["number"]):
            _import_version(procedure, item, version, conflicts, report)
        _import_adoption(province, procedure, item.get("adoption") or {}, conflicts, report)
    if conflicts:
        raise ImportConflict(
            _("Tệp có %(n)s mục mâu thuẫn với dữ liệu hiện có; không có gì được nhập.")
            % {"n": len(conflicts)},
            details={"conflicts": conflicts[:100]},
        )
    audit("import_file", actor=actor, **{k: v for k, v in report.items()})
    return report


@transaction.atomic
def adopt_national(code: str, actor=None) -> tuple[int, int]:
    """The province adopts every provincial- and commune-level procedure in force (its own agency and
    fee left empty: the national text applies until the province sets them)."""
    province = province_unit(code)
    wanted = set(
        current_versions()
        .filter(Q(at_province=True) | Q(at_commune=True))
        .values_list("procedure_id", flat=True)
    )
    existing = set(ProvinceProcedure.objects.filter(province=province).values_list("procedure_id", flat=True))
    new = sorted(wanted - existing)
    ProvinceProcedure.objects.bulk_create(
        [
            ProvinceProcedure(province=province, procedure_id=pid, adopted_on=DEFAULT_VALID_FROM, active=True)
            for pid in new
        ],
        batch_size=2000,
    )
    if new:
        CatalogAuditLog.objects.create(
            action="adopt_national",
            actor=actor if getattr(actor, "pk", None) else None,
            details={"province": code, "adopted": len(new)},
        )
    return len(new), len(wanted & existing)
