"""Defect classes of the catalog, counted over procedures in the `catalog show --json` shape (shape.py).
The same counts for the raw data file (what the parser makes of it) and for the database's current
versions, so "before" and "after" are measured alike (docs/catalog-quality.md). Pure Python."""

import re
from collections import Counter
from collections.abc import Iterable

# Order is the report's order; each class counts procedures unless its name says "items".
CLASSES = {
    "time_undetermined": "thủ tục có thời hạn chưa xác định",
    "time_undetermined_bare_number": "  trong đó: chỉ có con số, mất đơn vị",
    "time_undetermined_missing": "  trong đó: nguồn không ghi thời hạn",
    "time_calendar_but_working": "thủ tục ghi 'N ngày' nhưng mô tả nói ngày làm việc",
    "heading_cases": "thủ tục có 'trường hợp' là tiêu đề mục",
    "cases_without_common": "thủ tục có trường hợp nhưng không có giấy tờ chung",
    "form_hidden": "thủ tục có tờ khai/đơn nằm trong tiêu đề mục hoặc lưu ý",
    "conditional_required_items": "giấy tờ có điều kiện bị đánh dấu bắt buộc (mục)",
    "conditional_required": "  số thủ tục",
    "roman_list_required_items": "mục (i)…(v) bắt buộc mà không rõ 'tất cả' hay 'một trong' (mục)",
    "note_documents_items": "'giấy tờ' 0 bản chính, 0 bản sao (mục)",
    "note_documents_required_items": "  trong đó bị đánh dấu bắt buộc",
    "quantity_in_name_items": "số lượng dính vào tên giấy tờ (mục)",
    "fee_free_but_amount": "thủ tục ghi miễn phí nhưng ghi chú có mức thu / HĐND tỉnh quy định",
    "fee_undetermined": "thủ tục có phí chưa xác định",
    "fee_implausible": "thủ tục có mức thu bất thường (dưới 1.000 đồng) không bị gắn cờ",
    "fee_dated_without_window": "thủ tục có mức phí theo thời hạn nhưng không có khoảng hiệu lực",
    "needs_review": "thủ tục cần rà soát (đã gắn cờ)",
    "unflagged_defect": "thủ tục còn lỗi mà không gắn cờ rà soát",
}

_HEADING = re.compile(r"^\W*(giấy tờ phải (nộp|xuất trình)|lưu ý|thành phần hồ sơ)", re.IGNORECASE)
_MARKER = re.compile(r"^\s*(?:\(?[a-zđ]\)|\(?\d+(?:\.\d+)*[.)]|[-+•*])\s*", re.IGNORECASE)
_NAMES_CASE = re.compile(r"\b(đối với|trường hợp|nếu)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"^\W*(trường hợp|trong trường hợp|nếu|đối với)\b|\(nếu có\)", re.IGNORECASE)
_ROMAN = re.compile(r"^\s*\(?[ivx]{1,4}\)\s", re.IGNORECASE)
_FORM = re.compile(r"^\W*(tờ khai|đơn\b|bản khai|phiếu (đề nghị|yêu cầu))", re.IGNORECASE)
_QUANTITY = re.compile(r"\d\s*bản (chính|sao)\W*$", re.IGNORECASE)
_AMOUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})+\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
_PROVINCE = re.compile(r"(hội đồng nhân dân|hđnd)[^.;]{0,30}tỉnh", re.IGNORECASE)
_DATED = re.compile(r"(đến hết ngày|kể từ ngày)\s*\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE)
_BARE = re.compile(r"^\s*\d+(?:[.,]\d+)*\s*$")


def _terms(procedure: dict) -> list[dict]:
    return [t for terms in procedure["terms"].values() for t in terms]


def _documents(procedure: dict) -> list[dict]:
    return procedure["common_documents"] + [d for c in procedure["cases"] for d in c["documents"]]


def _says_working_days(term: dict) -> bool:
    """'N Ngày' in the cell while the row's description says 'N ngày làm việc' for the same N."""
    value = term["time_value"]
    if value is None or value != int(value):
        return False
    pattern = rf"(?<![\d.,])0*{int(value)}\s*ngày làm việc"
    return bool(re.search(pattern, term["description"], re.IGNORECASE))


def defects(procedure: dict) -> Counter:
    """The defect classes of one procedure: procedure classes count 1, item classes their items."""
    found: Counter = Counter()
    terms, documents = _terms(procedure), _documents(procedure)
    unknown = [t for t in terms if t["time_unit"] == "unknown"]
    if unknown:
        found["time_undetermined"] = 1
        texts = [t["time_text"].strip() for t in unknown]
        if any(_BARE.match(x) for x in texts):
            found["time_undetermined_bare_number"] = 1
        elif all(not x or x.lower() == "không có thông tin" for x in texts):
            found["time_undetermined_missing"] = 1
    if any(t["time_unit"] == "day" and _says_working_days(t) for t in terms):
        found["time_calendar_but_working"] = 1
    # "Các giấy tờ phải nộp đối với tàu biển…" names a case: only a bare section heading is a defect
    headings = [
        c for c in procedure["cases"] if _HEADING.match(c["name"]) and not _NAMES_CASE.search(c["name"])
    ]
    if headings:
        found["heading_cases"] = 1
    if procedure["cases"] and not procedure["common_documents"]:
        found["cases_without_common"] = 1
    hidden = [d for c in headings for d in c["documents"] if _FORM.match(d["name"])]
    if hidden or any(_FORM.match(n) for n in procedure["notes"]):
        found["form_hidden"] = 1
    conditional = [
        d
        for d in documents
        if d["required"] and _CONDITIONAL.search(_MARKER.sub("", _ROMAN.sub("", d["name"])))
    ]
    found["roman_list_required_items"] = sum(
        d["required"] and not d["one_of"] and bool(_ROMAN.match(d["name"])) for d in documents
    )
    if conditional:
        found["conditional_required_items"] = len(conditional)
        found["conditional_required"] = 1
    empty = [d for d in documents if not d["originals"] and not d["copies"]]
    found["note_documents_items"] = len(empty)
    found["note_documents_required_items"] = sum(d["required"] for d in empty)
    found["quantity_in_name_items"] = sum(bool(_QUANTITY.search(d["name"])) for d in documents)
    if any(
        t["fee_kind"] == "free"
        and not (t["valid_from"] or t["valid_until"])  # a free window of a paid procedure is right
        and (_AMOUNT.search(t["fee_text"]) or _PROVINCE.search(t["fee_text"]))
        for t in terms
    ):
        found["fee_free_but_amount"] = 1
    if any(t["fee_kind"] == "unknown" for t in terms):
        found["fee_undetermined"] = 1
    flagged = procedure.get("needs_review")
    if not flagged and any(
        t["fee_kind"] == "amount" and 0 < (t["fee_amount"] or 0) < 1000 and t["fee_currency"] == "VND"
        for t in terms
    ):
        found["fee_implausible"] = 1
    if any(_DATED.search(t["fee_text"]) for t in terms) and not any(
        t["valid_from"] or t["valid_until"] for t in terms
    ):
        found["fee_dated_without_window"] = 1
    if flagged:
        found["needs_review"] = 1
    elif any(v for k, v in found.items() if k not in ("cases_without_common",)):
        found["unflagged_defect"] = 1
    return found


def count(procedures: Iterable[dict]) -> tuple[int, Counter]:
    total, counts = 0, Counter({name: 0 for name in CLASSES})
    for procedure in procedures:
        total += 1
        counts.update(defects(procedure))
    return total, counts


def report_lines(total: int, counts: Counter) -> list[str]:
    lines = [f"{total} thủ tục"]
    lines += [f"  {name:<34} {counts[name]:>6}  {label}" for name, label in CLASSES.items()]
    return lines
