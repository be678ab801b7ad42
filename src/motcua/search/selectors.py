"""Procedure search: the one read used by the API, the web pages and the command line."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from . import embeddings, snapshot, vocabulary
from .errors import InvalidSearchParameter, empty_query, query_too_long
from .lexical import lexical_ranking
from .models import ProcedureSearchDocument
from .ranking import normalized_blend, rerank
from .text import MAX_QUERY_LENGTH, AnalyzedQuery, analyze

MAX_LIMIT = 50
_embedder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-embed")
CANDIDATES = 100  # taken from each ranking before fusion
# Share of the lexical score in hybrid mode, tuned on the dev half of tests/search/eval_questions.jsonl.
LEXICAL_SHARE = 0.5
# Adjustments to the fused score (best = 1), tuned on tests/search/citizen_questions.jsonl (ADR 0025).
PRIOR_WEIGHT = 0.1  # the most used procedure against the least used (simulator's popularity)
QUALIFIER_PENALTY = 0.25  # per special case or follow-up action the query did not ask for
LEVEL_WEIGHT = 0.1  # the procedure is handled at the level of the place where the search is made
LEVELS = ("commune", "province")


class Mode(StrEnum):
    HYBRID = "hybrid"
    LEXICAL = "lexical"
    SEMANTIC = "semantic"


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str
    field_name: str
    levels: tuple[str, ...]
    score: float
    procedure_id: int
    version_id: int


@dataclass(frozen=True)
class _Scope:
    """Which snapshot rows a search may return: in force on the day, adopted by the province if any."""

    rows: np.ndarray  # bool per snapshot row

    @classmethod
    def of(cls, state: snapshot.Snapshot, day: date, adopted: frozenset[int] | None) -> "_Scope":
        rows = ~state.ended_by(day)
        if adopted is not None:
            rows &= np.isin(state.ids, list(adopted))
        return cls(rows)

    def admits(self, state: snapshot.Snapshot, doc_id: int) -> bool:
        row = state.positions.get(doc_id)
        return row is not None and bool(self.rows[row])


def search_procedures(
    query: str,
    limit: int = 10,
    province: str | None = None,
    mode: str = Mode.HYBRID,
    on: date | None = None,
    level: str | None = None,
) -> list[SearchHit]:
    """Procedures in force that best answer `query`, best first.

    `province` (GSO code, "01") keeps the procedures that province has adopted. `mode`: "lexical" (words,
    diacritics ignored), "semantic" (meaning, with the embedding model) or "hybrid" (both, fused).
    `level`: where the search is made, "commune" (a commune reception point) or "province" (the
    province's center); procedures handled at that level come first among close matches.
    """
    analyzed = analyze(_clean_query(query))
    mode = _clean_mode(mode)
    limit = _clean_limit(limit)
    level = _clean_level(level)
    day = on or timezone.localdate()
    adopted = _adopted(province, day) if province else None
    state = snapshot.current()
    scope = _Scope.of(state, day, adopted)

    # The model runs in C without the GIL: embed the question while the database ranks the words.
    vector = (
        _embedder.submit(embeddings.embed_query, analyzed.semantic_text) if mode != Mode.LEXICAL else None
    )
    lexical: list[tuple[int, float]] = []
    if mode != Mode.SEMANTIC:
        # With a province most matches may be filtered out: then fetch them all before filtering.
        fetched = lexical_ranking(analyzed, state, None if adopted is not None else 3 * CANDIDATES)
        lexical = [pair for pair in fetched if scope.admits(state, pair[0])][:CANDIDATES]
    if mode == Mode.LEXICAL:
        ranked = lexical
    else:
        ranked = _with_semantic(vector.result(), mode, lexical, state, scope)
    ranked = rerank(ranked, _adjustments(analyzed, ranked, state, level))
    ranked = _code_first(analyzed, ranked, state, scope)
    return _hits(ranked[:limit], state)


def _clean_query(query: str) -> str:
    text = " ".join((query or "").split())
    if not text:
        raise empty_query()
    if len(text) > MAX_QUERY_LENGTH:
        raise query_too_long(MAX_QUERY_LENGTH)
    return text


def _clean_mode(mode: str) -> Mode:
    try:
        return Mode(mode)
    except ValueError:
        raise InvalidSearchParameter(
            _("Chế độ tra cứu không hợp lệ: chọn hybrid, lexical hoặc semantic.")
        ) from None


def _clean_limit(limit: int) -> int:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidSearchParameter(
            _("Số kết quả phải từ 1 đến %(max)d.") % {"max": MAX_LIMIT}, details={"max_limit": MAX_LIMIT}
        )
    return limit


def place_level(place) -> str:
    """The level a reception place serves: "commune" for a commune reception point or a commune
    center (two-tier model), "province" for the province's center, its branches and service points."""
    from motcua.org.models import PlaceKind

    commune = place.kind == PlaceKind.COMMUNE_POINT or place.is_commune_center
    return "commune" if commune else "province"


def _clean_level(level: str | None) -> str | None:
    if level in (None, "") or level in LEVELS:
        return level or None
    raise InvalidSearchParameter(
        _("Cấp nơi tra cứu không hợp lệ: chọn commune (cấp xã) hoặc province (cấp tỉnh)."),
        details={"level": str(level)[:20]},
    )


def _adjustments(
    query: AnalyzedQuery, ranked: list[tuple[int, float]], state: snapshot.Snapshot, level: str | None
) -> dict[int, float]:
    """What the words and the meaning do not know: how often a procedure is used, whether its name is a
    special case the question did not ask for, whether it is handled where the search is made."""
    vocab = vocabulary.load()
    adjustments = {}
    for doc_id, _score in ranked:
        row = state.positions[doc_id]
        value = PRIOR_WEIGHT * float(state.prior[row])
        value -= QUALIFIER_PENALTY * vocab.unasked(state.qualifiers[row], query.asked)
        if level is not None and level in state.records[row].levels:
            value += LEVEL_WEIGHT
        adjustments[doc_id] = value
    return adjustments


def _adopted(province: str, day: date) -> frozenset[int]:
    """Ids of the documents of the procedures the province has adopted."""
    from motcua.catalog.models import ProvinceProcedure
    from motcua.units.models import AdministrativeUnit

    units = AdministrativeUnit.objects.provinces().at(day).filter(code=province)
    if not units.exists():
        raise InvalidSearchParameter(
            _("Không tìm thấy tỉnh, thành phố có mã %(code)s.") % {"code": province},
            details={"province": province},
        )
    adopted = ProvinceProcedure.objects.filter(province__in=units, active=True).values("procedure_id")
    return frozenset(
        ProcedureSearchDocument.objects.filter(procedure_id__in=adopted).values_list("id", flat=True)
    )


def _with_semantic(
    query_vector: np.ndarray,
    mode: Mode,
    lexical: list[tuple[int, float]],
    state: snapshot.Snapshot,
    scope: _Scope,
) -> list[tuple[int, float]]:
    if not len(state.ids):
        return lexical
    cosines = state.matrix @ query_vector
    cosines[~(scope.rows & state.has_vector)] = -np.inf
    order = np.argsort(-cosines, kind="stable")[:CANDIDATES]
    top = [i for i in order if np.isfinite(cosines[i])]
    semantic = {int(state.ids[i]): float(cosines[i]) for i in top}
    if mode == Mode.SEMANTIC or not top:
        # rescaled like the semantic half of the blend, so the adjustments weigh the same in every mode
        return (
            normalized_blend({}, semantic, semantic_floor=float(cosines[top[-1]]), alpha=0.0) if top else []
        )
    for doc_id, _score in lexical:
        if doc_id in state.positions and doc_id not in semantic:
            semantic[doc_id] = float(cosines[state.positions[doc_id]])
    return normalized_blend(
        dict(lexical), semantic, semantic_floor=float(cosines[top[-1]]), alpha=LEXICAL_SHARE
    )


def _code_first(query: AnalyzedQuery, ranked: list, state: snapshot.Snapshot, scope: _Scope) -> list:
    """A query that is a national code ("1.001193") puts that procedure first."""
    row = state.rows_by_code.get(query.code) if query.code else None
    if row is None or not scope.rows[row]:
        return ranked
    doc_id = int(state.ids[row])
    best = ranked[0][1] if ranked else 1.0
    return [(doc_id, best + 1.0)] + [pair for pair in ranked if pair[0] != doc_id]


def _hits(ranked: list[tuple[int, float]], state: snapshot.Snapshot) -> list[SearchHit]:
    hits = []
    for doc_id, score in ranked:
        record = state.records[state.positions[doc_id]]
        hits.append(
            SearchHit(
                code=record.code,
                name=record.name,
                field_name=record.field_name,
                levels=record.levels,
                score=round(score, 6),
                procedure_id=record.procedure_id,
                version_id=record.version_id,
            )
        )
    return hits
