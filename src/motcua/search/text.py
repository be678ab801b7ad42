"""Query analysis for procedure search (pure Python, no Django).

Everything is matched on folded text (motcua.core.text.fold: lower case, no diacritics, đ -> d) so
"dang ky khai sinh" and "Đăng ký khai sinh" meet. Folding merges some words ("làm" and "lâm" both give
"lam", "thẻ" and "thế" give "the"), so filler words are recognised on the accented form when the user
typed accents, and on the folded form only when the user typed none.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from motcua.core.text import fold

from . import vocabulary

MAX_QUERY_LENGTH = 300
_WORD = re.compile(r"[0-9a-z]+")
_CODE = re.compile(r"^\s*(\d\.\d{6})\s*$")

# Words that carry no meaning for finding a procedure: question words, pronouns, fillers.
STOPWORDS = frozenset(
    """
    tôi mình em anh chị ông bà cháu tớ chúng ta ai bạn
    muốn cần phải được bị có không chưa đã đang sẽ rồi nữa luôn vẫn còn mới
    làm thế nào sao gì đâu ở đi đến về với và hoặc hay của cho để thì là mà nhưng nếu khi
    này kia đó ấy vậy nhé ạ à ơi vì do nên theo tại trong ngoài lên xuống ra vào
    xin hỏi giúp thủ tục hồ sơ giấy tờ những các một mấy bao nhiêu lâu như thế
    """.split()
)
# Folded filler words that are also the folded form of a content word ("dang": đang/đăng, "the": thế/thẻ,
# "chua": chưa/chữa): without accents they must be kept.
_AMBIGUOUS_FOLDED = frozenset(
    """
    dang can the lam co con moi chua da van dau di ve cua de thi ma khi do vay vi tai trong ngoai hoi
    thu ho so to may bao chung minh ban chi sao
    """.split()
)
_FOLDED_STOPWORDS = frozenset(fold(word) for word in STOPWORDS) - _AMBIGUOUS_FOLDED


@dataclass(frozen=True)
class AnalyzedQuery:
    """A query reduced to what the indexes compare: folded terms and adjacent pairs."""

    text: str  # the query as typed, whitespace collapsed
    folded: str
    terms: tuple[str, ...]  # meaningful single words, in order, without repeats
    phrases: tuple[tuple[str, str], ...]  # adjacent word pairs ("khai", "sinh")
    expansion: str = ""  # folded official terms added from SYNONYMS
    code: str | None = None  # the query is a national procedure code
    extra_terms: tuple[str, ...] = field(default=())  # terms that come from the expansion only

    @property
    def all_terms(self) -> tuple[str, ...]:
        return self.terms + self.extra_terms

    @property
    def items(self) -> tuple[tuple[str, ...], ...]:
        """What full-text search looks for: single words, then adjacent pairs (typed and expanded)."""
        pairs = _pairs(self.expansion)
        return tuple(dict.fromkeys([(term,) for term in self.all_terms] + [*self.phrases, *pairs]))

    synonyms: tuple[str, ...] = field(default=())  # everyday phrases of the vocabulary found in the query
    meanings: tuple[str, ...] = field(default=())  # their catalog words, with diacritics
    asked: frozenset[int] = field(default=frozenset())  # qualifiers the query asks for (vocabulary.py)

    @property
    def semantic_text(self) -> str:
        """What the embedding model reads: the user's words, then the official terms in brackets."""
        if not self.meanings:
            return self.text
        return f"{self.text} ({', '.join(self.meanings)})"


def _has_marks(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word)
    return any(unicodedata.category(ch) == "Mn" for ch in decomposed) or "đ" in word


def _is_stopword(raw_word: str, folded_word: str) -> bool:
    if _has_marks(raw_word):
        return raw_word in STOPWORDS
    return folded_word in _FOLDED_STOPWORDS


def _words(text: str) -> list[tuple[str, str]]:
    """(raw lower-case word, folded word) pairs; punctuation splits words."""
    pairs = []
    for raw in re.split(r"[^\w]+", unicodedata.normalize("NFC", text).lower()):
        for folded in _WORD.findall(fold(raw)):
            pairs.append((raw, folded))
    return pairs


def matched_synonyms(text: str) -> list[str]:
    """Everyday phrases of the citizen vocabulary found in `text` (diacritics and hyphens ignored)."""
    return [match.said for match in vocabulary.load().match(text)]


def analyze(query: str) -> AnalyzedQuery:
    text = " ".join(query.split())
    folded = fold(text)
    code_match = _CODE.match(text)
    words = _words(text)
    terms: list[str] = []
    for raw, folded_word in words:
        if not _is_stopword(raw, folded_word) and folded_word not in terms:
            terms.append(folded_word)
    phrases: list[tuple[str, str]] = []
    for (raw_a, a), (raw_b, b) in zip(words, words[1:], strict=False):
        pair = (a, b)
        both_filler = _is_stopword(raw_a, a) and _is_stopword(raw_b, b)
        if not both_filler and pair not in phrases:
            phrases.append(pair)
    vocab = vocabulary.load()
    matches, rewritten = vocab.read(text)
    meanings = tuple(dict.fromkeys(meaning for match in matches for meaning in match.means))
    expansion = " ".join(fold(meaning) for meaning in meanings)
    extra = tuple(dict.fromkeys(w for w in _WORD.findall(expansion) if w not in terms))
    return AnalyzedQuery(
        text=text,
        folded=folded,
        terms=tuple(terms),
        phrases=tuple(phrases),
        expansion=expansion,
        code=code_match.group(1) if code_match else None,
        extra_terms=extra,
        synonyms=tuple(match.said for match in matches),
        meanings=meanings,
        asked=vocab.asked(rewritten),
    )


def fts5_match(items: Iterable[tuple[str, ...]]) -> str:
    """SQLite FTS5 MATCH expression: any of the words or adjacent pairs (bm25 ranks the rest)."""
    return " OR ".join(f'"{" ".join(item)}"' for item in items)


def pg_tsquery(items: Iterable[tuple[str, ...]], weight: str = "") -> str:
    """PostgreSQL to_tsquery('simple', ...) expression with the meaning of `fts5_match`; `weight` ("A")
    restricts every word to lexemes of that weight."""
    suffix = f":{weight}" if weight else ""
    return " | ".join(
        f"({' <-> '.join(word + suffix for word in item)})" if len(item) > 1 else item[0] + suffix
        for item in items
    )


def _pairs(folded: str) -> list[tuple[str, str]]:
    words = _WORD.findall(folded)
    return list(zip(words, words[1:], strict=False))


def document_text(*parts: str) -> str:
    """Folded text to index: only words, single spaces (what both full-text engines tokenise alike)."""
    return " ".join(_WORD.findall(fold(" ".join(p for p in parts if p))))
