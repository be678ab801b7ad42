"""A version's content as plain data, and back: one shape for copying a draft, exporting a province's
catalog, importing it elsewhere and comparing two versions. No identities (ids) inside, only values."""

from datetime import date
from decimal import Decimal

from .models import (
    ChannelTerm,
    DocumentCase,
    Field,
    LegalBasis,
    ProcedureNote,
    ProcedureResult,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
)

SCALAR_FIELDS = (
    "name",
    "level_text",
    "at_ministry",
    "at_province",
    "at_commune",
    "at_other",
    "procedure_type",
    "agency_kind",
    "agency_name",
    "competent_authority",
    "applicant_kinds",
    "online_level",
    "boundary_free",
    "conditions",
    "steps_text",
    "results_text",
    "decision_no",
    "needs_review",
    "parse_notes",
    "review_reasons",
    "sources",
    "source",
    "source_hash",
)
TERM_FIELDS = (
    "channel",
    "time_value",
    "time_unit",
    "time_text",
    "fee_kind",
    "fee_amount",
    "fee_currency",
    "fee_text",
    "fee_tiers",
    "valid_from",
    "valid_until",
    "time_source",
    "description",
)
TERM_DATES = ("valid_from", "valid_until")
DOCUMENT_FIELDS = (
    "name",
    "originals",
    "copies",
    "required",
    "condition",
    "one_of",
    "presented",
    "template_name",
)
RESULT_FIELDS = ("name", "result_code")
LEGAL_FIELDS = ("number", "title", "issued_on", "issuer")
STEP_FIELDS = ("name", "role", "agency_kind", "time_share")
CHILDREN = ("channel_terms", "cases", "documents", "notes", "results", "legal_bases", "process_steps")


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(obj, fields) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def _document(document: RequiredDocument, case: int | None) -> dict:
    row = {**_row(document, DOCUMENT_FIELDS), "case": case}
    if document.template:
        # The uploaded form is shared by reference (stored files are never deleted), so a draft copied
        # from this version keeps it; absent when there is none, so older exports still compare equal.
        row["template"] = document.template.name
    return row


def version_content(version: ProcedureVersion) -> dict:
    """Everything a version says (not its identity, status or window). Uses prefetched rows if any."""
    content = {name: _plain(getattr(version, name)) for name in SCALAR_FIELDS}
    content["field"] = version.field.name if version.field_id else ""
    content["decision_date"] = _plain(version.decision_date)
    content["channel_terms"] = [_row(t, TERM_FIELDS) for t in version.channel_terms.all()]
    cases = list(version.cases.all())
    position = {case.id: index for index, case in enumerate(cases)}
    content["cases"] = [case.title for case in cases]
    content["documents"] = [_document(d, position.get(d.case_id)) for d in version.documents.all()]
    content["notes"] = [{"text": n.text, "case": position.get(n.case_id)} for n in version.notes.all()]
    content["results"] = [_row(r, RESULT_FIELDS) for r in version.results.all()]
    content["legal_bases"] = [_row(b, LEGAL_FIELDS) for b in version.legal_bases.all()]
    content["process_steps"] = [_row(s, STEP_FIELDS) for s in version.process_steps.all()]
    return content


def field_for(name: str) -> Field | None:
    name = (name or "").strip()
    if not name:
        return None
    return Field.objects.get_or_create(name=name)[0]


def apply_scalars(version: ProcedureVersion, content: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in content:
            setattr(version, name, content[name])
    if "field" in content:
        version.field = field_for(content["field"])
    if "decision_date" in content:
        value = content["decision_date"]
        version.decision_date = (
            date.fromisoformat(value) if isinstance(value, str) and value else value or None
        )


def _term_values(term: dict) -> dict:
    values = {k: term.get(k) for k in TERM_FIELDS if k in term}
    for name in TERM_DATES:
        if isinstance(values.get(name), str):
            values[name] = date.fromisoformat(values[name]) if values[name] else None
    if values.get("fee_tiers") is None:
        values.pop("fee_tiers", None)
    return values


def build_children(version: ProcedureVersion, content: dict) -> dict[str, list]:
    """Unsaved child rows for `version`, per model; cases must be saved before documents get their FK."""
    rows: dict[str, list] = {
        "cases": [
            DocumentCase(version=version, position=i, title=title)
            for i, title in enumerate(content.get("cases", []))
        ]
    }
    rows["channel_terms"] = [
        ChannelTerm(version=version, position=i, **_term_values(t))
        for i, t in enumerate(content.get("channel_terms", []))
    ]
    rows["notes"] = [
        ProcedureNote(version=version, position=i, text=n["text"])
        for i, n in enumerate(content.get("notes", []))
    ]
    rows["_note_cases"] = [n.get("case") for n in content.get("notes", [])]
    rows["documents"] = [
        RequiredDocument(
            version=version,
            position=i,
            template=d.get("template") or "",
            **{k: d[k] for k in DOCUMENT_FIELDS if k in d},
        )
        for i, d in enumerate(content.get("documents", []))
    ]
    rows["results"] = [
        ProcedureResult(version=version, position=i, **{k: r[k] for k in RESULT_FIELDS if k in r})
        for i, r in enumerate(content.get("results", []))
    ]
    rows["legal_bases"] = [
        LegalBasis(
            version=version,
            position=i,
            number=b.get("number", ""),
            title=b.get("title", ""),
            issued_on=date.fromisoformat(b["issued_on"]) if b.get("issued_on") else None,
            issuer=b.get("issuer", ""),
        )
        for i, b in enumerate(content.get("legal_bases", []))
    ]
    rows["process_steps"] = [
        ProcessStep(version=version, position=i, **{k: s[k] for k in STEP_FIELDS if k in s})
        for i, s in enumerate(content.get("process_steps", []))
    ]
    rows["_document_cases"] = [d.get("case") for d in content.get("documents", [])]
    return rows


def save_children(batches: list[dict[str, list]]) -> None:
    """Bulk-insert the rows built by `build_children` for many versions at once."""
    cases = [c for rows in batches for c in rows["cases"]]
    DocumentCase.objects.bulk_create(cases, batch_size=2000)
    documents = []
    for rows in batches:
        for document, case_index in zip(rows["documents"], rows["_document_cases"], strict=True):
            if case_index is not None:
                document.case = rows["cases"][case_index]
            documents.append(document)
    RequiredDocument.objects.bulk_create(documents, batch_size=2000)
    notes = []
    for rows in batches:
        for note, case_index in zip(rows["notes"], rows["_note_cases"], strict=True):
            if case_index is not None:
                note.case = rows["cases"][case_index]
            notes.append(note)
    ProcedureNote.objects.bulk_create(notes, batch_size=2000)
    for name, model in (
        ("channel_terms", ChannelTerm),
        ("results", ProcedureResult),
        ("legal_bases", LegalBasis),
        ("process_steps", ProcessStep),
    ):
        model.objects.bulk_create([r for rows in batches for r in rows[name]], batch_size=2000)


def replace_children(version: ProcedureVersion, content: dict) -> None:
    """Replace the child rows named in `content` (others are left as they are)."""
    keys = [k for k in CHILDREN if k in content]
    if not keys:
        return
    current = version_content(version) if keys != list(CHILDREN) else {}
    merged = {**{k: current.get(k, []) for k in CHILDREN}, **{k: content[k] for k in keys}}
    for related in (
        "channel_terms",
        "documents",
        "notes",
        "cases",
        "results",
        "legal_bases",
        "process_steps",
    ):
        getattr(version, related).all().delete()
    save_children([build_children(version, merged)])
