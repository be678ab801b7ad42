"""SIPAS satisfaction (Ministry of Home Affairs) on one short screen. Pure Python, no Django.

The five factors of the index: access to the service, the procedure, the officer, the result, handling
of feedback. SIPAS asks each factor three ways; the portal asks them on one screen of five rows:

- assessment: each row is one concrete statement about the factor (e.g. "Cán bộ hướng dẫn dễ hiểu,
  lịch sự") that the person judges;
- satisfaction: the judgement is a five-point scale (1 very dissatisfied … 5 very satisfied); a score of
  4 or 5 counts as satisfied. "Handling of feedback" may be left unanswered by someone who never sent
  any (None: not counted);
- expectation: under each row one box "Cần cải thiện nhất" (improve this first): the share of raters who
  tick it is the factor's expectation of improvement.

Per factor: mean score, satisfaction share (4–5 among answers), expectation share (ticks among raters).
The index is the mean of the five satisfaction shares (factors nobody answered are left out), in %.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def _(text: str) -> str:  # marks a string for translation
    return text


@dataclass(frozen=True)
class Factor:
    code: str
    name: str
    statement: str  # the assessment asked
    optional: bool = False


FACTORS = (
    Factor("access", _("Tiếp cận dịch vụ"), _("Dễ tìm thông tin, dễ nộp hồ sơ, nơi làm việc thuận tiện")),
    Factor(
        "procedure",
        _("Thủ tục hành chính"),
        _("Giấy tờ phải nộp hợp lý, thủ tục rõ ràng, đúng như công khai"),
    ),
    Factor("officer", _("Cán bộ, công chức"), _("Cán bộ hướng dẫn dễ hiểu, lịch sự, không gây khó khăn")),
    Factor("result", _("Kết quả giải quyết"), _("Kết quả đúng, đầy đủ, đúng hẹn")),
    Factor(
        "handling",
        _("Tiếp nhận, xử lý góp ý, phản ánh"),
        _("Góp ý, phản ánh của bạn được lắng nghe và trả lời thỏa đáng"),
        optional=True,
    ),
)
CODES = tuple(f.code for f in FACTORS)
SCALE = (
    (1, _("Rất không hài lòng")),
    (2, _("Không hài lòng")),
    (3, _("Bình thường")),
    (4, _("Hài lòng")),
    (5, _("Rất hài lòng")),
)
SATISFIED_FROM = 4


class InvalidAnswers(ValueError):
    """`problems`: factor code -> reason ("required" or "scale")."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(", ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def clean(scores: Mapping[str, object], improve: Iterable[str]) -> tuple[dict[str, int | None], list[str]]:
    """Scores 1–5 per factor (the optional factor may be None) and the factors to improve first."""
    out: dict[str, int | None] = {}
    problems: dict[str, str] = {}
    for factor in FACTORS:
        raw = scores.get(factor.code)
        if raw in (None, ""):
            if not factor.optional:
                problems[factor.code] = "required"
            out[factor.code] = None
            continue
        try:
            value = int(str(raw))
        except ValueError:
            value = 0
        if not 1 <= value <= 5:
            problems[factor.code] = "scale"
        out[factor.code] = value
    if problems:
        raise InvalidAnswers(problems)
    return out, [code for code in CODES if code in set(improve)]


@dataclass(frozen=True)
class FactorSummary:
    code: str
    answers: int
    mean: float | None
    satisfied: float | None  # share 0..1 of answers scoring 4 or 5
    expectation: float  # share 0..1 of raters asking to improve it first


def summarise(
    ratings: Iterable[tuple[Mapping[str, int | None], Iterable[str]]],
) -> tuple[list[FactorSummary], float | None]:
    """Per-factor summaries and the index (0..100) from (scores, improve) pairs."""
    totals = {code: [0, 0, 0, 0] for code in CODES}  # answers, sum, satisfied, improve
    raters = 0
    for scores, improve in ratings:
        raters += 1
        for code in CODES:
            value = scores.get(code)
            if value is not None:
                totals[code][0] += 1
                totals[code][1] += value
                totals[code][2] += value >= SATISFIED_FROM
        for code in set(improve) & set(CODES):
            totals[code][3] += 1
    out = []
    for code in CODES:
        answers, total, satisfied, wanted = totals[code]
        out.append(
            FactorSummary(
                code=code,
                answers=answers,
                mean=total / answers if answers else None,
                satisfied=satisfied / answers if answers else None,
                expectation=wanted / raters if raters else 0.0,
            )
        )
    shares = [s.satisfied for s in out if s.satisfied is not None]
    index = 100 * sum(shares) / len(shares) if shares else None
    return out, index
