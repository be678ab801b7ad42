"""The citizen vocabulary (data/citizen_vocabulary.toml, pure Python, no Django).

Two lists kept as data, each entry with its reason (docs/decisions/0025):
- words: what people type ("sổ đỏ", "lam cccd", "bố mất") and the catalog words it stands for, added to
  the query. A query is read left to right, the longest phrase winning, so "bố mất" (a death) is not read
  as "mất" (a lost paper).
- qualifiers: words of a procedure name that make it a special case ("lưu động", "có yếu tố nước ngoài")
  or a follow-up action ("cấp lại", "xóa"); the ranking lowers a name whose qualifiers the query does not
  ask for.

Words compare folded (no diacritics, đ = d, hyphens dropped) when the user typed them without accents,
and with their accents when the user typed accents: "lái" (drive) is not "lại" (again), "dừng" (stop) is
not "dụng" (use). Where the tone mark sits ("hoà"/"hòa") does not matter.
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("data") / "citizen_vocabulary.toml"
KINDS = ("action", "case")
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class Token:
    folded: str
    marks: str | None  # the word's diacritics in a canonical order; None: typed without any

    def matches(self, phrase_token: "Token") -> bool:
        """A query word against a vocabulary word: an unaccented query word matches every accent."""
        return self.folded == phrase_token.folded and self.marks in (None, phrase_token.marks)


Phrase = tuple[Token, ...]


def tokens(text: str) -> Phrase:
    """The words of `text` as tokens; a hyphen joins ("e-visa" is "evisa")."""
    found: list[Token] = []
    letters: list[str] = []
    marks: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        kind, value = _char(ch)
        if kind == "letter":
            letters.append(value)
        elif kind == "dbar":
            letters.append(value)
            marks.append("đ")
        elif kind == "mark":
            marks.append(value)
        elif kind == "space" and letters:
            found.append(Token("".join(letters), "".join(sorted(marks)) or None))
            letters, marks = [], []
    if letters:
        found.append(Token("".join(letters), "".join(sorted(marks)) or None))
    return tuple(found)


@cache
def _char(ch: str) -> tuple[str, str]:
    """What a character of decomposed text is: a letter (folded), a mark, nothing (hyphen), a space."""
    if ch == "-":
        return "skip", ""
    if ch == "đ":  # a letter of its own (not d + mark): folded to d, remembered among the marks
        return "dbar", "d"
    if unicodedata.category(ch) == "Mn":
        return "mark", ch
    if "a" <= ch <= "z" or "0" <= ch <= "9":
        return "letter", ch
    return "space", ""


def _folded(phrase: Phrase) -> str:
    return f" {' '.join(t.folded for t in phrase)} "


def _has(words: Phrase, phrase: Phrase) -> bool:
    n, first = len(phrase), phrase[0].folded
    return any(
        words[i].folded == first and all(w.matches(p) for w, p in zip(words[i : i + n], phrase, strict=True))
        for i in range(len(words) - n + 1)
    )


@dataclass(frozen=True)
class Word:
    say: tuple[str, ...]  # as written in the file, with diacritics
    means: str
    why: str


@dataclass(frozen=True)
class Qualifier:
    kind: str  # "action": one of several actions a name offers; "case": a circumstance to be asked
    in_name: tuple[Phrase, ...]
    asked: tuple[Phrase, ...]  # query phrases that ask for it (in_name phrases count too)
    why: str


@dataclass(frozen=True)
class Match:
    said: str  # the phrase of the file that matched (with diacritics)
    means: tuple[str, ...]  # catalog words of every entry with that phrase


class VocabularyError(ValueError):
    pass


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[Word, ...]
    qualifiers: tuple[Qualifier, ...]
    # folded phrase -> [(phrase tokens, said, means of every entry)]
    _table: dict = field(default_factory=dict, compare=False, repr=False)
    _names: dict = field(default_factory=dict, compare=False, repr=False)  # name -> its qualifiers

    def __post_init__(self):
        table: dict[tuple[str, ...], list[tuple[Phrase, str, list[str]]]] = {}
        for word in self.words:
            for said in word.say:
                phrase = tokens(said)
                rows = table.setdefault(tuple(t.folded for t in phrase), [])
                same = next((row for row in rows if row[0] == phrase), None)
                if same is None:
                    rows.append((phrase, said, [word.means]))
                else:
                    same[2].append(word.means)
        self._table.update(table)
        # " cap lai " per qualifier phrase: a cheap substring test before the word-by-word one
        self._table[None] = [[_folded(p) for p in q.in_name] for q in self.qualifiers]

    def match(self, text: str) -> list[Match]:
        """Everyday phrases found in `text`, left to right, longest first, without overlaps."""
        return self.read(text)[0]

    def read(self, text: str) -> tuple[list[Match], Phrase]:
        """(phrases found, the query's words with each phrase replaced by its catalog words): what the
        query asks for is judged on the second ("bố mất" is a death, so it does not ask for "cấp lại")."""
        longest = max((len(key) for key in self._table if key), default=0)
        words = tokens(text)
        found: list[Match] = []
        rewritten: list[Token] = []
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                span = words[i : i + n]
                row = next(
                    (
                        row
                        for row in self._table.get(tuple(t.folded for t in span), ())
                        if all(w.matches(p) for w, p in zip(span, row[0], strict=True))
                    ),
                    None,
                )
                if row is not None:
                    match = Match(row[1], tuple(dict.fromkeys(m for m in row[2] if m)))
                    if all(m.said != match.said for m in found):
                        found.append(match)
                    rewritten += [t for m in match.means for t in tokens(m)]
                    i += n
                    break
            else:
                rewritten.append(words[i])
                i += 1
        return found, tuple(rewritten)

    def in_name(self, name: str) -> frozenset[int]:
        """Indexes of the qualifiers a procedure name carries."""
        known = self._names.get(name)
        if known is None:
            words = tokens(name)
            folded = f" {' '.join(t.folded for t in words)} "
            known = frozenset(
                i
                for i, (quick, q) in enumerate(zip(self._table[None], self.qualifiers, strict=True))
                if any(text in folded and _has(words, p) for text, p in zip(quick, q.in_name, strict=True))
            )
            if len(self._names) < 50_000:  # names change rarely: a reload of the index reuses them
                self._names[name] = known
        return known

    def asked(self, words: Phrase) -> frozenset[int]:
        """Indexes of the qualifiers a query asks for (`words`: its rewritten words, see `read`)."""
        return frozenset(
            i for i, q in enumerate(self.qualifiers) if any(_has(words, p) for p in q.asked + q.in_name)
        )

    def unasked(self, carried: frozenset[int], asked: frozenset[int]) -> int:
        """How far a name is from the query: 1 when it offers actions of which none was asked, plus 1 for
        each special case it carries that the query did not mention."""
        actions = [i for i in carried if self.qualifiers[i].kind == "action"]
        cases = [i for i in carried if self.qualifiers[i].kind == "case"]
        missing_action = bool(actions) and not any(i in asked for i in actions)
        return int(missing_action) + sum(i not in asked for i in cases)


def parse(data: dict) -> Vocabulary:
    """Check and build the vocabulary; a bad entry is an error that names it."""
    words, qualifiers = [], []
    for n, row in enumerate(data.get("word", []), 1):
        say, means, why = row.get("say"), row.get("means"), row.get("why")
        if not say or not all(isinstance(s, str) and tokens(s) for s in say):
            raise VocabularyError(f"word #{n}: 'say' must list phrases")
        if not isinstance(means, str) or not why:
            raise VocabularyError(f"word #{n} ({say[0]}): 'means' and 'why' are required")
        words.append(Word(tuple(say), means, why))
    for n, row in enumerate(data.get("qualifier", []), 1):
        kind, in_name, asked, why = row.get("kind"), row.get("in_name"), row.get("asked", []), row.get("why")
        if kind not in KINDS or not in_name or not why:
            raise VocabularyError(f"qualifier #{n}: kind (action|case), in_name and why are required")
        qualifiers.append(Qualifier(kind, tuple(map(tokens, in_name)), tuple(map(tokens, asked)), why))
    return Vocabulary(tuple(words), tuple(qualifiers))


@cache
def load(path: Path = PATH) -> Vocabulary:
    with open(path, "rb") as handle:
        return parse(tomllib.load(handle))
