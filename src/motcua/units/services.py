"""Writes to the administrative map: loading the owned data file (one transaction, bulk statements)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from . import dataset as ds
from .models import AdministrativeUnit, UnitLevel, UnitSuccession
from .text import search_key

UNIT_FIELDS = (
    "kind",
    "name",
    "full_name",
    "name_en",
    "search_name",
    "search_short_name",
    "province_code",
    "valid_to",
    "valid_from_exact",
    "legal_basis",
    "parent_id",
)
SUCCESSION_FIELDS = ("effective_on", "partial", "primary", "legal_basis")
LEVEL_ORDER = (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE)  # parents before children
BATCH = 1000


@dataclass
class LoadReport:
    version: str
    units_created: int = 0
    units_updated: int = 0
    successions_created: int = 0
    successions_updated: int = 0
    # Rows in the database that the file does not know: kept (other tables may point to them), reported.
    units_unknown: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(
            self.units_created or self.units_updated or self.successions_created or self.successions_updated
        )


def load_units(path: Path | str | None = None) -> LoadReport:
    """Make the database match the data file: create missing rows, update changed ones, never delete.

    Idempotent: a second run finds nothing to do. Units are matched on (level, code, valid_from),
    successions on (predecessor, successor).
    """
    started = time.perf_counter()
    data = ds.read(path)
    report = LoadReport(version=data.version)
    with transaction.atomic():
        ids = _load_units(data, report)
        _load_successions(data, ids, report)
    report.seconds = time.perf_counter() - started
    return report


def _load_units(data: ds.Dataset, report: LoadReport) -> dict[str, int]:
    # Compared as plain tuples: building 14,000 model instances per run would dominate the time.
    ids: dict[str, int] = {}
    wanted_keys = {u.key for u in data.units}
    for level in LEVEL_ORDER:
        rows = AdministrativeUnit.objects.filter(level=level).values_list(
            "pk", "code", "valid_from", *UNIT_FIELDS
        )
        existing = {
            ds.unit_key(level, code, valid_from): (pk, tuple(rest)) for pk, code, valid_from, *rest in rows
        }
        report.units_unknown += len(existing.keys() - wanted_keys)
        to_create, to_update = [], []
        for record in (r for r in data.units if r.level == level):
            values = _unit_values(record, ids)
            pk, current = existing.get(record.key, (None, None))
            if pk is None:
                to_create.append(
                    AdministrativeUnit(code=record.code, level=level, valid_from=record.valid_from, **values)
                )
            elif current != tuple(values.values()):
                to_update.append(AdministrativeUnit(pk=pk, **values))
        # Updates first: a row that ends (valid_to set) must stop being current before its successor,
        # which has the same code, is inserted (constraint unit_one_current_per_code).
        AdministrativeUnit.objects.bulk_update(to_update, UNIT_FIELDS, batch_size=BATCH)
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH)
        report.units_updated += len(to_update)
        report.units_created += len(to_create)
        for pk, code, valid_from in AdministrativeUnit.objects.filter(level=level).values_list(
            "pk", "code", "valid_from"
        ):
            ids[ds.unit_key(level, code, valid_from)] = pk
    return ids


def _unit_values(record: ds.UnitRecord, ids: dict[str, int]) -> dict:
    """The columns of UNIT_FIELDS, in that order, as the record wants them."""
    return {
        "kind": record.kind,
        "name": record.name,
        "full_name": record.full_name,
        "name_en": record.name_en,
        "search_name": search_key(record.full_name),
        "search_short_name": search_key(record.name),
        "province_code": record.province_code,
        "valid_to": record.valid_to,
        "valid_from_exact": record.valid_from_exact,
        "legal_basis": record.legal_basis,
        "parent_id": ids[record.parent] if record.parent else None,
    }


def _load_successions(data: ds.Dataset, ids: dict[str, int], report: LoadReport) -> None:
    rows = UnitSuccession.objects.values_list("pk", "predecessor_id", "successor_id", *SUCCESSION_FIELDS)
    existing = {(old, new): (pk, tuple(rest)) for pk, old, new, *rest in rows}
    to_create, to_update = [], []
    for record in data.successions:
        pair = (ids[record.predecessor], ids[record.successor])
        values = {
            "effective_on": record.effective_on,
            "partial": record.partial,
            "primary": record.primary,
            "legal_basis": record.legal_basis,
        }
        pk, current = existing.get(pair, (None, None))
        if pk is None:
            to_create.append(UnitSuccession(predecessor_id=pair[0], successor_id=pair[1], **values))
        elif current != tuple(values.values()):
            to_update.append(UnitSuccession(pk=pk, **values))
    UnitSuccession.objects.bulk_update(to_update, SUCCESSION_FIELDS, batch_size=BATCH)
    UnitSuccession.objects.bulk_create(to_create, batch_size=BATCH)
    report.successions_created = len(to_create)
    report.successions_updated = len(to_update)
