"""`motcua migrate-legacy`: the old systems' dossiers as real dossiers of the new province.

A line is read, checked and converted in memory (`parse`), then written with the rows the dossier
services would have written for it — the dossier, its applicant, its tracking sheet (the old history,
one row per entry), and for an open dossier its steps (and the open supplement request with its pause) —
plus a `LegacyRecord`. Lines are written a batch at a time in one transaction: the rows as plain dicts
(`Table`), ids reserved up front (`simulation.bulk.Ids`), PostgreSQL's COPY (ADR 0050); a batch that
fails is written again line by line, each under its own savepoint, so a line is in whole or not at all.
A killed run loses only its uncommitted batch; a rerun skips what is in (same code, same fingerprint)
and writes the rest, which gives the same end state as one clean run (ADR 0042).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from django.db import DatabaseError, connection, transaction
from django.db.models import JSONField
from django.db.models.base import ModelState
from django.utils import timezone

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.text import fold
from motcua.dossiers import deadlines
from motcua.dossiers.lifecycle import STATES, State
from motcua.dossiers.models import Applicant, Dossier, DossierStep, Pause, SupplementRequest, TrackingEntry
from motcua.dossiers.services import planning
from motcua.org.models import Agency, AgencyKind, PlaceKind, ReceptionPlace
from motcua.simulation.bulk import Ids
from motcua.units.models import AdministrativeUnit, UnitLevel, UnitSuccession

from . import containers, encodings, rules
from .models import AgencyMapping, AgencyRule, ImportRun, LegacyRecord

# National portal status (1-10) -> the state a migrated dossier is in. 6 (payment requested) and 7
# (withdrawal requested) are requests inside processing: the dossier is in progress.
PORTAL_STATES = {
    1: State.PENDING_ACCEPTANCE, 2: State.RECEIVED, 3: State.NOT_ACCEPTED, 4: State.IN_PROGRESS,
    5: State.SUPPLEMENT_REQUESTED, 6: State.IN_PROGRESS, 7: State.IN_PROGRESS, 8: State.STOPPED,
    9: State.RESULT_READY, 10: State.RETURNED,
}  # fmt: skip
# The tracking sheet's action for an old history entry that moved the dossier to a status.
PORTAL_ACTIONS = {
    1: "submit_online", 2: "receive", 3: "refuse_acceptance", 4: "assign", 5: "request_supplement",
    6: "record_payment", 7: "withdraw", 8: "stop", 9: "issue_result", 10: "return_result",
}  # fmt: skip
CHANNELS = {1: "counter", 2: "online", 3: "postal"}
TEXT_FIELDS = ("procedure_name", "agency_name", "applicant_name", "applicant_address")
LEGACY_PROCEDURE = "0.000000"  # the placeholder of procedures the current catalog does not have
LEGACY_ACTOR = "Hệ thống một cửa cũ"
MAX_CODE = 40
_ID = re.compile(r"^(\d{12}|\d{9})$")
# The national format (Circular 03/2025/TT-VPCP), as the workspace and tracking URLs read it.
_CODE = re.compile(r"^[0-9A-Z.]{13}-[0-9]{6}-[0-9]{4,}$")

REASONS = {
    "empty_code": "Mã hồ sơ trống",
    "code_too_long": "Mã hồ sơ dài quá 40 ký tự",
    "bad_code": "Mã hồ sơ không theo định dạng mã cơ quan-YYMMDD-số thứ tự",
    "bad_status": "Trạng thái không thuộc 1–10",
    "bad_channel": "Hình thức nộp không thuộc 1–3",
    "bad_date": "Ngày giờ không đọc được (ISO 8601 có múi giờ)",
    "finished_before_received": "Kết thúc hoặc trả kết quả trước khi tiếp nhận",
    "bad_id_number": "Số CCCD (12 chữ số) hoặc CMND (9 chữ số) không hợp lệ",
    "unknown_commune": "Mã xã cũ không có trong danh mục đơn vị hành chính",
    "commune_outside_province": "Xã cũ không thuộc tỉnh đang chuyển đổi",
    "bad_history": "Lịch sử xử lý không đọc được",
    "code_conflict": "Mã hồ sơ đã được nhập với nội dung khác",
    "code_taken": "Mã hồ sơ trùng với một hồ sơ của hệ thống mới",
    "malformed_line": "Dòng dữ liệu không đọc được",
    "write_failed": "Không ghi được vào cơ sở dữ liệu",
}


class Rejected(ValueError):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail

    def text(self) -> str:
        return f"{self.reason}: {REASONS[self.reason]}" + (f" ({self.detail})" if self.detail else "")


class SetupError(RuntimeError):
    """The province cannot receive migrated dossiers yet (no center, no provincial committee)."""


@dataclass
class Line:
    number: int
    raw: dict
    code: str = ""
    fingerprint: str = ""
    values: dict = field(default_factory=dict)  # converted text
    converted: dict = field(default_factory=dict)  # field -> [encoding, original]
    status: State | None = None
    portal_status: int = 0
    channel: str = "counter"
    received_at: datetime | None = None
    due_at: datetime | None = None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    history: list = field(default_factory=list)  # [(portal status, moment, note)]
    id_number: str = ""
    old_commune: str = ""
    commune: AdministrativeUnit | None = None


@dataclass
class Outcome:
    imported: int = 0
    skipped: int = 0
    rejected: int = 0
    tallies: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    reasons: dict = field(default_factory=lambda: defaultdict(int))

    def count(self, line: Line, column: int) -> None:
        commune = str(line.raw.get("commune_code") or "").strip() or "?"
        agency = line.values.get("agency_name") or encodings.fix(str(line.raw.get("agency_name") or ""))[0]
        self.tallies[f"commune:{commune}"][column] += 1
        self.tallies[f"agency:{agency or '?'}"][column] += 1


# ---- reading a line ------------------------------------------------------------------------------------


def _moment(value, name: str, *, required: bool) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Rejected("bad_date", f"{name} trống")
        return None
    if isinstance(value, datetime):  # an Excel cell: a naive moment is local time (docs/migration.md)
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Rejected("bad_date", f"{name}={text[:40]}") from None
    if moment.tzinfo is None:
        raise Rejected("bad_date", f"{name} thiếu múi giờ")
    return moment


def _int(value, reason: str, allowed) -> int:
    if isinstance(value, float) and value.is_integer():  # an Excel number cell
        value = int(value)
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise Rejected(reason, str(value)[:20]) from None
    if number not in allowed:
        raise Rejected(reason, str(number))
    return number


def _history(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise Rejected("bad_history") from None
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise Rejected("bad_history")
    entries = []
    for entry in value:
        status = _int(entry.get("status"), "bad_status", PORTAL_STATES)
        at = _moment(entry.get("at"), "history.at", required=True)
        note, encoding = encodings.fix(str(entry.get("note") or ""))
        entries.append((status, at, note, encoding))
    return sorted(entries, key=lambda e: e[1])


def _raw_history(value) -> list:
    return json.loads(value) if isinstance(value, str) else value


def parse(number: int, raw: dict) -> Line:
    """Check and convert one row; raises Rejected with the first reason found."""
    line = Line(number, raw)
    if containers.MALFORMED in raw:
        raise Rejected("malformed_line")
    code = " ".join(str(raw.get("code") or "").split()).upper()
    if not code:
        raise Rejected("empty_code")
    if len(code) > MAX_CODE:
        raise Rejected("code_too_long")
    if not _CODE.match(code):
        raise Rejected("bad_code")
    line.code = code
    line.portal_status = _int(raw.get("status"), "bad_status", PORTAL_STATES)
    line.status = PORTAL_STATES[line.portal_status]
    line.channel = CHANNELS[_int(raw.get("channel"), "bad_channel", CHANNELS)]
    line.received_at = _moment(raw.get("received_at"), "received_at", required=True)
    line.due_at = _moment(raw.get("due_at"), "due_at", required=False)
    line.finished_at = _moment(raw.get("finished_at"), "finished_at", required=False)
    line.returned_at = _moment(raw.get("returned_at"), "returned_at", required=False)
    for moment in (line.finished_at, line.returned_at):
        if moment is not None and moment < line.received_at:
            raise Rejected("finished_before_received")
    id_number = _digits(raw.get("applicant_id_number"), {11: 12, 8: 9})
    if id_number and not _ID.match(id_number):
        raise Rejected("bad_id_number", f"{len(id_number)} ký tự")
    line.id_number = id_number
    line.old_commune = _unit_code(raw.get("commune_code"), 5)
    line.history = _history(raw.get("history"))
    for name in TEXT_FIELDS:
        text, encoding = encodings.fix(str(raw.get(name) or "").strip())
        if encoding == "tcvn3" and name == "applicant_name":
            text = _capitalise(text)  # TCVN3's capitals with a tone mark share the lower-case bytes
        line.values[name] = text
        if encoding != "unicode":
            line.converted[name] = [encoding, str(raw.get(name)), text]
    for i, (_s, _at, note, encoding) in enumerate(line.history):
        if encoding != "unicode" and "history" not in line.converted:
            original = next(str(e.get("note")) for e in _raw_history(raw.get("history")) if e.get("note"))
            line.converted["history"] = [encoding, original, note]
        line.history[i] = line.history[i][:3]
    line.fingerprint = _fingerprint(line)
    return line


def _digits(value, pad: dict[int, int]) -> str:
    """A number as text; an Excel number cell lost its leading zero (every CCCD starts with 0): put it back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return text.zfill(pad.get(len(text), len(text)))
    return re.sub(r"\s", "", str(value or ""))


def _unit_code(value, width: int) -> str:
    text = str(int(value) if isinstance(value, float) and value.is_integer() else (value or "")).strip()
    return text.zfill(width) if text.isdigit() else text


def _capitalise(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _fingerprint(line: Line) -> str:
    """Of the line's meaning, not its container: the same row from CSV, JSON or Excel matches."""

    def iso(m):
        return m.isoformat() if m else None

    raw = line.raw
    payload = {
        "code": line.code,
        "status": line.portal_status,
        "channel": line.channel,
        "moments": [iso(line.received_at), iso(line.due_at), iso(line.finished_at), iso(line.returned_at)],
        "units": [str(raw.get(k) or "").strip() for k in ("province_code", "district_code")]
        + [line.old_commune],
        "procedure": str(raw.get("procedure_code") or "").strip(),
        "agency_code": str(raw.get("agency_code") or "").strip(),
        "phone": _digits(raw.get("applicant_phone"), {9: 10}),
        "id": line.id_number,
        "text": line.values,
        "history": [[s, iso(at), note] for s, at, note in line.history],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ---- the province and its lookups -----------------------------------------------------------------------


class Province:
    """What every line of a run looks up, loaded once and cached."""

    def __init__(self, code: str):
        self.unit = AdministrativeUnit.objects.current().filter(code=code, level=UnitLevel.PROVINCE).first()
        if self.unit is None:
            raise SetupError(f"Không có tỉnh, thành phố mã {code} đang có hiệu lực.")
        self.center = (
            ReceptionPlace.objects.filter(province=self.unit, kind=PlaceKind.CENTER, parent__isnull=True)
            .order_by("pk")
            .first()
        )
        agencies = list(Agency.objects.filter(province=self.unit, is_active=True).order_by("pk"))
        self.committee = next((a for a in agencies if a.kind == AgencyKind.PROVINCIAL_COMMITTEE), None)
        if self.center is None or self.committee is None:
            raise SetupError(
                f"Tỉnh {code} chưa có Trung tâm Phục vụ hành chính công hoặc UBND tỉnh trong danh mục cơ quan: "
                "hồ sơ chưa xác định được cơ quan không có nơi nhận."
            )
        self.by_commune = {a.commune_id: a for a in agencies if a.kind == AgencyKind.COMMUNE_COMMITTEE}
        self.departments = {}
        self.provincial = {}
        for a in agencies:
            if a.kind == AgencyKind.DEPARTMENT:
                self.departments.setdefault(rules.department_key(a.name) or rules.name_key(a.name), a)
            if a.commune_id is None:
                self.provincial.setdefault(rules.name_key(a.name), a)
        self.agencies = {a.pk: a for a in agencies}
        self.mapping_codes, self.mapping_names = {}, {}
        for m in AgencyMapping.objects.filter(province=self.unit).select_related("agency"):
            if m.old_code:
                self.mapping_codes[m.old_code] = m.agency
            else:
                self.mapping_names[m.old_name_key] = m.agency
        self.province_names = frozenset(
            rules.name_key(n)
            for n in AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).values_list(
                "name", flat=True
            )
        )
        self.cal = calendar_for(code)
        self.communes: dict[str, AdministrativeUnit | str] = {}
        self._rows = None
        self._instances: dict[int, AdministrativeUnit] = {}
        self.versions: dict[str, ProcedureVersion | None] = {}
        self.templates: dict[int, list] = {}
        self.agency_cache: dict[tuple, tuple] = {}
        self._placeholder: ProcedureVersion | None = None
        self.today = timezone.localdate()

    def successor(self, old_code: str) -> AdministrativeUnit:
        found = self.communes.get(old_code)
        if found is None:
            found = self.communes[old_code] = self._successor(old_code)
        if isinstance(found, str):
            raise Rejected(found, old_code)
        return found

    def _load_map(self) -> None:
        """Every commune row and succession edge, in memory once (two queries, about 28,000 small rows):
        the first lines of a file would otherwise walk the successions of each old commune by queries."""
        self._rows: dict[str, list[tuple]] = defaultdict(list)  # code -> [(pk, valid_from, valid_to, prov)]
        for pk, code, start, end, prov in AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE
        ).values_list("pk", "code", "valid_from", "valid_to", "province_code"):
            self._rows[code].append((pk, start, end, prov))
        self._units = {row[0]: row for rows in self._rows.values() for row in rows}
        self._edges: dict[int, list[tuple]] = defaultdict(list)
        for before, after, on, partial, primary in UnitSuccession.objects.values_list(
            "predecessor_id", "successor_id", "effective_on", "partial", "primary"
        ):
            self._edges[before].append((after, on, partial, primary))

    def _successor(self, old_code: str):
        """As units.selectors.successors_in_force (the old row: the most recent that ended), in memory:
        the province's primary heir first, a whole heir before a partial one."""
        if self._rows is None:
            self._load_map()
        rows = self._rows.get(old_code)
        if not rows:
            return "unknown_commune"
        ended = [r for r in rows if r[2] is not None]
        start = max(ended, key=lambda r: r[2]) if ended else rows[0]
        today = self.today
        heirs: dict[int, tuple[bool, bool]] = {}  # pk -> (partial, primary)
        frontier, seen = {start[0]: (False, True)}, set()
        while frontier:
            seen.update(frontier)
            following = {}
            for pk, (partial, primary) in frontier.items():
                _pk, begin, end, _prov = self._units[pk]
                if begin <= today and (end is None or today < end):
                    known = heirs.get(pk)
                    heirs[pk] = (
                        (partial, primary) if known is None else (known[0] and partial, known[1] or primary)
                    )
                    continue
                for after, on, edge_partial, edge_primary in self._edges.get(pk, ()):
                    if on <= today and after not in seen and after in self._units:
                        following[after] = (partial or edge_partial, primary and edge_primary)
            frontier = following
        mine = [(pk, v) for pk, v in heirs.items() if self._units[pk][3] == self.unit.code]
        if not heirs:
            return "unknown_commune"
        if not mine:
            return "commune_outside_province"
        pk = min(mine, key=lambda item: (not item[1][1], item[1][0], item[0]))[0]
        if pk not in self._instances:  # the province's communes, old and new, in one query
            self._instances.update(
                AdministrativeUnit.objects.filter(
                    level=UnitLevel.COMMUNE, province_code=self.unit.code
                ).in_bulk()
            )
        return self._instances.get(pk) or AdministrativeUnit.objects.get(pk=pk)

    def version(self, code: str) -> ProcedureVersion | None:
        if code not in self.versions:
            self.versions[code] = (
                ProcedureVersion.objects.in_force_on(self.today)
                .filter(procedure__code=code)
                .select_related("procedure")
                .order_by("-number")
                .first()
            )
        return self.versions[code]

    def placeholder(self) -> ProcedureVersion:
        """The procedure of dossiers whose procedure the current catalog lacks (a draft: never listed)."""
        if self._placeholder is None:
            procedure, _ = Procedure.objects.get_or_create(code=LEGACY_PROCEDURE)
            version = procedure.versions.order_by("number").first()
            if version is None:
                version = ProcedureVersion.objects.create(
                    procedure=procedure,
                    number=1,
                    name="Thủ tục không còn trong danh mục hiện hành (hồ sơ chuyển đổi từ hệ thống cũ)",
                )
            self._placeholder = version
        return self._placeholder

    def steps_of(self, version: ProcedureVersion) -> list:
        if version.pk not in self.templates:
            self.templates[version.pk] = [
                planning.StepTemplate(s.name, s.role, s.time_share) for s in version.process_steps.all()
            ] or list(planning.DEFAULT_STEPS)
        return self.templates[version.pk]

    def agency_for(self, line: Line) -> tuple[Agency, str]:
        """The operator's mapping first, then the rules; unresolved: the province's center queue."""
        code = str(line.raw.get("agency_code") or "").strip().upper()
        name = line.values.get("agency_name", "")
        key = (code, name, line.commune.pk)
        found = self.agency_cache.get(key)
        if found is None:
            if len(self.agency_cache) > 100_000:  # bounded memory on a file of a million distinct names
                self.agency_cache.clear()
            found = self.agency_cache[key] = self._agency_for(code, name, line.commune)
        return found

    def _agency_for(self, code: str, name: str, commune) -> tuple[Agency, str]:
        key = rules.name_key(name)
        if code and code in self.mapping_codes:
            return self.mapping_codes[code], AgencyRule.MAPPING
        if key and key in self.mapping_names:
            return self.mapping_names[key], AgencyRule.MAPPING
        kind = rules.kind_of(name, self.province_names)
        if kind in ("commune", "district"):
            agency = self.by_commune.get(commune.pk)
            if agency is not None:
                return agency, AgencyRule.COMMUNE if kind == "commune" else AgencyRule.DISTRICT
        if kind == "department":
            agency = self.departments.get(rules.department_key(name))
            if agency is not None:
                return agency, AgencyRule.DEPARTMENT
        stripped = re.sub(r"\s+(tinh|thanh pho)\s+.+$", "", key)
        for candidate in (key, stripped):
            agency = self.provincial.get(candidate)
            if agency is not None and agency.pk != self.committee.pk:
                return agency, AgencyRule.PROVINCE
        return self.committee, AgencyRule.UNRESOLVED


# ---- building the rows -----------------------------------------------------------------------------------


class Table:
    """One model's rows as plain dicts of column values (attnames), the field defaults copied from a
    template made once: no model instance per row on PostgreSQL (making 7 instances a line was the
    largest single cost of a run). SQLite gets instances made from the same dicts for `bulk_create`."""

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.attnames = [f.attname for f in fields]
        self.template, self.factories = {}, []
        for f in fields:
            if f.has_default() and callable(f.default):
                self.factories.append((f.attname, f.default))
            else:
                self.template[f.attname] = f.get_default()
        self.stamps = [
            f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self.jsons = [f.attname for f in fields if isinstance(f, JSONField)]
        self.read = itemgetter(*self.attnames)

    def row(self, pk: int, values: dict) -> dict:
        row = self.template.copy()
        for attname, make in self.factories:
            row[attname] = make()
        row["id"] = pk
        row.update(values)
        return row

    def copy(self, rows: list[dict], now, conn) -> None:
        """PostgreSQL's COPY of the rows: the auto_now stamps are the batch's moment, JSON values go as
        their JSON text (the same object shared by many rows is serialised once)."""
        if not rows:
            return
        texts: dict[int, str] = {}
        for row in rows:
            for attname in self.stamps:
                row[attname] = now
            for attname in self.jsons:
                value = row[attname]
                if value is not None:
                    text = texts.get(id(value))
                    if text is None:
                        text = texts[id(value)] = json.dumps(value)
                    row[attname] = text
        columns = ", ".join(conn.ops.quote_name(f.column) for f in self.model._meta.concrete_fields)
        table = conn.ops.quote_name(self.model._meta.db_table)
        read = self.read
        # The driver's own COPY: its errors (a NUL in a text, a constraint) become Django's DatabaseError,
        # so the batch is retried line by line as for any other statement.
        with (
            conn.wrap_database_errors,
            conn.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            write = copy.write_row
            for row in rows:
                write(read(row))

    def instances(self, rows: list[dict]) -> list:
        model, made = self.model, []
        for row in rows:
            obj = model.__new__(model)
            obj._state = ModelState()
            obj.__dict__.update(row)
            made.append(obj)
        return made


class Writer:
    MODELS = (Dossier, DossierStep, Applicant, SupplementRequest, Pause, TrackingEntry, LegacyRecord)

    def __init__(self, province: Province):
        self.p = province
        self.tables = {m: Table(m) for m in self.MODELS}
        self.ids: Ids | None = None
        self.postgresql = connection.vendor == "postgresql"
        # The tracking rows' details: one object per portal status, shared (serialised once per batch).
        self.details = {s: {"legacy": True, "portal_status": s} for s in PORTAL_STATES}

    def rows_of(self, line: Line) -> dict:
        p, rows, tables, take = self.p, defaultdict(list), self.tables, self.ids.take

        def new(model, values):
            row = tables[model].row(take(model), values)
            rows[model].append(row)
            return row

        commune = line.commune
        agency, rule = p.agency_for(line)
        procedure_code = str(line.raw.get("procedure_code") or "").strip()
        version = p.version(procedure_code) if procedure_code else None
        known = version is not None
        version = version or p.placeholder()
        info = STATES[line.status]
        ended = info.terminal
        history = line.history or [(line.portal_status, line.received_at, "")]
        last_at = max([at for _s, at, _n in history] + [line.received_at])
        finished = line.finished_at
        if finished is None and (ended or info.decided):
            finished = line.returned_at or last_at
        applicant = line.values["applicant_name"]
        d = new(
            Dossier,
            {
                "code": line.code,
                "procedure_id": version.procedure_id,
                "procedure_version_id": version.pk,
                "province_id": p.unit.pk,
                "channel": line.channel,
                "status": line.status.value,
                "received_place_id": p.center.pk,
                "agency_id": agency.pk,
                "commune_id": commune.pk,
                "received_at": line.received_at,
                "clock_started_at": line.received_at,
                "due_at": line.due_at,
                "appointment_at": line.due_at,
                "finished_at": finished,
                "returned_at": line.returned_at,
                "return_method": "counter" if line.returned_at else "",
                "result_delivery": "postal" if line.channel == "postal" else "counter",
                "applicant_name_folded": fold(applicant)[:200],
                "time_limit_text": "",
            },
        )
        if line.channel == "online":
            d["submitted_at"] = line.received_at
        if line.status == State.PENDING_ACCEPTANCE:
            d["acceptance_due_at"] = line.due_at or p.cal.acceptance_deadline(line.received_at)
            d["received_at"] = d["clock_started_at"] = None
            d["submitted_at"] = line.received_at
        if line.status in (State.RESULT_READY, State.RETURNED):
            d["decision"], d["decided_at"] = "approved", finished
        new(
            Applicant,
            {
                "dossier_id": d["id"],
                "full_name": applicant[:200] or "?",
                "id_number": line.id_number,
                "phone": re.sub(r"[^\d+]", "", _digits(line.raw.get("applicant_phone"), {9: 10}))[:15],
                "address": line.values["applicant_address"][:300],
            },
        )
        step = None
        if not ended and line.status != State.PENDING_ACCEPTANCE:
            step = self._steps(new, d, version, line)
        if line.status == State.SUPPLEMENT_REQUESTED:
            asked = max((at for s, at, _n in history if s == 5), default=last_at)
            note = next((n for s, _at, n in reversed(history) if s == 5 and n), "")
            request = new(
                SupplementRequest,
                {
                    "dossier_id": d["id"],
                    "requested_at": asked,
                    "items": [],
                    "reason": note or "Yêu cầu bổ sung hồ sơ (hệ thống cũ)",
                },
            )
            new(Pause, {"dossier_id": d["id"], "started_at": asked, "supplement_id": request["id"]})
            d["paused_at"] = asked
        state = ""
        step_name = step["name"] if step else ""
        for version_no, (status, at, note) in enumerate(self._sheet(line, history), start=1):
            target = PORTAL_STATES[status].value
            new(
                TrackingEntry,
                {
                    "dossier_id": d["id"],
                    "at": at,
                    "actor_name": LEGACY_ACTOR,
                    "action": PORTAL_ACTIONS[status],
                    "from_status": state,
                    "to_status": target,
                    "to_agency_id": agency.pk,
                    "step_name": step_name,
                    "note": note,
                    "details": self.details[status],
                    "dossier_version": version_no,
                },
            )
            state = target
            d["version"] = version_no
        new(
            LegacyRecord,
            {
                "dossier_id": d["id"],
                "code": line.code,
                "province_id": p.unit.pk,
                "fingerprint": line.fingerprint,
                "old_province_code": _unit_code(line.raw.get("province_code"), 2)[:4],
                "old_district_code": _unit_code(line.raw.get("district_code"), 3)[:5],
                "old_commune_code": line.old_commune,
                "procedure_code": procedure_code[:40],
                "procedure_name": line.values["procedure_name"],
                "procedure_known": known,
                "agency_name": line.values["agency_name"][:250],
                "agency_code": str(line.raw.get("agency_code") or "").strip()[:40],
                "agency_rule": rule,
                "to_assign": rule == AgencyRule.UNRESOLVED,
                "id_tail": line.id_number[-6:],
                "converted": line.converted,
            },
        )
        return rows

    @staticmethod
    def _sheet(line: Line, history: list) -> list:
        """The old history, ending in the line's status (a closing row when the history stops short)."""
        sheet = list(history)
        if sheet[-1][0] != line.portal_status and PORTAL_STATES[sheet[-1][0]] != line.status:
            at = line.returned_at or line.finished_at or sheet[-1][1]
            sheet.append((line.portal_status, max(at, sheet[-1][1]), ""))
        return sheet

    def _steps(self, new, d, version, line):
        templates = self.p.steps_of(version)
        received, started, due = d["received_at"], d["clock_started_at"], d["due_at"]
        dues = (
            deadlines.step_dues(self.p.cal, started, due, [t.share for t in templates])
            if due and started and due > started
            else [None] * len(templates)
        )
        decided = STATES[line.status].decided
        steps = []
        for position, (template, step_due) in enumerate(zip(templates, dues, strict=True), start=1):
            done = position == 1 or (decided and position < len(templates))
            steps.append(
                new(
                    DossierStep,
                    {
                        "dossier_id": d["id"],
                        "position": position,
                        "name": template.name,
                        "role": template.role,
                        "time_share": template.share,
                        "due_at": step_due,
                        "started_at": received if done else None,
                        "finished_at": received if done else None,
                    },
                )
            )
        current = steps[-1] if decided else (steps[1] if len(steps) > 1 else steps[0])
        d["current_step_id"] = current["id"]
        return current

    def write(self, lines: list[Line]) -> None:
        """The batch's rows in one transaction (raises: the caller retries line by line)."""
        with transaction.atomic():
            if self.postgresql:
                # A committed batch is never waited for on disk: a server crash loses the last batches,
                # never a half line, and the rerun writes them again (ADR 0042).
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO off")
            if self.ids is None or not self.postgresql:
                self.ids = Ids(block=5_000)
            rows = defaultdict(list)
            for line in lines:
                for model, made in self.rows_of(line).items():
                    rows[model].extend(made)
            now = timezone.now()
            for model in self.MODELS:
                table = self.tables[model]
                if self.postgresql:
                    table.copy(rows[model], now, connection)
                else:
                    model.objects.bulk_create(table.instances(rows[model]), batch_size=500)


def codes_in(table: str, column: str, codes: list[str]) -> list[tuple[str, object]]:
    """(code, column) of the table's rows whose code is one of `codes`: one query on PostgreSQL (an
    array parameter, not one placeholder per code), chunks of 500 on SQLite."""
    if not codes:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT code, {column} FROM {table} WHERE code = ANY(%s)", [codes])  # noqa: S608
            return cursor.fetchall()
        found = []
        for i in range(0, len(codes), 500):
            chunk = codes[i : i + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT code, {column} FROM {table} WHERE code IN ({marks})", chunk)  # noqa: S608
            found.extend(cursor.fetchall())
        return found


class Seen:
    """A dry run's memory of the codes it would have written (with their fingerprints), so that a code
    met again later in the file is skipped or a conflict exactly as in a real run. Kept in a temporary
    table of the run's own database session (never visible to another session, gone when it ends; the
    database's tables are untouched), not in a Python set: memory stays one batch whatever the file's
    size, and every duplicate of the file is found, however far apart."""

    TABLE = "legacy_dry_run_seen"

    def __init__(self):
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.TABLE} "
                "(code varchar(40) PRIMARY KEY, fingerprint varchar(64) NOT NULL)"
            )
            cursor.execute(f"DELETE FROM {self.TABLE}")  # noqa: S608

    def known(self, codes: list[str]) -> dict[str, str]:
        return dict(codes_in(self.TABLE, "fingerprint", codes))

    def add(self, pairs: list[tuple[str, str]]) -> None:
        if pairs:
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {self.TABLE} (code, fingerprint) VALUES (%s, %s)", pairs)  # noqa: S608

    def close(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")


# ---- the run ----------------------------------------------------------------------------------------------


class Migration:
    def __init__(self, path, province_code: str, *, dry_run=False, rejects=None, batch=2000, progress=None):
        self.path, self.dry_run, self.batch, self.progress = str(path), dry_run, batch, progress
        containers.kind_of(path)  # an unknown container fails before anything is written
        self.p = Province(province_code)
        self.writer = Writer(self.p)
        self.rejects = containers.Rejects(rejects)
        self.outcome = Outcome()
        self.seen = Seen() if dry_run else None  # dry run: what a real run would have written already

    def run(self) -> Outcome:
        pending: list[Line] = []
        try:
            for number, raw in containers.read(self.path):
                try:
                    line = parse(number, raw)
                    line.commune = self.p.successor(line.old_commune)
                except Rejected as exc:
                    self._reject(Line(number, raw), exc)
                    continue
                pending.append(line)
                if len(pending) >= self.batch:
                    self._flush(pending)
                    pending = []
            if pending:
                self._flush(pending)
        finally:
            self.rejects.close()
            if self.seen is not None:
                self.seen.close()
        if not self.dry_run:
            self._record_run()
        return self.outcome

    def _reject(self, line: Line, exc: Rejected) -> None:
        self.outcome.rejected += 1
        self.outcome.reasons[exc.reason] += 1
        self.outcome.count(line, 2)
        self.rejects.add(line.raw, exc.text())

    def _flush(self, lines: list[Line]) -> None:
        fresh = self._fresh(lines)
        if self.dry_run:
            self.seen.add([(line.code, line.fingerprint) for line in fresh])
            for line in fresh:
                self.outcome.imported += 1
                self.outcome.count(line, 0)
            return
        try:
            self.writer.write(fresh)
        except DatabaseError:
            self.writer.ids = None  # a failed batch may have spent its reservations
            for line in fresh:
                try:
                    with transaction.atomic():
                        self.writer.write([line])
                except DatabaseError as exc:
                    self.writer.ids = None
                    self._reject(line, Rejected("write_failed", type(exc).__name__))
                    continue
                self.outcome.imported += 1
                self.outcome.count(line, 0)
        else:
            for line in fresh:
                self.outcome.imported += 1
                self.outcome.count(line, 0)
        self.rejects.flush()
        if self.progress:
            self.progress(self.outcome)

    def _fresh(self, lines: list[Line]) -> list[Line]:
        """The lines to write: a code already in (same fingerprint) is skipped, other content rejected.
        Two queries for the whole batch (the codes already imported, the codes new dossiers use)."""
        codes = list({line.code for line in lines})
        known = dict(codes_in(LegacyRecord._meta.db_table, "fingerprint", codes))
        if self.seen is not None:
            known.update(self.seen.known(codes))
        taken = {
            code for code, _ in codes_in(Dossier._meta.db_table, "id", [c for c in codes if c not in known])
        }
        fresh, batch = [], {}
        for line in lines:
            earlier = known.get(line.code) or batch.get(line.code)
            if earlier is not None:
                if earlier == line.fingerprint:
                    self.outcome.skipped += 1
                    self.outcome.count(line, 1)
                else:
                    self._reject(line, Rejected("code_conflict"))
                continue
            if line.code in taken:
                self._reject(line, Rejected("code_taken"))
                continue
            batch[line.code] = line.fingerprint
            fresh.append(line)
        return fresh

    def _record_run(self) -> None:
        o = self.outcome
        ImportRun.objects.create(
            province=self.p.unit,
            file_name=self.path[-300:],
            dry_run=self.dry_run,
            finished_at=timezone.now(),
            imported=o.imported,
            skipped=o.skipped,
            rejected=o.rejected,
            tallies=dict(o.tallies),
            reasons=dict(o.reasons),
        )
