"""The curated, cited overlay of the most used procedures (ADR 0022 for the contract, ADR 0023 for the data).

Data files: `data/*.json`, each a list of procedures (or one) in the shape `motcua catalog show CODE --json`
prints, where each time limit, fee, case and document carries its citation as `source`. Two conveniences
keep the files short and are expanded here: a terms key may name several channels
(`"in_person,online,postal"`), and `{"use": "key", ...}` takes a block from `data/_shared.json` (a
document, a term, or a list of notes spliced in place), the other keys overriding it.

`load_overlays()` returns {code: overlay} in the contract shape: inline citations moved to
`"sources": {path: citation}` ("terms.in_person.0.time", "common_documents.2", "cases.1.documents.0"),
every overlay checked by `validate.problems`; any defect raises `OverlayError` listing them all.
Pure Python: no Django import.
"""

import copy
import json
from pathlib import Path

from .validate import problems

DATA_DIR = Path(__file__).resolve().parent / "data"
SHARED_FILE = "_shared.json"


class OverlayError(ValueError):
    """A data file that cannot be read, a malformed overlay, or two files curating the same code."""


def load_overlays(directory: Path = DATA_DIR) -> dict[str, dict]:
    shared = _read_shared(directory)
    overlays: dict[str, dict] = {}
    defects: list[str] = []
    for path in sorted(directory.rglob("*.json")):
        if path.name == SHARED_FILE:
            continue
        data = _read(path)
        for raw in data if isinstance(data, list) else [data]:
            try:
                item = expand(raw, shared)
            except OverlayError as exc:
                defects.append(f"{path.name}: {exc}")
                continue
            code = str(item.get("code") or "").strip()
            found = problems(item)
            if found:
                defects += [f"{path.name}: {p}" for p in found]
                continue
            if code in overlays:
                defects.append(f"{path.name}: {code} được rà soát hai lần")
                continue
            overlays[code] = with_sources(item)
    if defects:
        raise OverlayError("\n".join(defects))
    return overlays


CHANNEL_TEXTS = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Dịch vụ bưu chính"}


def new_records(overlays: dict[str, dict], known: set[str]) -> list[dict]:
    """A record in the crawl's shape (data/tthc-2026.jsonl.gz) for each curated procedure the crawl
    lacks (`"new": true`, e.g. monthly social allowances), so the importer parses and creates it like
    any other and then lays its overlay over it. Codes already in `known` are left out."""
    return [
        {
            "code": code,
            "name": item["name"],
            "field": item.get("field", ""),
            "level": item.get("level_text", ""),
            "agency": item.get("agency_name", ""),
            "channels": [CHANNEL_TEXTS[c] for c in item.get("terms", {}) if c in CHANNEL_TEXTS],
            "documents": [],
            "processing_time_text": "",
            "fees_text": "",
            "results": "",
            "procedure_type": "",
            "decision_no": "",
            "source": "motcua/curated",
            "source_url": "",
        }
        for code, item in sorted(overlays.items())
        if item.get("new") and code not in known
    ]


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OverlayError(f"{path}: {exc}") from exc


def _read_shared(directory: Path) -> dict:
    path = directory / SHARED_FILE
    if not path.exists():
        return {}
    data = _read(path)
    return data.get("shared", {}) if isinstance(data, dict) else {}


def _use(block, shared: dict):
    """A `{"use": key, ...}` block replaced by the shared one with the other keys laid over it."""
    if not (isinstance(block, dict) and "use" in block):
        return block
    key = block["use"]
    if key not in shared:
        raise OverlayError(f"khối dùng chung không tồn tại: {key!r}")
    base = copy.deepcopy(shared[key])
    if isinstance(base, dict):
        base.update({k: v for k, v in block.items() if k != "use"})
    return base


def _splice(items, shared: dict) -> list:
    out = []
    for block in items or []:
        value = _use(block, shared)
        out += value if isinstance(value, list) else [value]
    return out


def expand(raw, shared: dict) -> dict:
    """Shared blocks and multi-channel keys resolved; nothing else changed."""
    if not isinstance(raw, dict):
        return raw
    item = copy.deepcopy(raw)
    terms = item.get("terms")
    if isinstance(terms, dict):
        expanded: dict = {}
        for key, rows in terms.items():
            for channel in (c.strip() for c in key.split(",")):
                if channel in expanded:
                    raise OverlayError(f"{item.get('code')}: kênh {channel!r} được khai hai lần")
                expanded[channel] = (
                    [_use(copy.deepcopy(row), shared) for row in rows] if isinstance(rows, list) else rows
                )
        item["terms"] = expanded
    if "common_documents" in item:
        item["common_documents"] = _splice(item["common_documents"], shared)
    for case in item.get("cases") or []:
        if isinstance(case, dict):
            case["documents"] = _splice(case.get("documents"), shared)
    if "notes" in item:
        item["notes"] = _splice(item["notes"], shared)
    return item


def with_sources(item: dict) -> dict:
    """The contract shape: inline citations gathered into `sources` by path and removed from the facts."""
    out = copy.deepcopy(item)
    sources = dict(out.get("sources") or {})
    for channel, rows in (out.get("terms") or {}).items():
        for i, term in enumerate(rows):
            cited = term.pop("source", None) or {}
            for part in ("time", "fee"):
                if cited.get(part):
                    sources[f"terms.{channel}.{i}.{part}"] = cited[part]
            term.setdefault("valid_from", None)
            term.setdefault("valid_until", None)
            term.setdefault("fee_tiers", [])
    groups = [("common_documents", out.get("common_documents") or [])]
    for i, case in enumerate(out.get("cases") or []):
        if case.get("source"):
            sources[f"cases.{i}"] = case.pop("source")
        groups.append((f"cases.{i}.documents", case["documents"]))
    for prefix, docs in groups:
        for i, doc in enumerate(docs):
            if doc.get("source"):
                sources[f"{prefix}.{i}"] = doc.pop("source")
    out.setdefault("cases", [])
    out.setdefault("common_documents", [])
    out.setdefault("notes", [])
    out.setdefault("review_reasons", [])
    out["sources"] = sources
    return out
