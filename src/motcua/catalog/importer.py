"""Load the national catalog from the package's data file (data/tthc-2026.jsonl.gz).

- Idempotent: each version remembers the hash of what it was built from (the source record, the parser's
  revision and the curated overlay, ADR 0022); a record whose hash equals the latest version's is skipped.
- A curated overlay (`catalog/curated/`) replaces the parsed cases, documents, notes and terms it gives.
- New procedure → version 1, published from 2025-07-01 (the sources give decision numbers without
  dates; 1 July 2025 is when the two-level catalog took effect).
- Changed record of a known procedure → a new draft for an administrator to review and publish; if a
  draft already exists it is left alone and reported. Nothing published is ever overwritten.
- Same record, new reading (a better parser or a new overlay) → a new version through the services,
  published from today: the source did not change, only how it is read; doubts stay flagged on it.
- Bulk inserts: the whole catalog is a handful of INSERT batches.
"""

import gzip
import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import services
from .content import CHILDREN, build_children, save_children
from .curated import load_overlays, new_records
from .models import CatalogAuditLog, Field, Procedure, ProcedureVersion, VersionStatus
from .parsing import FIELDS, ParsedProcedure, parse_record, source_hash
from .shape import apply_overlay

DATA_FILE = Path(__file__).resolve().parent / "data" / "tthc-2026.jsonl.gz"
DEFAULT_VALID_FROM = date(2025, 7, 1)
# Bump when the parser reads the same record differently: the next import makes new versions.
PARSE_REVISION = "2026-12-07.adr0022.2"


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    unchanged: int = 0
    drafted: list[str] = field(default_factory=list)
    republished: list[str] = field(default_factory=list)
    curated: int = 0
    skipped: list[str] = field(default_factory=list)
    needs_review: int = 0
    issues: Counter = field(default_factory=Counter)
    # field -> [parsed, not parsed, nothing in the source]
    fields: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0, 0] for name in FIELDS})
    seconds: float = 0.0


def read_records(path: Path = DATA_FILE) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def catalog_records(path: Path = DATA_FILE, overlays: dict[str, dict] | None = None) -> list[dict]:
    """The records an import reads: the file's, and for the national file also the curated procedures
    the crawl lacks (monthly social allowances), which then go through the same parse and overlay."""
    records = read_records(path)
    if path == DATA_FILE:  # a test's sample file is read as it is
        overlays = load_overlays() if overlays is None else overlays
        records += new_records(overlays, {r["code"].strip() for r in records})
    return records


def parsed_content(parsed: ParsedProcedure, digest: str) -> dict:
    """The content dict (see content.py) of a parsed record."""
    return {
        "name": parsed.name,
        "field": parsed.field,
        "level_text": parsed.level_text,
        "at_ministry": "ministry" in parsed.levels,
        "at_province": "province" in parsed.levels,
        "at_commune": "commune" in parsed.levels,
        "at_other": "other" in parsed.levels,
        "procedure_type": parsed.procedure_type,
        "agency_kind": parsed.agency_kind.value,
        "agency_name": parsed.agency_name,
        "competent_authority": parsed.competent_authority,
        "applicant_kinds": parsed.applicant_kinds,
        "conditions": parsed.conditions,
        "steps_text": parsed.steps_text,
        "results_text": parsed.results_text,
        "decision_no": parsed.decision_no,
        "needs_review": parsed.needs_review,
        "parse_notes": parsed.issues,
        "review_reasons": [
            {"field": i["field"], "reason": i["issue"], "detail": i["value"]} for i in parsed.issues
        ],
        "sources": {},
        "source": parsed.source,
        "source_hash": digest,
        "channel_terms": [
            {
                "channel": t.channel.value,
                "time_value": t.time.value,
                "time_unit": t.time.unit.value,
                "time_text": t.time.text[:500],
                "fee_kind": t.fee.kind.value,
                "fee_amount": t.fee.amount,
                "fee_currency": t.fee.currency,
                "fee_text": t.fee.text,
                "fee_tiers": t.fee_tiers,
                "valid_from": t.valid_from and t.valid_from.isoformat(),
                "valid_until": t.valid_until and t.valid_until.isoformat(),
                "time_source": t.time_source,
                "description": t.description,
            }
            for t in parsed.terms
        ],
        "cases": parsed.cases,
        "documents": [
            {
                "name": d.name,
                "originals": d.originals,
                "copies": d.copies,
                "required": d.required,
                "template_name": d.template_name,
                "condition": d.condition,
                "one_of": d.one_of,
                "presented": d.presented,
                "case": d.case_index,
            }
            for d in parsed.documents
        ],
        "notes": [{"text": n.text, "case": n.case_index} for n in parsed.notes],
        "results": [{"name": name, "result_code": code} for name, code in parsed.results],
        "legal_bases": [
            {
                "number": b.number,
                "title": b.title,
                "issued_on": b.issued_on and b.issued_on.isoformat(),
                "issuer": b.issuer,
            }
            for b in parsed.legal_bases
        ],
        "process_steps": [],
    }


def reading_hash(record_hash: str, overlay: dict | None) -> str:
    """What a version was built from: the record, the parser's revision, the overlay."""
    extra = json.dumps(overlay, ensure_ascii=False, sort_keys=True) if overlay else ""
    return hashlib.sha256(f"{record_hash}|{PARSE_REVISION}|{extra}".encode()).hexdigest()


def build_content(record: dict, overlay: dict | None) -> tuple[ParsedProcedure, dict]:
    parsed = parse_record(record)
    record_hash = source_hash(record)
    content = parsed_content(parsed, reading_hash(record_hash, overlay))
    content["source"] = {**content["source"], "record_hash": record_hash}
    if overlay:
        content = apply_overlay(content, overlay)
    return parsed, content


def _count(report: ImportReport, parsed: ParsedProcedure, content: dict) -> None:
    flags = dict(parsed.parsed)
    terms = content.get("channel_terms") or []
    if content.get("sources") and terms:  # a curated overlay: count the terms stored, not those parsed
        flags["time_limit"] = all(t["time_unit"] != "unknown" for t in terms)
        flags["fee"] = all(t["fee_kind"] != "unknown" for t in terms)
    for name, value in flags.items():
        report.fields[name][0 if value else 1 if value is False else 2] += 1
    report.needs_review += bool(content.get("needs_review"))
    report.issues.update(f"{i['field']}:{i['issue']}" for i in parsed.issues)


def _ensure_fields(names: set[str]) -> dict[str, Field]:
    existing = {f.name: f for f in Field.objects.filter(name__in=names)}
    Field.objects.bulk_create([Field(name=n) for n in sorted(names - existing.keys())], ignore_conflicts=True)
    return {f.name: f for f in Field.objects.filter(name__in=names)}


def _create_published(items: list[tuple[ParsedProcedure, dict]], actor) -> None:
    """Procedures new to this database: one bulk insert per table."""
    Procedure.objects.bulk_create([Procedure(code=p.code) for p, _ in items], batch_size=2000)
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[p.code for p, _ in items])}
    fields = _ensure_fields({c["field"] for _, c in items if c["field"]})
    now = timezone.now()
    versions = []
    for parsed, content in items:
        version = ProcedureVersion(
            procedure=procedures[parsed.code],
            number=1,
            status=VersionStatus.PUBLISHED,
            valid_from=DEFAULT_VALID_FROM,
            field=fields.get(content["field"]),
            published_at=now,
            published_by=actor,
            created_by=actor,
        )
        for name, value in content.items():
            if name != "field" and name not in CHILDREN:
                setattr(version, name, value)
        versions.append(version)
    ProcedureVersion.objects.bulk_create(versions, batch_size=1000)
    if any(v.pk is None for v in versions):  # backends that do not return ids from bulk inserts
        ids = dict(
            ProcedureVersion.objects.filter(number=1, procedure__in=procedures.values()).values_list(
                "procedure_id", "id"
            )
        )
        for version in versions:
            version.pk = version.id = ids[version.procedure_id]
    save_children([build_children(v, c) for v, (_, c) in zip(versions, items, strict=True)])
    CatalogAuditLog.objects.bulk_create(
        [
            CatalogAuditLog(
                action="import_publish",
                actor=actor,
                procedure=v.procedure,
                version=v,
                version_number=1,
                details={"valid_from": DEFAULT_VALID_FROM.isoformat(), "source_hash": v.source_hash},
            )
            for v in versions
        ],
        batch_size=2000,
    )


@transaction.atomic
def import_catalog(
    path: Path = DATA_FILE, actor=None, overlays: dict[str, dict] | None = None
) -> ImportReport:
    started = time.perf_counter()
    actor = actor if getattr(actor, "pk", None) else None
    report = ImportReport()
    overlays = load_overlays() if overlays is None else overlays
    records = catalog_records(path, overlays)
    report.total = len(records)
    # code -> (number, reading hash, record hash) of its newest version
    latest: dict[str, tuple[int, str, str]] = {}
    for code, number, digest, source in ProcedureVersion.objects.values_list(
        "procedure__code", "number", "source_hash", "source"
    ):
        if code not in latest or number > latest[code][0]:
            latest[code] = (number, digest, (source or {}).get("record_hash", digest))
    new_items, changed, reread = [], [], []
    for record in records:
        parsed, content = build_content(record, overlays.get(record["code"].strip()))
        _count(report, parsed, content)
        report.curated += bool(content.get("sources"))
        known = latest.get(parsed.code)
        if known is None:
            new_items.append((parsed, content))
        elif known[1] == content["source_hash"]:
            report.unchanged += 1
        elif known[2] == content["source"]["record_hash"]:
            reread.append((parsed, content))
        else:
            changed.append((parsed, content))
    if new_items:
        _create_published(new_items, actor)
        report.created = len(new_items)
    for parsed, content in changed + reread:
        procedure = Procedure.objects.get(code=parsed.code)
        if procedure.versions.filter(status=VersionStatus.DRAFT).exists():
            report.skipped.append(parsed.code)
            continue
        draft = services.create_draft(procedure=procedure, actor=actor, data=content)
        if (parsed, content) in reread:
            services.publish(version=draft, valid_from=_republish_day(procedure), actor=actor)
            report.republished.append(parsed.code)
        else:
            report.drafted.append(parsed.code)
    report.seconds = time.perf_counter() - started
    return report


def _republish_day(procedure: Procedure) -> date:
    """Today, or the start of the current version if it starts later (never an overlap)."""
    today = timezone.localdate()
    starts = procedure.versions.filter(status=VersionStatus.PUBLISHED).values_list("valid_from", flat=True)
    return max([today, *[s for s in starts if s]])
