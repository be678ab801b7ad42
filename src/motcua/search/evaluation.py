"""Hit rates of `search_procedures` on a set of questions with their acceptable procedure codes.

A question file is JSON lines: {"q": "...", "codes": ["1.001193", ...], "split": "dev"|"holdout"}.
Used by the regression test (tests/search/test_quality.py) and by bench/bench_search.py.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .selectors import search_procedures


@dataclass(frozen=True)
class Question:
    text: str
    codes: frozenset[str]
    split: str


@dataclass(frozen=True)
class HitRate:
    top1: float
    top3: float
    count: int
    misses: tuple[str, ...]  # questions without an acceptable code in the top 3

    def __str__(self) -> str:
        return f"top-1 {self.top1:.1%}  top-3 {self.top3:.1%}  (n={self.count})"


def load_questions(path: Path) -> list[Question]:
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [Question(row["q"], frozenset(row["codes"]), row.get("split", "dev")) for row in rows]


def hit_rate(questions: list[Question], mode: str, level: str | None = None) -> HitRate:
    top1 = top3 = 0
    misses = []
    for question in questions:
        codes = [hit.code for hit in search_procedures(question.text, limit=3, mode=mode, level=level)]
        top1 += bool(codes) and codes[0] in question.codes
        if question.codes.intersection(codes):
            top3 += 1
        else:
            misses.append(question.text)
    count = len(questions) or 1
    return HitRate(top1 / count, top3 / count, len(questions), tuple(misses))
