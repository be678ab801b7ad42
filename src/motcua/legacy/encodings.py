"""Vietnamese text from the old one-stop systems: TCVN3 (ABC) and VNI bytes read as Windows-1252.

Pure Python (no Django). The old systems stored text in 8-bit font encodings; their exports were read as
Windows-1252, so "Nguyễn Văn Hùng" arrives as "NguyÔn V¨n Hïng" (TCVN3) or "Nguyeãn Vaên Huøng" (VNI).
No maintained PyPI package converts both (ADR 0042), so the two tables are written here from the
standards: TCVN 5712:1993 (one byte per letter with its marks) and VNI Windows (a base letter followed
by one byte that carries its marks).

`fix(text)` decides per text: it tries the text as it is, as TCVN3 and as VNI, and keeps the reading
with the most well-formed Vietnamese syllables (ties keep the text as it is). Text holding any letter
only Unicode has (ă, ơ, ư, đ, ạ…ỹ, combining marks) is Unicode already and only normalised to NFC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ---- TCVN3 (ABC): byte -> letter. The upper-case font (.VnTimeH) reuses the lower-case bytes, so the
# bytes below are the whole table; 0xA1-0xA7 are the seven upper-case letters with a mark of their own.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
# Bytes 0xA0-0xFF read as Windows-1252 are the Latin-1 characters of the same number.
TCVN3 = str.maketrans({chr(b): letter for b, letter in _TCVN3_BYTES.items()})

# ---- VNI Windows: a mark byte after its base letter (upper-case bytes after upper-case letters).
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}  # fmt: skip
_VNI_MARKS |= {k.upper(): v for k, v in _VNI_MARKS.items()}
# Letters of one byte: ơ, ư, đ and the i's and ỵ (whose marks have no byte of their own).
_VNI_LETTERS = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI_LETTERS |= {k.upper(): v.upper() for k, v in _VNI_LETTERS.items()}
_VNI_BASES = "aeiouyAEIOUYơưƠƯ"
_VNI_MARK_AFTER_VOWEL = re.compile(f"([{_VNI_BASES}])([{''.join(_VNI_MARKS)}])")


def from_vni(text: str) -> str:
    letters = "".join(_VNI_LETTERS.get(ch, ch) for ch in text)
    marked = _VNI_MARK_AFTER_VOWEL.sub(lambda m: m.group(1) + _VNI_MARKS[m.group(2)], letters)
    return unicodedata.normalize("NFC", marked)


def from_tcvn3(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(TCVN3))


# ---- Is it Vietnamese? A syllable: an initial, a vowel cluster, a final; at most one tone mark.
_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
_INITIAL = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_CLUSTERS = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy "
    "ưa ưi ươ ưu iêu yê yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu uyê"
).split()
_SYLLABLE = re.compile(
    f"^(?:{_INITIAL})?(?:{'|'.join(sorted(_CLUSTERS, key=len, reverse=True))})(?:ch|nh|ng|c|m|n|p|t)?$"
)
_WORD = re.compile(r"[^\s\d.,;:/()\-_'\"]+")
_UNICODE_ONLY = re.compile("[\u0100-\u024f\u0300-\u036f\u1ea0-\u1ef9]")
_HIGH = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _is_syllable(word: str) -> bool:
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(1 for ch in parts if ch in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
    return bool(_SYLLABLE.match(toneless))


def score(text: str) -> int:
    """Well-formed syllables minus malformed words (words of plain ASCII letters do not count)."""
    total = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        total += 1 if _is_syllable(word) else -1
    return total


def detect(text: str) -> str:
    """ "unicode", "tcvn3" or "vni": how `text` (as read) is written."""
    if not text or text.isascii() or _UNICODE_ONLY.search(text) or not _HIGH.search(text):
        return "unicode"
    candidates = [
        ("unicode", score(unicodedata.normalize("NFC", text))),
        ("tcvn3", score(from_tcvn3(text))),
        ("vni", score(from_vni(text))),
    ]
    best = max(candidates, key=lambda c: c[1])  # max keeps the first of equals: "unicode" wins ties
    return best[0]


@lru_cache(maxsize=65_536)  # names of places, agencies, procedures and notes repeat line after line
def fix(text: str | None) -> tuple[str, str]:
    """(the text in Unicode NFC, the encoding it was found in)."""
    if not text:
        return "", "unicode"
    found = detect(text)
    if found == "tcvn3":
        return from_tcvn3(text), found
    if found == "vni":
        return from_vni(text), found
    return unicodedata.normalize("NFC", text), found


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 read as Windows-1252 (tests and the bench generator make dirty exports with it)."""
    back = {letter: chr(b) for b, letter in _TCVN3_BYTES.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in back:
            out.append(back[ch])
        elif ch.lower() in back and ch.lower() != ch:  # toned capitals: the .VnTimeH font's bytes
            out.append(back[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


_VNI_BACK_LETTERS = {v: k for k, v in _VNI_LETTERS.items()}
# Keyed by the marks in canonical order (what NFD gives: the dot below before the circumflex).
_VNI_BACK_MARKS = {unicodedata.normalize("NFD", "a" + v)[1:]: k for k, v in _VNI_MARKS.items() if k.islower()}
_VNI_BACK_MARKS_UPPER = {
    unicodedata.normalize("NFD", "a" + v)[1:]: k for k, v in _VNI_MARKS.items() if k.isupper()
}


def to_vni(text: str) -> str:
    """Unicode -> VNI Windows read as Windows-1252."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _VNI_BACK_LETTERS:
            out.append(_VNI_BACK_LETTERS[ch])
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if not marks:
            out.append(ch)
            continue
        if _HORN in marks:  # ơ, ư: one byte for the letter, then the tone
            base = {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}[base]
            marks = marks.replace(_HORN, "")
        table = _VNI_BACK_MARKS_UPPER if base.isupper() else _VNI_BACK_MARKS
        if base.lower() in "iy" and marks and marks in (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT):
            one = unicodedata.normalize("NFC", parts[0] + marks)
            if one in _VNI_BACK_LETTERS:
                out.append(_VNI_BACK_LETTERS[one])
                continue
        out.append(base + (table[marks] if marks else ""))
    return "".join(out)
