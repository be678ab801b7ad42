"""The curated, cited overlay of the most used procedures (docs/decisions/0022-catalog-parsing-and-overlay.md).

Data files: any `*.json` under this folder (sub-folders too), each one procedure or a list of them, in the
shape `motcua catalog show CODE --json` prints, plus an optional "sources" mapping each fact to its
citation. `load_overlays()` returns {code: that dict}; {} when there is no data file. The importer builds
the parts an overlay gives (cases and documents, notes, terms per channel, name) from it instead of the
parsed text. Pure Python: no Django import.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


class OverlayError(ValueError):
    """A data file that cannot be read, or two files curating the same code."""


def load_overlays(directory: Path = DATA_DIR) -> dict[str, dict]:
    overlays: dict[str, dict] = {}
    for path in sorted(directory.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OverlayError(f"{path}: {exc}") from exc
        for item in data if isinstance(data, list) else [data]:
            code = str(item.get("code") or "").strip() if isinstance(item, dict) else ""
            if not code:
                raise OverlayError(f"{path}: an entry without a procedure code")
            if code in overlays:
                raise OverlayError(f"{path}: {code} is curated twice")
            overlays[code] = item
    return overlays
