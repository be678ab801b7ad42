"""Vietnamese text folding for search (pure Python, no Django).

Unicode decomposition strips tone and vowel marks but leaves "đ" alone (it is a separate letter, not
"d" + mark), so it is folded explicitly. "Đống Đa" -> "dong da".
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (including đ), collapse whitespace."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def nfc(text: str) -> str:
    """Canonical composed form: the same word typed on two keyboards compares equal."""
    return unicodedata.normalize("NFC", text)


def unaccent(text: str) -> str:
    """Diacritics stripped, case kept: "Hồ sơ Đã tiếp nhận" -> "Ho so Da tiep nhan" (SMS without
    Unicode: 160 characters a part instead of 70)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
