"""What a search process keeps in memory about the index, reloaded when the index changes.

- every document vector as one float32 matrix (semantic ranking: one matrix product);
- an inverted index of the document lists (thành phần hồ sơ): scoring them in the database cost 30-170
  ms a query on PostgreSQL, which has to read each matching row's large TOASTed vector; in memory it is
  well under a millisecond on both engines (docs/decisions/0006);
- word frequencies of names and fields (PostgreSQL's title ranking needs them; ts_rank has no IDF).

Each search checks one aggregate (count, highest id, last indexing time) to notice a reindex made by
another process; loading the national catalog takes a few tenths of a second, once per process.
"""

import math
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import connection
from django.db.models import Count, Max

from motcua.catalog.demand import procedure_weight

from . import vocabulary
from .embeddings import DIM
from .models import ProcedureSearchDocument

_K1, _B = 1.2, 0.75  # BM25 constants
_OPEN = date.max.toordinal()


@dataclass(frozen=True)
class Record:
    code: str
    name: str
    field_name: str
    levels: tuple[str, ...]
    procedure_id: int
    version_id: int


@dataclass(frozen=True)
class Snapshot:
    ids: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))  # one row per document
    positions: dict[int, int] = field(default_factory=dict)  # document id -> row
    matrix: np.ndarray = field(default_factory=lambda: np.empty((0, DIM), dtype=np.float32))
    has_vector: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool))
    ends: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))  # valid_to ordinal or max
    records: list[Record] = field(default_factory=list)  # what a result shows, per row
    rows_by_code: dict[str, int] = field(default_factory=dict)
    postings: dict[str, np.ndarray] = field(default_factory=dict)  # word -> rows whose document list has it
    list_lengths: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float32))
    name_frequency: Counter = field(default_factory=Counter)  # word or word pair -> names with it
    field_frequency: Counter = field(default_factory=Counter)
    average_title_words: float = 0.0  # distinct words of name + field
    prior: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float32))  # popularity 0..1
    qualifiers: list[frozenset[int]] = field(default_factory=list)  # vocabulary qualifiers of each name

    @property
    def documents(self) -> int:
        return len(self.ids)

    def ended_by(self, day: date) -> np.ndarray:
        """Rows whose version is no longer in force on `day` (the index is refreshed on events, not at
        midnight: a window that closes later is known in advance)."""
        return self.ends <= day.toordinal()

    def share(self, word: str) -> float:
        """Share of the documents whose document list contains `word`."""
        found = self.postings.get(word)
        return len(found) / self.documents if found is not None and self.documents else 0.0

    def document_list_scores(self, words: list[str]) -> list[tuple[int, float]]:
        """BM25 (binary term frequency) of the document lists for `words`: (document id, score), best first."""
        if not self.documents:
            return []
        scores = np.zeros(self.documents, dtype=np.float32)
        average = float(self.list_lengths.mean()) or 1.0
        saturation = (_K1 + 1) / (1 + _K1 * (1 - _B + _B * self.list_lengths / average))
        for word in dict.fromkeys(words):
            rows = self.postings.get(word)
            if rows is not None:
                idf = math.log(1 + (self.documents - len(rows) + 0.5) / (len(rows) + 0.5))
                scores[rows] += idf * saturation[rows]
        found = np.flatnonzero(scores)
        order = found[np.argsort(-scores[found], kind="stable")]
        return [(int(self.ids[row]), float(scores[row])) for row in order]


_lock = threading.Lock()
_state: dict = {"key": None, "snapshot": Snapshot()}


def current() -> Snapshot:
    stamp = ProcedureSearchDocument.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("indexed_at"))
    key = (connection.alias, connection.settings_dict["NAME"], stamp["n"], stamp["top"], stamp["at"])
    with _lock:
        if key != _state["key"]:
            _state["snapshot"], _state["key"] = _load(), key
        return _state["snapshot"]


def _load() -> Snapshot:
    rows = ProcedureSearchDocument.objects.order_by("id").values_list(
        "id",
        "embedding",
        "documents_folded",
        "name_folded",
        "field_folded",
        "valid_to",
        "code",
        "name",
        "field_name",
        "levels",
        "procedure_id",
        "version_id",
    )
    ids, vectors, has_vector, lengths, ends, records = [], [], [], [], [], []
    postings: dict[str, list[int]] = defaultdict(list)
    names, fields = Counter(), Counter()
    title_words = 0
    vocab = vocabulary.load()
    weights, qualifiers = [], []
    zero = np.zeros(DIM, dtype="<f2")
    for row, (doc_id, blob, documents, name, field_name, valid_to, *shown) in enumerate(
        rows.iterator(chunk_size=500)
    ):
        code, display_name, display_field, levels, procedure_id, version_id = shown
        levels = tuple(filter(None, levels.split(",")))
        records.append(Record(code, display_name, display_field, levels, procedure_id, version_id))
        weights.append(procedure_weight(display_field, display_name, 0))
        qualifiers.append(vocab.in_name(display_name))
        ids.append(doc_id)
        ends.append(valid_to.toordinal() if valid_to else _OPEN)
        vectors.append(np.frombuffer(bytes(blob), dtype="<f2") if blob else zero)
        has_vector.append(bool(blob))
        words = set(documents.split())
        lengths.append(len(words))
        for word in words:
            postings[word].append(row)
        names.update(_words_and_pairs(name))
        fields.update(_words_and_pairs(field_name))
        title_words += len(set(name.split()) | set(field_name.split()))
    return Snapshot(
        ids=np.asarray(ids, dtype=np.int64),
        positions={doc_id: row for row, doc_id in enumerate(ids)},
        matrix=np.vstack(vectors).astype(np.float32) if vectors else np.empty((0, DIM), dtype=np.float32),
        has_vector=np.asarray(has_vector, dtype=bool),
        ends=np.asarray(ends, dtype=np.int64),
        records=records,
        rows_by_code={record.code: row for row, record in enumerate(records)},
        postings={word: np.asarray(found, dtype=np.int32) for word, found in postings.items()},
        list_lengths=np.asarray(lengths, dtype=np.float32),
        name_frequency=names,
        field_frequency=fields,
        average_title_words=title_words / len(ids) if ids else 0.0,
        prior=_popularity(weights),
        qualifiers=qualifiers,
    )


def _popularity(weights: list[float]) -> np.ndarray:
    """The simulator's weights (field share x popular words, motcua.catalog.demand) on a log scale
    from 0 (least used) to 1 (most used): a field 100 times busier is not 100 times more likely meant."""
    if not weights:
        return np.empty(0, dtype=np.float32)
    logs = np.log(np.asarray(weights, dtype=np.float64))
    span = logs.max() - logs.min()
    return ((logs - logs.min()) / span if span > 0 else np.zeros_like(logs)).astype(np.float32)


def _words_and_pairs(text: str) -> set:
    words = text.split()
    return {(word,) for word in words} | set(zip(words, words[1:], strict=False))
