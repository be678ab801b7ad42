"""Read the owned data file of administrative units (pure Python, no Django).

The file (data/units-2026.json.gz) is built by scripts/build_units_data.py and committed; see
docs/decisions/0003-administrative-units-data.md. A unit record is keyed by "level:code:valid_from".
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "units-2026.json.gz"
SUPPORTED_FORMAT = 1


class DatasetError(ValueError):
    """The data file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class UnitRecord:
    level: str
    code: str
    kind: str
    name: str
    full_name: str
    name_en: str
    province_code: str
    parent: str | None
    valid_from: date
    valid_to: date | None
    valid_from_exact: bool
    legal_basis: str

    @property
    def key(self) -> str:
        return unit_key(self.level, self.code, self.valid_from)


@dataclass(frozen=True)
class SuccessionRecord:
    predecessor: str
    successor: str
    effective_on: date
    partial: bool
    primary: bool
    legal_basis: str


@dataclass(frozen=True)
class Dataset:
    version: str
    units: tuple[UnitRecord, ...]
    successions: tuple[SuccessionRecord, ...]
    notes: tuple[str, ...] = ()


def unit_key(level: str, code: str, valid_from: date) -> str:
    return f"{level}:{code}:{valid_from.isoformat()}"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read(path: Path | str | None = None) -> Dataset:
    path = Path(path) if path else DEFAULT_PATH
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            raw = json.load(fh)
    except (OSError, ValueError) as exc:
        raise DatasetError(f"cannot read {path}: {exc}") from exc
    if raw.get("format") != SUPPORTED_FORMAT:
        raise DatasetError(f"{path}: unsupported format {raw.get('format')!r}")
    try:
        units = tuple(
            UnitRecord(
                level=u["level"],
                code=u["code"],
                kind=u["kind"],
                name=u["name"],
                full_name=u["full_name"],
                name_en=u["name_en"],
                province_code=u["province_code"],
                parent=u["parent"],
                valid_from=date.fromisoformat(u["valid_from"]),
                valid_to=_date(u["valid_to"]),
                valid_from_exact=u["valid_from_exact"],
                legal_basis=u["legal_basis"],
            )
            for u in raw["units"]
        )
        successions = tuple(
            SuccessionRecord(
                predecessor=s["from"],
                successor=s["to"],
                effective_on=date.fromisoformat(s["on"]),
                partial=s["partial"],
                primary=s["primary"],
                legal_basis=s["legal_basis"],
            )
            for s in raw["successions"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DatasetError(f"{path}: malformed record: {exc}") from exc
    dataset = Dataset(version=raw["version"], units=units, successions=successions, notes=tuple(raw["notes"]))
    _check(dataset)
    return dataset


def _check(dataset: Dataset) -> None:
    keys = {u.key for u in dataset.units}
    if len(keys) != len(dataset.units):
        raise DatasetError("duplicate unit keys")
    for u in dataset.units:
        if u.parent is not None and u.parent not in keys:
            raise DatasetError(f"{u.key}: unknown parent {u.parent}")
        if u.valid_to is not None and u.valid_to <= u.valid_from:
            raise DatasetError(f"{u.key}: empty validity window")
    for s in dataset.successions:
        if s.predecessor not in keys or s.successor not in keys:
            raise DatasetError(f"succession {s.predecessor} -> {s.successor}: unknown unit")
