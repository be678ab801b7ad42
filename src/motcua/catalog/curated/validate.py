"""Checks one curated overlay before the importer may use it (docs/decisions/0023-curated-catalog-overlay.md).

Pure Python. `problems(item)` returns every defect of one overlay as a readable sentence (empty list =
valid); the loader refuses the whole overlay set when any overlay has one, so a typo never reaches a
published version. An overlay is the `motcua catalog show --json` shape plus citations: each time limit,
fee, document and case carries a `source` (inline) or has one in the `sources` map at its path.
"""

import re
from datetime import date

CHANNELS = ("in_person", "online", "postal")
TIME_UNITS = ("same_day", "working_day", "working_hour", "day", "month", "hour", "not_regulated", "unknown")
VALUELESS_UNITS = ("same_day", "not_regulated", "unknown")
FEE_KINDS = ("free", "amount", "provincial", "unknown")
# Below this a fee amount is a typo of the source (the crawl held 1 đ and 50 đ), not a fee.
MIN_FEE = 1000
CODE = re.compile(r"^\d\.\d{6}$")
# A citation names a legal text by its number ("123/2015/NĐ-CP") or as a law with its year, and an
# article, an annex, or the national record it was taken from ("bản ghi thủ tục 1.013831").
LEGAL_TEXT = re.compile(r"\d+/\d{4}/[A-ZĐ]|Luật [^,;(]*\d{4}")
PLACE = re.compile(r"Điều \d+|Phụ lục|bản ghi thủ tục \d\.\d{6}")
# What the crawl turned into cases or papers although they are headings or notes.
HEADING = re.compile(r"^\s*(\*|#|\+|-)|^\s*(giấy tờ phải (nộp|xuất trình)|lưu ý|hồ sơ gồm)", re.IGNORECASE)

TOP_KEYS = {
    "code", "name", "new", "field", "level_text", "agency_kind", "agency_name",
    "terms", "common_documents", "cases", "notes", "review_reasons", "sources",
}  # fmt: skip
TERM_KEYS = {
    "time_value", "time_unit", "time_text", "fee_kind", "fee_amount", "fee_text", "fee_tiers",
    "valid_from", "valid_until", "source",
}  # fmt: skip
DOC_KEYS = {
    "name",
    "required",
    "condition",
    "one_of",
    "presented",
    "originals",
    "copies",
    "source",
    "template_name",
}
CASE_KEYS = {"name", "documents", "source"}
NEW_KEYS = ("field", "level_text", "agency_kind", "agency_name")


def is_citation(text) -> bool:
    return isinstance(text, str) and bool(LEGAL_TEXT.search(text)) and bool(PLACE.search(text))


def problems(item: dict) -> list[str]:
    if not isinstance(item, dict):
        return ["một mục không phải là đối tượng JSON"]
    code = item.get("code")
    out: list[str] = []
    say = out.append
    if not isinstance(code, str) or not CODE.match(code):
        say(f"mã thủ tục không hợp lệ: {code!r} (dạng 1.001193)")
    where = f"{code}: " if isinstance(code, str) else ""
    for key in sorted(set(item) - TOP_KEYS):
        say(f"{where}khóa không được hỗ trợ: {key!r}")
    if "name" in item and not _text(item.get("name")):
        say(f"{where}tên thủ tục rỗng")
    if item.get("new"):
        for key in NEW_KEYS:
            if not _text(item.get(key)):
                say(f"{where}thủ tục mới phải có {key!r}")
    sources = item.get("sources") or {}
    if not isinstance(sources, dict):
        say(f"{where}'sources' phải là một bảng đường dẫn → trích dẫn")
        sources = {}
    reasons = item.get("review_reasons") or []
    out += [where + p for p in _reasons(reasons)]
    flagged = {r.get("field") for r in reasons if isinstance(r, dict)}
    out += [where + p for p in _terms(item.get("terms"), sources, flagged)]
    out += [where + p for p in _documents(item, sources)]
    notes = item.get("notes") or []
    if not isinstance(notes, list) or not all(_text(n) for n in notes):
        say(f"{where}'notes' phải là danh sách các câu không rỗng")
    return out


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _cited(obj: dict, sources: dict, path: str, part: str | None = None) -> bool:
    """Cited inline (`source`) or in the `sources` map, at the fact's path; a term's citation may also be
    given for its whole channel ("terms.in_person.time")."""
    inline = obj.get("source")
    if part is not None:
        inline = inline.get(part) if isinstance(inline, dict) else None
        channel = path.rsplit(".", 2)[0]
        if is_citation(sources.get(f"{channel}.{part}")):
            return True
    return is_citation(inline) or is_citation(sources.get(path))


def _reasons(reasons) -> list[str]:
    if not isinstance(reasons, list):
        return ["'review_reasons' phải là danh sách"]
    return [
        f"lý do rà soát thứ {i + 1} phải có 'field', 'reason' và 'detail'"
        for i, r in enumerate(reasons)
        if not (
            isinstance(r, dict)
            and _text(r.get("field"))
            and _text(r.get("reason"))
            and _text(r.get("detail"))
        )
    ]


def _date(value, label: str, out: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        out.append(f"{label}: ngày không hợp lệ {value!r} (dạng 2026-12-31)")
        return None


def _terms(terms, sources: dict, flagged: set) -> list[str]:
    out: list[str] = []
    if terms is None:
        return out
    if not isinstance(terms, dict) or not terms:
        return ["'terms' phải là bảng kênh → danh sách thời hạn, phí"]
    for channel, rows in terms.items():
        if channel not in CHANNELS:
            out.append(f"kênh không hợp lệ: {channel!r} (in_person, online, postal)")
            continue
        if not isinstance(rows, list) or not rows:
            out.append(f"terms.{channel}: cần ít nhất một dòng")
            continue
        windows = []
        for i, term in enumerate(rows):
            label = f"terms.{channel}.{i}"
            if not isinstance(term, dict):
                out.append(f"{label}: không phải đối tượng")
                continue
            out += [f"{label}: khóa không được hỗ trợ: {k!r}" for k in sorted(set(term) - TERM_KEYS)]
            out += _time(term, label, sources, flagged)
            out += _fee(term, label, sources, flagged)
            start = _date(term.get("valid_from"), label, out)
            end = _date(term.get("valid_until"), label, out)
            if start and end and start > end:
                out.append(f"{label}: 'valid_from' sau 'valid_until'")
            windows.append((start or date.min, end or date.max))
        windows.sort()
        for (_, end), (start, _) in zip(windows, windows[1:], strict=False):
            if start <= end:
                out.append(f"terms.{channel}: các khoảng hiệu lực phí chồng lên nhau")
    return out


def _time(term: dict, label: str, sources: dict, flagged: set) -> list[str]:
    unit, value = term.get("time_unit"), term.get("time_value")
    if unit not in TIME_UNITS:
        return [f"{label}: đơn vị thời hạn không hợp lệ {unit!r} ({', '.join(TIME_UNITS)})"]
    out = []
    if unit in VALUELESS_UNITS:
        if value is not None:
            out.append(f"{label}: đơn vị {unit!r} không có số ('time_value' phải là null)")
    elif isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        out.append(f"{label}: 'time_value' phải là số dương với đơn vị {unit!r}")
    if unit == "unknown" and "time_limit" not in flagged:
        out.append(f"{label}: thời hạn chưa xác định phải có lý do rà soát 'time_limit'")
    if not _cited(term, sources, f"{label}.time", "time"):
        out.append(f"{label}: thời hạn thiếu trích dẫn điều luật (source.time)")
    return out


def _fee(term: dict, label: str, sources: dict, flagged: set) -> list[str]:
    kind, amount = term.get("fee_kind"), term.get("fee_amount")
    if kind not in FEE_KINDS:
        return [f"{label}: loại phí không hợp lệ {kind!r} ({', '.join(FEE_KINDS)})"]
    out = []
    if kind == "amount":
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < MIN_FEE:
            out.append(
                f"{label}: mức thu phải là số nguyên từ {MIN_FEE:,} đồng trở lên, không phải {amount!r}"
            )
    elif amount not in (None, 0):
        out.append(f"{label}: loại phí {kind!r} không có mức thu ('fee_amount' phải là null)")
    if kind == "unknown" and "fee" not in flagged:
        out.append(f"{label}: phí chưa xác định phải có lý do rà soát 'fee'")
    tiers = term.get("fee_tiers") or []
    if not isinstance(tiers, list) or not all(
        isinstance(t, dict) and _text(t.get("label")) and isinstance(t.get("amount"), int) for t in tiers
    ):
        out.append(f"{label}: 'fee_tiers' phải là danh sách {{label, amount}}")
    if not _cited(term, sources, f"{label}.fee", "fee"):
        out.append(f"{label}: phí thiếu trích dẫn điều luật (source.fee)")
    return out


def _documents(item: dict, sources: dict) -> list[str]:
    out: list[str] = []
    common = item.get("common_documents") or []
    cases = item.get("cases") or []
    if not isinstance(common, list) or not isinstance(cases, list):
        return ["'common_documents' và 'cases' phải là danh sách"]
    if len(cases) == 1:
        out.append("chỉ có một trường hợp: giấy tờ của nó là giấy tờ chung ('common_documents')")
    groups: list[tuple[str, list[dict]]] = [("common_documents", common)]
    for i, case in enumerate(cases):
        label = f"cases.{i}"
        if not isinstance(case, dict):
            out.append(f"{label}: không phải đối tượng")
            continue
        out += [f"{label}: khóa không được hỗ trợ: {k!r}" for k in sorted(set(case) - CASE_KEYS)]
        name = case.get("name")
        if not _text(name) or HEADING.search(name):
            out.append(f"{label}: tên trường hợp rỗng hoặc là tiêu đề mục ({name!r})")
        if not _cited(case, sources, label):
            out.append(f"{label}: trường hợp thiếu trích dẫn điều luật")
        docs = case.get("documents")
        if not isinstance(docs, list) or not docs:
            out.append(f"{label}: trường hợp không có giấy tờ")
            continue
        groups.append((f"{label}.documents", docs))
    if not any(docs for _, docs in groups):
        out.append("không có giấy tờ nào trong hồ sơ")
    for prefix, docs in groups:
        out += _group(prefix, docs, sources)
    return out


def _group(prefix: str, docs: list, sources: dict) -> list[str]:
    out: list[str] = []
    alternatives: dict[str, list[dict]] = {}
    for i, doc in enumerate(docs):
        label = f"{prefix}.{i}"
        if not isinstance(doc, dict):
            out.append(f"{label}: không phải đối tượng")
            continue
        out += [f"{label}: khóa không được hỗ trợ: {k!r}" for k in sorted(set(doc) - DOC_KEYS)]
        name = doc.get("name")
        if not _text(name) or HEADING.search(name):
            out.append(f"{label}: tên giấy tờ rỗng hoặc là tiêu đề mục ({name!r})")
        if not isinstance(doc.get("required"), bool):
            out.append(f"{label}: 'required' phải là true hoặc false")
        condition = doc.get("condition")
        if condition is not None and not _text(condition):
            out.append(f"{label}: 'condition' phải là null hoặc một câu")
        if _text(condition) and doc.get("required") is True:
            out.append(f"{label}: giấy tờ có điều kiện ({condition!r}) không thể là bắt buộc")
        counts = (doc.get("originals"), doc.get("copies"))
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts):
            out.append(f"{label}: số bản chính, bản sao phải là số nguyên không âm")
        elif sum(counts) == 0:
            out.append(
                f"{label}: 0 bản chính và 0 bản sao là một lưu ý, không phải giấy tờ (đưa vào 'notes')"
            )
        if not isinstance(doc.get("presented", False), bool):
            out.append(f"{label}: 'presented' (chỉ xuất trình) phải là true hoặc false")
        key = doc.get("one_of")
        if key is not None:
            if not _text(key) or len(key) > 32:
                out.append(f"{label}: 'one_of' phải là một khóa nhóm ngắn (tối đa 32 ký tự)")
            else:
                alternatives.setdefault(key, []).append(doc)
        if not _cited(doc, sources, label):
            out.append(f"{label}: giấy tờ thiếu trích dẫn điều luật ({name!r})")
    for key, members in alternatives.items():
        if len(members) < 2:
            out.append(f"{prefix}: nhóm thay thế {key!r} chỉ có một giấy tờ")
        if len({m.get("required") for m in members}) > 1:
            out.append(f"{prefix}: nhóm thay thế {key!r} lẫn giấy tờ bắt buộc và không bắt buộc")
    return out
