"""Compare Vietnamese names written by different sources.

Sources disagree on where the tone mark sits (old style "Hoà", "Thuỷ" against new style "Hòa", "Thủy")
and on the apostrophe ("H'Leo" / "H’Leo"). Both are the same name; a different letter, vowel mark or
tone is not. The key keeps each word's letters and vowel marks, and its tone mark, but not the tone's
position.
"""

import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def spelling_key(name: str) -> tuple:
    name = name.replace("\u2019", "'")
    words = []
    for word in name.split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = tuple(ch for ch in decomposed if ch in TONE_MARKS)
        letters = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
        words.append((letters.casefold(), tones))
    return tuple(words)
