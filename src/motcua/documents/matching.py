"""Which stored paper can stand for a required document (pure Python, no Django).

Catalog names carry the copy kind and asides the stored paper does not: "Bản sao Giấy chứng nhận kết hôn
của cha, mẹ (có chứng thực)" asks for the same paper as a stored "Giấy chứng nhận kết hôn". A name's key
is its folded text without the copy words, the parenthesised asides and punctuation; two names match
when their keys are equal, or when one key is a word prefix of the other with at least MIN_TOKENS words
and MIN_SHARE of its words ("Giấy chứng nhận" alone is too generic to stand for anything). A match only
proposes a paper: the officer or the applicant chooses to attach it.
"""

from __future__ import annotations

import re

from motcua.core.text import fold

MIN_TOKENS = 4
MIN_SHARE = 0.6
_ASIDES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_COPY_WORDS = re.compile(
    r"^(?:\d+\s+)?(?:ban\s+(?:chinh|sao|goc|dien\s+tu|scan|chup)"
    r"(?:\s+(?:co\s+chung\s+thuc|hop\s+le|hoac\s+ban\s+(?:chinh|sao)|va\s+ban\s+(?:chinh|sao)))*\s+)+"
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def key(name: str) -> str:
    text = fold(_ASIDES.sub(" ", name or ""))
    text = _NON_WORD.sub(" ", text).strip()
    text = _COPY_WORDS.sub("", text + " ").strip()
    return text


def matches(stored_name: str, required_name: str) -> bool:
    a, b = key(stored_name), key(required_name)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    short_words, long_words = len(shorter.split()), len(longer.split())
    return (
        short_words >= MIN_TOKENS
        and short_words >= MIN_SHARE * long_words
        and (longer + " ").startswith(shorter + " ")
    )
