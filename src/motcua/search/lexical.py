"""Word ranking: the title (name, field) in the database's full-text index (migration 0002: SQLite FTS5,
PostgreSQL tsvector + GIN), the document lists in memory (snapshot.py), merged here.

The best document-list match is worth DOCUMENTS_SHARE of the best title match: document lists decide
between close titles, they do not lead (a question about a paper, "trẻ bị bỏ rơi", is left to the
semantic side of hybrid search).
"""

# ruff: noqa: S608 -- SQL built from constant names and counted placeholders; values are parameters.
import math

from django.db import connection

from .models import ProcedureSearchDocument
from .ranking import merge_lexical
from .snapshot import Snapshot
from .text import AnalyzedQuery, fts5_match, pg_tsquery

TABLE = ProcedureSearchDocument._meta.db_table
TITLE_FTS = "search_procedure_fts"
# Tuned on the dev half of tests/search/eval_questions.jsonl (docs/decisions/0006).
FIELD_WEIGHT = 0.3  # a word of the field against a word of the name
DOCUMENTS_SHARE = 0.2  # the best document-list match is worth this share of the best title match
COMMON_SHARE = 0.25  # words in more document lists than this say nothing about a document list
CANDIDATE_SHARE = 0.05  # PostgreSQL: rows are fetched by the title items in at most this share of names
_K1, _B = 1.2, 0.75


def lexical_ranking(query: AnalyzedQuery, snapshot: Snapshot, limit: int | None) -> list[tuple[int, float]]:
    """(document id, score) best first, score > 0; `limit` None returns every match."""
    if not query.items:
        return []
    if connection.vendor == "postgresql":
        title = _run(*_postgres_title(query, snapshot, limit))
    else:
        title = _run(
            f"SELECT rowid, -bm25({TITLE_FTS}, 1.0, %s) AS score FROM {TITLE_FTS} "
            f"WHERE {TITLE_FTS} MATCH %s ORDER BY score DESC{_limit(limit)}",
            (FIELD_WEIGHT, fts5_match(query.items), *_limit_params(limit)),
        )
    # Single uncommon words only: pairs of the document lists took 2.6 s to load and did not help.
    words = [item[0] for item in query.items if len(item) == 1 and snapshot.share(item[0]) <= COMMON_SHARE]
    documents = snapshot.document_list_scores(words)
    if limit is not None:
        documents = documents[:limit]
    return merge_lexical(title, documents, documents_share=DOCUMENTS_SHARE)


def _limit(limit: int | None) -> str:
    return "" if limit is None else " LIMIT %s"


def _limit_params(limit: int | None) -> tuple:
    return () if limit is None else (limit,)


def _run(sql: str, params: tuple) -> list[tuple[int, float]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], float(row[1])) for row in cursor.fetchall() if row[1] > 0]


def _postgres_title(query: AnalyzedQuery, snapshot: Snapshot, limit: int | None) -> tuple[str, tuple]:
    """BM25 with binary term frequency over the title vector (ts_rank has no inverse document frequency:
    "đăng ký" weighed as much as "khai sinh", lexical top-1 16% on the dev questions).

    Each item is tested with @@ against the name (lexemes of weight A) and the field (B), with document
    frequencies from the snapshot. Rows are found through the GIN index by their uncommon items only:
    a row sharing nothing but "cấp giấy" with the query is not worth scoring.
    """
    n, average = max(snapshot.documents, 1), max(snapshot.average_title_words, 1.0)
    saturation = f"({_K1} + 1) / (1 + {_K1} * (1 - {_B} + {_B} * length(d.title_vector) / {average:.4f}))"
    terms, params = [], []
    for item in query.items:
        name_idf = _bm25_idf(n, snapshot.name_frequency.get(item, 0))
        field_idf = FIELD_WEIGHT * _bm25_idf(n, snapshot.field_frequency.get(item, 0))
        terms.append(
            f"CASE WHEN d.title_vector @@ to_tsquery('simple', %s) THEN %s * {saturation} ELSE 0 END"
            " + CASE WHEN d.title_vector @@ to_tsquery('simple', %s) THEN %s ELSE 0 END"
        )
        params += [pg_tsquery([item], "A"), name_idf, pg_tsquery([item], "B"), field_idf]
    uncommon = [
        item for item in query.items if snapshot.name_frequency.get(item, 0) <= CANDIDATE_SHARE * n
    ] or list(query.items)
    sql = (
        f"SELECT d.id, {' + '.join(terms)} AS score FROM {TABLE} d "
        f"WHERE d.title_vector @@ to_tsquery('simple', %s) ORDER BY score DESC, d.code{_limit(limit)}"
    )
    return sql, (*params, pg_tsquery(uncommon), *_limit_params(limit))


def _bm25_idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
