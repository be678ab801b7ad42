"""Sort keys for what people read: Vietnamese alphabetical order and numbers in their natural order.

A minimal local helper (the public pages get a shared collation helper in core; when both exist, this
module should give way to it). Vietnamese order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
x y, letters with their tone marks after the bare letter ("a à á ả ã ạ"); numbers inside a name compare
as numbers ("Chi nhánh số 2" before "Chi nhánh số 10").
"""

from __future__ import annotations

import re
import unicodedata

# Letters as NFD gives them: a base letter and its vowel marks (breve, circumflex, horn) or đ.
_ALPHABET = [
    "a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b", "v", "w", "x", "y", "z",
]  # fmt: skip
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_TONES = {"": 0, "\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # huyền sắc hỏi ngã nặng
_LETTER = re.compile(r"[a-zđ][\u0306\u0302\u031b]?([\u0300\u0301\u0309\u0303\u0323]?)")
_CHUNKS = re.compile(r"(\d+)")


def _letters(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(primary: the letters, secondary: their tones); anything else by its code point, after letters."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    # Tone marks come after vowel marks in canonical order for these letters, so one pattern reads both.
    primary, tones, i = [], [], 0
    while i < len(decomposed):
        match = _LETTER.match(decomposed, i)
        if match:
            tone = match.group(1)
            letter = match.group(0)[: len(match.group(0)) - len(tone)]
            primary.append(_RANK.get(letter, 100 + ord(letter[0])))
            tones.append(_TONES[tone])
            i = match.end()
        else:
            char = decomposed[i]
            if not unicodedata.combining(char):
                primary.append(1000 + ord(char) if not char.isspace() else -1)
                tones.append(0)
            i += 1
    return tuple(primary), tuple(tones)


def vietnamese(text: str | None) -> tuple:
    """Sort key: Vietnamese alphabetical order, numbers by value."""
    primary, secondary = [], []
    for i, chunk in enumerate(_CHUNKS.split(text or "")):
        if i % 2:
            primary.append((0, int(chunk), ()))
        elif chunk:
            letters, tones = _letters(chunk)
            primary.append((1, 0, letters))
            secondary.append(tones)
    return tuple(primary), tuple(secondary)
