"""A version's content (content.py's plain dict) in the shape the reception uses it, and an overlay in
that shape back into content. The shape is `motcua catalog show CODE --json` (ADR 0022). Pure Python."""

from motcua.catalog.vocabulary import Channel, FeeKind, TimeUnit

UNIT_TO_JSON = {
    TimeUnit.SAME_DAY: "same_day",
    TimeUnit.WORKING_DAYS: "working_day",
    TimeUnit.WORKING_HOURS: "working_hour",
    TimeUnit.CALENDAR_DAYS: "day",
    TimeUnit.MONTHS: "month",
    TimeUnit.HOURS: "hour",
    TimeUnit.NOT_REGULATED: "not_regulated",
    TimeUnit.UNKNOWN: "unknown",
}
UNIT_FROM_JSON = {value: unit.value for unit, value in UNIT_TO_JSON.items()}
FEE_TO_JSON = {
    FeeKind.FREE: "free",
    FeeKind.AMOUNT: "amount",
    FeeKind.PROVINCE: "provincial",
    FeeKind.UNKNOWN: "unknown",
}
FEE_FROM_JSON = {value: kind.value for kind, value in FEE_TO_JSON.items()}
CHANNELS = tuple(c.value for c in Channel)
# Review reasons an overlay settles when it gives that part.
COVERED_FIELDS = {"documents": {"documents", "cases"}, "terms": {"time_limit", "fee"}, "notes": set()}


def _number(value):
    if value in (None, ""):
        return None
    number = float(value)
    return int(number) if number == int(number) else number


def document_json(document: dict) -> dict:
    return {
        "name": document["name"],
        "required": bool(document.get("required", True)),
        "condition": document.get("condition") or None,
        "one_of": document.get("one_of") or None,
        "presented": bool(document.get("presented", False)),
        "originals": document.get("originals", 0),
        "copies": document.get("copies", 0),
        "template_name": document.get("template_name", ""),
    }


def term_json(term: dict) -> dict:
    return {
        "time_value": _number(term.get("time_value")),
        "time_unit": UNIT_TO_JSON.get(term.get("time_unit"), "unknown"),
        "fee_kind": FEE_TO_JSON.get(term.get("fee_kind"), "unknown"),
        "fee_amount": term.get("fee_amount"),
        "fee_currency": term.get("fee_currency") or "VND",
        "valid_from": term.get("valid_from") or None,
        "valid_until": term.get("valid_until") or None,
        "fee_tiers": term.get("fee_tiers") or [],
        "time_text": term.get("time_text", ""),
        "fee_text": term.get("fee_text", ""),
        "description": term.get("description", ""),
    }


def show_json(code: str, content: dict, **identity) -> dict:
    """`identity`: version number, valid_from… of a stored version (nothing for a parsed record)."""
    documents = content.get("documents", [])
    cases = [
        {"name": title, "documents": [document_json(d) for d in documents if d.get("case") == index]}
        for index, title in enumerate(content.get("cases", []))
    ]
    terms: dict[str, list[dict]] = {channel: [] for channel in CHANNELS}
    for term in content.get("channel_terms", []):
        terms.setdefault(term["channel"], []).append(term_json(term))
    reasons = content.get("review_reasons") or []
    return {
        "code": code,
        "name": content.get("name", ""),
        **identity,
        "needs_review": bool(content.get("needs_review", bool(reasons))),
        "review_reasons": reasons,
        "cases": cases,
        "common_documents": [document_json(d) for d in documents if d.get("case") is None],
        "notes": [n["text"] if isinstance(n, dict) else n for n in content.get("notes", [])],
        "terms": terms,
    }


def _document_content(document: dict, case: int | None) -> dict:
    return {
        "name": document["name"],
        "required": bool(document.get("required", True)),
        "condition": document.get("condition") or "",
        "one_of": str(document.get("one_of") or ""),
        "presented": bool(document.get("presented", False)),
        "originals": int(document.get("originals") or 0),
        "copies": int(document.get("copies") or 0),
        "template_name": document.get("template_name", ""),
        "case": case,
    }


def _term_content(channel: str, term: dict) -> dict:
    value = term.get("time_value")
    return {
        "channel": channel,
        "time_value": None if value is None else str(value),
        "time_unit": UNIT_FROM_JSON.get(term.get("time_unit"), TimeUnit.UNKNOWN.value),
        "time_text": term.get("time_text", ""),
        "fee_kind": FEE_FROM_JSON.get(term.get("fee_kind"), FeeKind.UNKNOWN.value),
        "fee_amount": term.get("fee_amount"),
        "fee_currency": term.get("fee_currency") or "VND",
        "fee_text": term.get("fee_text", ""),
        "fee_tiers": term.get("fee_tiers") or [],
        "valid_from": term.get("valid_from") or None,
        "valid_until": term.get("valid_until") or None,
        "time_source": "curated",
        "description": term.get("description", ""),
    }


TIME_KEYS = ("time_value", "time_unit", "time_text", "time_source")


def _with_curated_time(term: dict, curated: list[dict]) -> dict:
    """A channel the curator left alone whose time the crawl lost takes the curated in-person limit: the
    law sets a procedure's time limit whatever the channel it came through (DOMAIN.md: the same
    procedure's other channels hold a lost unit). Its fee is kept: online fees may be reduced."""
    if term.get("time_unit") != TimeUnit.UNKNOWN.value:
        return term
    base = next(
        (t for t in curated if t["channel"] == "in_person" and t["time_unit"] != TimeUnit.UNKNOWN.value), None
    )
    return {**term, **{key: base[key] for key in TIME_KEYS}} if base else term


def apply_overlay(content: dict, overlay: dict) -> dict:
    """`content` with the parts `overlay` gives replaced, the review reasons it settles dropped and its own
    (a fact the curator could not settle, ADR 0023) added."""
    result = dict(content)
    covered: set[str] = set()
    if "cases" in overlay or "common_documents" in overlay:
        cases = overlay.get("cases") or []
        result["cases"] = [case["name"] for case in cases]
        result["documents"] = [_document_content(d, None) for d in overlay.get("common_documents") or []] + [
            _document_content(d, index) for index, case in enumerate(cases) for d in case.get("documents", [])
        ]
        covered |= COVERED_FIELDS["documents"]
    if "notes" in overlay:
        result["notes"] = [{"text": text, "case": None} for text in overlay["notes"]]
    if overlay.get("terms"):
        given = {channel for channel, terms in overlay["terms"].items() if terms}
        kept = [t for t in content.get("channel_terms", []) if t["channel"] not in given]
        curated = [_term_content(ch, t) for ch in CHANNELS for t in overlay["terms"].get(ch) or []]
        result["channel_terms"] = curated + [_with_curated_time(t, curated) for t in kept]
        if not kept:
            covered |= COVERED_FIELDS["terms"]
    if overlay.get("name"):
        result["name"] = overlay["name"]
    result["review_reasons"] = [
        r for r in content.get("review_reasons", []) if r.get("field") not in covered
    ] + [dict(r) for r in overlay.get("review_reasons") or []]  # the overlay's own doubts stay flagged
    result["needs_review"] = bool(result["review_reasons"])
    result["sources"] = overlay.get("sources") or {}
    return result
