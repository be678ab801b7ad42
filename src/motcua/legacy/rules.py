"""Agency rules of the migration (pure Python): how an old agency's name reads once folded."""

from __future__ import annotations

import re
import unicodedata

from motcua.units.text import search_key

# "sở tư pháp tỉnh hà nam" -> "so tu phap": the department without its old province.
_PROVINCE_TAIL = re.compile(r"\s+(tinh|thanh pho|tp\.?)\s+.+$")
_DEPARTMENT = re.compile(r"^(so|ban quan ly|ban)\s")
_COMMUNE = re.compile(r"^(uy ban nhan dan|ubnd|cong an)\s+(xa|phuong|thi tran)\s")
_CITY = re.compile(r"^(?:uy ban nhan dan|phong .+|chi cuc .+|van phong .+) thanh pho (.+)$")
_DISTRICT_BODY = re.compile(r"^(uy ban nhan dan|ubnd|phong|chi cuc|van phong)\b.*\b(huyen|quan|thi xa)\b")


def name_key(name: str) -> str:
    """Lower case, no diacritics, đ = d, single spaces; "UBND" and "Ủy ban nhân dân" read alike."""
    folded = search_key(unicodedata.normalize("NFC", name or ""))
    folded = re.sub(r"\bubnd\b", "uy ban nhan dan", folded)
    return " ".join(folded.split())


def department_key(name: str) -> str | None:
    """The department's name without its province, for a provincial department; else None."""
    key = name_key(name)
    if not _DEPARTMENT.match(key):
        return None
    return _PROVINCE_TAIL.sub("", key)


def kind_of(name: str, provinces: frozenset[str] = frozenset()) -> str:
    """ "department", "commune", "district" or "" (unknown) from an old agency's name. `provinces`: the
    folded names of provinces ("ha noi"), so "UBND thành phố Hà Nội" is not read as a district's."""
    key = name_key(name)
    if _COMMUNE.match(key):
        return "commune"
    if _DISTRICT_BODY.match(key):
        return "district"
    city = _CITY.match(key)
    if city and city.group(1) not in provinces:
        return "district"
    if _DEPARTMENT.match(key):
        return "department"
    return ""
