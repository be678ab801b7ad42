"""Levels, agency kind, results and legal basis from scraped text. Pure Python."""

import re
from dataclasses import dataclass
from datetime import date

from motcua.catalog.vocabulary import AgencyKind

from .terms import clean

_LEVELS = {"cấp bộ": "ministry", "cấp tỉnh": "province", "cấp xã": "commune", "cơ quan khác": "other"}


def parse_levels(text: str | None) -> tuple[set[str], list[str]]:
    """'Cấp bộ, Cấp tỉnh, Cấp xã' → ({'ministry', 'province', 'commune'}, unknown parts)."""
    levels, unknown = set(), []
    for part in re.split(r"[,;]", clean(text)):
        part = part.strip().lower()
        if not part:
            continue
        if part in _LEVELS:
            levels.add(_LEVELS[part])
        else:
            unknown.append(part)
    return levels, unknown


# Order matters only for ties: the kind named first in the text wins.
_AGENCY_PATTERNS = (
    (
        AgencyKind.COMMUNE_PC,
        r"(ủy|uỷ) ban nhân dân (cấp )?(xã|phường)|ubnd (cấp )?xã|chủ tịch (ủy|uỷ) ban nhân dân (cấp )?xã",
    ),
    (
        AgencyKind.PROVINCE_PC,
        r"(ủy|uỷ) ban nhân dân (cấp )?tỉnh|ubnd (cấp )?tỉnh|chủ tịch (ủy|uỷ) ban nhân dân (cấp )?tỉnh",
    ),
    (AgencyKind.POLICE, r"công an|cảnh sát|xuất nhập cảnh"),
    (AgencyKind.PROVINCE_DEPARTMENT, r"(?<!cơ )\bsở\b|cơ quan chuyên môn"),
    (
        AgencyKind.MINISTRY,
        r"\bbộ\b|\bcục\b|tổng cục|ngân hàng nhà nước|ủy ban (quốc gia|chứng khoán)|vụ\b|thanh tra bộ|văn phòng bộ|thủ tướng",
    ),
)


def parse_agency_kind(text: str | None) -> AgencyKind:
    raw = clean(text).lower()
    if not raw or raw in {"không có thông tin", "không"}:
        return AgencyKind.UNKNOWN
    found = []
    for kind, pattern in _AGENCY_PATTERNS:
        match = re.search(pattern, raw)
        if match:
            found.append((match.start(), kind))
    return min(found)[1] if found else AgencyKind.OTHER


_RESULT_CODE = re.compile(r"\s*\(mã ([^()]+)\)\s*$", re.IGNORECASE)


def parse_results(text: str | None) -> list[tuple[str, str]]:
    """'A (mã KQ.G01.1) | B (mã KQ.G01.2)' → [('A', 'KQ.G01.1'), ('B', 'KQ.G01.2')]."""
    results = []
    for part in (text or "").split(" | "):
        part = clean(part)
        if not part or part.lower() == "không có thông tin":
            continue
        match = _RESULT_CODE.search(part)
        if match:
            results.append((part[: match.start()].strip(), match.group(1).strip()))
        else:
            results.append((part, ""))
    return results


@dataclass
class LegalBasisData:
    number: str
    title: str
    issued_on: date | None = None
    issuer: str = ""


_LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
# "123/2015/NĐ-CP", "59/2020/QH14", "01/NQ-CP", "20/2013/TTLT-BYT-BCT-BNNPTNT". A capital followed by a
# small letter starts the next title ("…/QH12Luật …"), so it is not part of the number.
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_CODE_CHAR = rf"(?:[0-9&]|TTg|[A-ZĐ](?![{_LOWER}]))"  # "QĐ-TTg": the Prime Minister's suffix
_DOC_NUMBER = re.compile(rf"\d+(?:/\d{{4}})?/[A-ZĐ](?![{_LOWER}]){_CODE_CHAR}*(?:-{_CODE_CHAR}+)*")
# "Luật 54/2014/QH13" + "54/2014/QH13": a title ending with its own number, glued to the number column.
_DOUBLED = re.compile(r"(\d+/\d{4}/[A-ZĐ][A-ZĐ0-9-]*?)(\1)")
_GLUE = "\x00"


def parse_legal_text(text: str | None) -> list[LegalBasisData]:
    """The portal's flattened table: header, then 'title' + 'number' glued, entry after entry.

    An entry ends with a document number glued to the title (no space before it); numbers preceded by
    a space are citations inside a title."""
    raw = (text or "").replace("\xa0", " ").strip()
    if raw.startswith(_LEGAL_HEADER):
        raw = raw[len(_LEGAL_HEADER) :]
    if not raw or raw.lower().startswith("không có thông tin"):
        return []
    raw = _DOUBLED.sub(lambda m: f"{m.group(1)}{_GLUE}{m.group(2)}", raw)
    entries, start = [], 0
    for match in _DOC_NUMBER.finditer(raw):
        before = raw[match.start() - 1] if match.start() else " "
        if before != _GLUE and (before.isspace() or before.isdigit() or before in "/("):
            continue
        title = clean(raw[start : match.start()].replace(_GLUE, "")).rstrip(" ,;:")
        if title:
            entries.append(LegalBasisData(number=match.group(0), title=title))
        start = match.end()
    rest = clean(raw[start:].replace(_GLUE, ""))
    if len(rest) >= 3:  # a last title without a number
        entries.append(LegalBasisData(number="", title=rest))
    return entries


def parse_legal_table(rows: list[dict]) -> list[LegalBasisData]:
    """The .doc export's structured 'can_cu_phap_ly' table."""
    entries = []
    for row in rows:
        title = clean(row.get("trich_yeu"))
        number = clean(row.get("so_ky_hieu"))
        if "/" not in number:
            match = _DOC_NUMBER.search(title)
            number = match.group(0) if match else number
        issued = None
        match = re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4})$", clean(row.get("ngay_ban_hanh")))
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                issued = date(year, month, day)
            except ValueError:
                issued = None
        if title or number:
            entries.append(LegalBasisData(number, title, issued, clean(row.get("co_quan_ban_hanh"))))
    return entries
