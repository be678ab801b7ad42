"""Scraped procedure text → structured catalog data. Pure Python: no Django import, so it is tested on
its own and reusable by scripts. What cannot be parsed is kept verbatim with an issue code; nothing is
guessed. See docs/decisions/0005-procedure-catalog.md for the rules."""

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field

from motcua.catalog.vocabulary import AgencyKind

from .documents import DocumentData, parse_documents, table_documents
from .fees import refine_fees
from .recovery import WORKING_DAY_FIELDS, WORKING_DAY_LAWS, recover_times
from .structure import NoteData
from .terms import ChannelTermData, channel_terms, clean, parse_fee, parse_time_limit, table_terms
from .texts import (
    LegalBasisData,
    parse_agency_kind,
    parse_legal_table,
    parse_legal_text,
    parse_levels,
    parse_results,
)

__all__ = [
    "FIELDS",
    "ParsedProcedure",
    "parse_fee",
    "parse_record",
    "parse_time_limit",
    "source_hash",
]

# The per-field statistics the import prints, in order.
FIELDS = (
    "time_limit",
    "fee",
    "documents",
    "cases",
    "results",
    "legal_basis",
    "level",
    "agency_kind",
    "field",
)


@dataclass
class ParsedProcedure:
    code: str
    name: str
    field: str
    level_text: str
    levels: set[str]
    procedure_type: str
    decision_no: str
    agency_name: str
    agency_kind: AgencyKind
    competent_authority: str
    applicant_kinds: str
    conditions: str
    steps_text: str
    results_text: str
    terms: list[ChannelTermData]
    cases: list[str]
    documents: list[DocumentData]
    notes: list[NoteData]
    results: list[tuple[str, str]]
    legal_bases: list[LegalBasisData]
    source: dict
    issues: list[dict] = field(default_factory=list)
    # field → True (parsed), False (present but not parsed), None (the source has nothing to parse)
    parsed: dict[str, bool | None] = field(default_factory=dict)

    @property
    def needs_review(self) -> bool:
        return bool(self.issues)


def source_hash(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _meaningful(text: str) -> str:
    text = clean(text)
    return "" if text.lower() in {"không có thông tin", "không"} else text


def _nfc(value):
    """Some scraped text is decomposed (NFD): compose it so patterns and comparisons see one form."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _legal_numbers(record: dict) -> list[str]:
    tables = record.get("tables") or {}
    raw = record.get("raw") or {}
    bases = (
        parse_legal_table(tables["can_cu_phap_ly"])
        if tables.get("can_cu_phap_ly")
        else parse_legal_text(raw.get("can_cu_phap_ly"))
    )
    text = raw.get("can_cu_phap_ly") or ""
    field_law = WORKING_DAY_FIELDS.get(clean(record.get("field")))
    return (
        [b.number for b in bases]
        + [n for n in WORKING_DAY_LAWS if n in text]
        + ([field_law] if field_law else [])
    )


def parse_record(record: dict) -> ParsedProcedure:
    """One line of the package data file → ParsedProcedure."""
    record = _nfc(record)
    raw = record.get("raw") or {}
    tables = record.get("tables") or {}
    issues: list[dict] = []

    def issue(field_name: str, code: str, value: str = "") -> None:
        issues.append({"field": field_name, "issue": code, "value": value[:300]})

    terms = table_terms(tables["hinh_thuc_nop"]) if tables.get("hinh_thuc_nop") else []
    if not terms:
        terms = channel_terms(
            record.get("processing_time_text", ""), record.get("fees_text", ""), record.get("channels") or []
        )
    recover_times(
        terms,
        [
            raw.get("trinh_tu_thuc_hien") or "",
            raw.get("yeu_cau_dieu_kien") or "",
            raw.get("cach_thuc_thuc_hien") or "",
            "\n".join(record.get("documents") or []),
        ],
        _legal_numbers(record),
    )
    terms = refine_fees(terms)
    for term in terms:
        for field_name, code, value in term.review:
            issue(field_name, code, value)
        if term.time.issue:
            issue("time_limit", term.time.issue, term.time.text)
        if term.fee.issue:
            issue("fee", term.fee.issue, term.fee.text)

    if tables.get("thanh_phan_ho_so"):
        cases, documents, notes = table_documents(tables["thanh_phan_ho_so"])
    else:
        cases, documents, notes = parse_documents(record.get("documents") or [])
    if not documents:
        issue("documents", "documents_missing")
    for document in documents:
        if document.issue:
            issue("documents", document.issue, document.name)

    levels, unknown_levels = parse_levels(record.get("level"))
    if unknown_levels or not levels:
        issue("level", "level_unparsed", record.get("level") or "")

    agency_name = _meaningful(record.get("agency") or raw.get("co_quan_thuc_hien") or "")
    agency_kind = parse_agency_kind(agency_name)

    results_text = record.get("results") or ""
    results = parse_results(results_text)
    if not results:
        issue("results", "results_missing")

    if tables.get("can_cu_phap_ly"):
        legal_bases = parse_legal_table(tables["can_cu_phap_ly"])
    else:
        legal_bases = parse_legal_text(raw.get("can_cu_phap_ly"))
    has_legal_source = bool(tables.get("can_cu_phap_ly") or _meaningful(raw.get("can_cu_phap_ly") or ""))
    legal_ok = bool(legal_bases) and all(b.number for b in legal_bases)
    if has_legal_source and not legal_ok:
        issue("legal_basis", "legal_basis_unparsed")

    parsed = {
        "time_limit": bool(terms) and all(t.time.usable for t in terms),
        "fee": bool(terms) and all(t.fee.usable for t in terms),
        "documents": bool(documents) and not any(d.issue for d in documents),
        "cases": bool(cases) if cases else None,
        "results": bool(results),
        "legal_basis": legal_ok if has_legal_source else None,
        "level": bool(levels) and not unknown_levels,
        "agency_kind": agency_kind not in (AgencyKind.UNKNOWN,),
        "field": bool(clean(record.get("field"))),
    }
    return ParsedProcedure(
        code=record["code"].strip(),
        name=clean(record.get("name")),
        field=clean(record.get("field")),
        level_text=clean(record.get("level")),
        levels=levels,
        procedure_type=clean(record.get("procedure_type")),
        decision_no=clean(record.get("decision_no") or raw.get("so_quyet_dinh")),
        agency_name=agency_name,
        agency_kind=agency_kind,
        competent_authority=_meaningful(raw.get("co_quan_co_tham_quyen") or ""),
        applicant_kinds=_meaningful(raw.get("doi_tuong_thuc_hien") or ""),
        conditions=_meaningful(raw.get("yeu_cau_dieu_kien") or ""),
        steps_text=(raw.get("trinh_tu_thuc_hien") or "").strip(),
        results_text=clean(results_text),
        terms=terms,
        cases=cases,
        documents=documents,
        notes=notes,
        results=results,
        legal_bases=legal_bases,
        source={
            "origin": record.get("source", ""),
            "url": record.get("source_url") or "",
            "processing_time_text": record.get("processing_time_text", ""),
            "fees_text": record.get("fees_text", ""),
        },
        issues=issues,
        parsed=parsed,
    )
