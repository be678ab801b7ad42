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

from motcua.org.models import Agency
from motcua.units.models import AdministrativeUnit

from .content import apply_scalars, build_children, save_children, version_content
from .errors import ImportConflict, InvalidFile, ProvinceNotFound
from .importer import DEFAULT_VALID_FROM
from .models import CatalogAuditLog, Procedure, ProcedureVersion, ProvinceProcedure, VersionStatus
from .selectors import current_versions
from .services import audit

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
    data["agency_code"] = adoption.agency.code if adoption.agency_id else None  # electronic ID: stable
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
        .select_related("procedure", "agency")
        .order_by("procedure__code")
    )
    versions = (
        ProcedureVersion.objects.filter(procedure__adoptions__province=province, status__in=EXPORTED_STATUSES)
        .select_related("field", "procedure")
        .prefetch_related(
            "channel_terms", "cases", "documents", "notes", "results", "legal_bases", "process_steps"
        )
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


def _overlaps(a: tuple[date, date | None], b: tuple[date, date | None]) -> bool:
    (a_from, a_to), (b_from, b_to) = a, b
    return (a_to is None or b_from < a_to) and (b_to is None or a_from < b_to)


class _ProvinceImport:
    """One file, all-or-nothing: read what exists in a few queries, compare, then write in bulk."""

    def __init__(self, province, items: list[dict], actor):
        self.province, self.items, self.actor = province, items, actor
        self.conflicts: list[dict] = []
        self.report = {
            "province": province.code,
            "procedures_created": 0,
            "versions_created": 0,
            "versions_updated": 0,
            "versions_unchanged": 0,
            "adoptions_created": 0,
            "adoptions_unchanged": 0,
        }
        self.new_versions: list[tuple[ProcedureVersion, dict]] = []
        self.ended: list[ProcedureVersion] = []
        self.new_adoptions: list[ProvinceProcedure] = []

    def conflict(self, code: str, number, reason: str) -> None:
        self.conflicts.append({"procedure": code, "version": number, "reason": reason})

    def load(self) -> None:
        codes = [item["code"] for item in self.items]
        existing = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
        Procedure.objects.bulk_create([Procedure(code=c) for c in dict.fromkeys(codes) if c not in existing])
        self.report["procedures_created"] = len(set(codes) - existing)
        # Lock every procedure of the file: no version of them changes while the file is applied.
        self.procedures = {p.code: p for p in Procedure.objects.select_for_update().filter(code__in=codes)}
        self.versions = {
            (v.procedure.code, v.number): v
            for v in ProcedureVersion.objects.filter(procedure__code__in=codes)
            .select_related("procedure", "field")
            .prefetch_related(
                "channel_terms", "cases", "documents", "notes", "results", "legal_bases", "process_steps"
            )
        }
        self.adoptions = {
            a.procedure_id: a
            for a in ProvinceProcedure.objects.filter(province=self.province, procedure__code__in=codes)
        }

    def version(self, procedure: Procedure, data: dict) -> None:
        where = f"{procedure.code} v{data['number']}"
        valid_from = _parse_date(data.get("valid_from"), where)
        valid_to = _parse_date(data.get("valid_to"), where)
        existing = self.versions.get((procedure.code, data["number"]))
        if existing is None:
            version = ProcedureVersion(
                procedure=procedure,
                number=data["number"],
                status=data["status"],
                valid_from=valid_from,
                valid_to=valid_to,
                published_at=timezone.now(),
            )
            apply_scalars(version, data["content"])
            self.new_versions.append((version, data["content"]))
            self.versions[(procedure.code, data["number"])] = version
            return
        same_content = version_content(existing) == data["content"]
        if same_content and (existing.status, existing.valid_from, existing.valid_to) == (
            data["status"],
            valid_from,
            valid_to,
        ):
            self.report["versions_unchanged"] += 1
        elif same_content and existing.valid_from == valid_from and existing.valid_to is None and valid_to:
            # The only change allowed on an existing version: the source environment ended its window.
            existing.valid_to, existing.status = valid_to, data["status"]
            self.ended.append(existing)
        else:
            self.conflict(procedure.code, data["number"], _("khác nội dung hoặc hiệu lực"))

    def check_windows(self, procedure: Procedure) -> None:
        published = sorted(
            (
                v
                for (code, _n), v in self.versions.items()
                if code == procedure.code and v.status == VersionStatus.PUBLISHED
            ),
            key=lambda v: v.number,
        )
        for index, version in enumerate(published):
            for other in published[:index]:
                if _overlaps((version.valid_from, version.valid_to), (other.valid_from, other.valid_to)):
                    reason = _("chồng lấn hiệu lực với phiên bản %(n)s") % {"n": other.number}
                    self.conflict(procedure.code, version.number, reason)

    def adoption(self, procedure: Procedure, data: dict) -> None:
        values = {name: data.get(name) for name in ADOPTION_FIELDS if name in data}
        if "adopted_on" in values:
            values["adopted_on"] = _parse_date(values["adopted_on"], procedure.code)
        for name in ("agency_kind", "agency_name", "fee_kind", "fee_note", "decision_no"):
            if name in values and values[name] is None:
                values[name] = ""
        if data.get("agency_code"):
            values["agency"] = Agency.objects.filter(code=data["agency_code"]).first()
            if values["agency"] is None:
                reason = _("không có cơ quan mã %(code)s") % {"code": data["agency_code"]}
                self.conflict(procedure.code, None, reason)
                return
        elif "agency_code" in data:
            values["agency"] = None
        existing = self.adoptions.get(procedure.pk)
        if existing is None:
            self.new_adoptions.append(
                ProvinceProcedure(province=self.province, procedure=procedure, **values)
            )
        elif all(getattr(existing, k) == v for k, v in values.items()):
            self.report["adoptions_unchanged"] += 1
        else:
            self.conflict(procedure.code, None, _("khác thiết lập áp dụng của tỉnh"))

    def run(self) -> dict:
        self.load()
        for item in self.items:
            procedure = self.procedures[item["code"]]
            for data in sorted(item["versions"], key=lambda v: v["number"]):
                self.version(procedure, data)
            self.check_windows(procedure)
            self.adoption(procedure, item.get("adoption") or {})
        if self.conflicts:
            raise ImportConflict(
                _("Tệp có %(n)s mục mâu thuẫn với dữ liệu hiện có; không có gì được nhập.")
                % {"n": len(self.conflicts)},
                details={"conflicts": self.conflicts[:100]},
            )
        self.write()
        return self.report

    def write(self) -> None:
        for version in self.ended:
            version.save(update_fields=["valid_to", "status", "updated_at"])
            audit("import_end_window", actor=self.actor, version=version, valid_to=str(version.valid_to))
        versions = [v for v, _c in self.new_versions]
        ProcedureVersion.objects.bulk_create(versions, batch_size=500)
        if any(v.pk is None for v in versions):  # backends that do not return ids from bulk inserts
            ids = {
                (pid, n): pk
                for pid, n, pk in ProcedureVersion.objects.filter(
                    procedure__in=self.procedures.values()
                ).values_list("procedure_id", "number", "pk")
            }
            for version in versions:
                version.pk = version.id = ids[(version.procedure_id, version.number)]
        save_children([build_children(v, content) for v, content in self.new_versions])
        ProvinceProcedure.objects.bulk_create(self.new_adoptions, batch_size=1000)
        CatalogAuditLog.objects.bulk_create(
            [
                CatalogAuditLog(
                    action="import_version",
                    actor=self.actor,
                    procedure=v.procedure,
                    version=v,
                    version_number=v.number,
                    details={"status": v.status, "province_file": self.province.code},
                )
                for v in versions
            ],
            batch_size=1000,
        )
        self.report.update(
            versions_created=len(versions),
            versions_updated=len(self.ended),
            adoptions_created=len(self.new_adoptions),
        )


@transaction.atomic
def import_province(data: dict, actor=None) -> dict:
    _validate(data)
    province = province_unit(data["province"].get("code", ""))
    actor = actor if getattr(actor, "pk", None) else None
    report = _ProvinceImport(province, data["procedures"], actor).run()
    audit("import_file", actor=actor, **report)
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
