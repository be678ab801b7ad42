"""Vietnamese alphabetical order for lists people read (pure Python, no Django).

Code points put "Đ", "Ô", "Ư" after "Z", and a plain or English collation files "Đống Đa" under D and
"Ô Diên" under O with no rule for the tones. The Vietnamese alphabet is
a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z only in foreign words, in their
Latin places); tones count only when the letters are equal, in the dictionary order ngang, huyền,
hỏi, ngã, sắc, nặng (a à ả ã á ạ, as in CLDR's Vietnamese collation). Runs of digits compare as
numbers, so "Chi nhánh 2" comes before "Chi nhánh 10". PyICU would do the letters but is not
installed; the database keeps its own order only where it uses a Vietnamese collation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {letter: i for i, letter in enumerate(ALPHABET)}
# Combining tone marks, in dictionary order (0 is the level tone, no mark).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_SPACE, _NUMBER, _LETTER_KIND, _OTHER = 0, 1, 2, 3


def _split(ch: str) -> tuple[str, int]:
    """The letter without its tone ("ế" -> "ê") and the tone's rank."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def sort_key(text: str) -> tuple:
    """A key for sorted(): letters first, then tones, then case, then the text itself (a total order)."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    digits = ""
    for ch in unicodedata.normalize("NFC", text.strip()) + "\0":
        if ch.isdigit() and ch.isascii():
            digits += ch
            continue
        if digits:
            letters.append((_NUMBER, int(digits)))
            digits = ""
        if ch == "\0":
            break
        if ch.isspace() or ch in ",-–—()":
            if letters and letters[-1][0] != _SPACE:  # a run of separators counts once
                letters.append((_SPACE, 0))
            continue
        base, tone = _split(ch.lower())
        if base in _LETTER:
            letters.append((_LETTER_KIND, _LETTER[base]))
            tones.append(tone)
            cases.append(0 if ch == ch.lower() else 1)
        else:
            letters.append((_OTHER, ord(base[:1] or ch)))
    return (tuple(letters), tuple(tones), tuple(cases), text)


def sorted_vi(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """`items` in Vietnamese alphabetical order of `key(item)`."""
    return sorted(items, key=lambda item: sort_key(key(item)))
