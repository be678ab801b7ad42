"""The three containers of an old system's export (docs/migration.md): JSON lines, CSV, Excel.

Each is read one row at a time (bounded memory: openpyxl's read-only mode streams the sheet's XML), and
rejected rows are written back in the same columns plus `reason`, as CSV or Excel (write-only mode).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

FIELDS = (
    "code", "procedure_code", "procedure_name", "province_code", "district_code", "commune_code",
    "agency_name", "agency_code", "channel", "status", "received_at", "due_at", "finished_at",
    "returned_at", "applicant_name", "applicant_id_number", "applicant_phone", "applicant_address",
    "history",
)  # fmt: skip
MALFORMED = "__malformed__"  # a row the container itself could not read (its reason in the value)


class ContainerError(ValueError):
    pass


def kind_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise ContainerError(suffix)


def read(path: str | Path) -> Iterator[tuple[int, dict]]:
    """(row number, raw values by field name), one at a time; the header is row 1 in CSV and Excel."""
    kind = kind_of(path)
    if kind == "jsonl":
        yield from _jsonl(path)
    elif kind == "csv":
        yield from _csv(path)
    else:
        yield from _xlsx(path)


def _jsonl(path) -> Iterator[tuple[int, dict]]:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                yield number, {MALFORMED: line.rstrip("\n")}
                continue
            yield number, row if isinstance(row, dict) else {MALFORMED: line.rstrip("\n")}


def _csv(path) -> Iterator[tuple[int, dict]]:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.DictReader(f)
        for number, row in enumerate(reader, start=2):
            yield number, {k: v for k, v in row.items() if k is not None}


def _xlsx(path) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return
        names = [str(h).strip() if h is not None else "" for h in header]
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or v == "" for v in values):
                continue
            yield number, {name: value for name, value in zip(names, values, strict=False) if name}
    finally:
        book.close()


def text_of(value) -> str:
    """A cell as written in the CSV (history as JSON text, moments in ISO 8601)."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


class Rejects:
    """The rejects file: the row's columns as read plus `reason`, CSV or Excel by the file's suffix."""

    def __init__(self, path: str | Path | None):
        self.path, self.count = path, 0
        self._file = self._writer = self._book = self._sheet = None
        if path is None:
            return
        kind = kind_of(path)
        columns = [*FIELDS, "reason"]
        if kind == "xlsx":
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("rejects")
            self._sheet.append(columns)
        else:
            self._file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
            self._writer = csv.writer(self._file)
            self._writer.writerow(columns)

    def add(self, raw: dict, reason: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if MALFORMED in raw:
            values = [raw[MALFORMED], *[""] * (len(FIELDS) - 1)]
        else:
            values = [text_of(raw.get(name)) for name in FIELDS]
        if self._sheet is not None:
            self._sheet.append([*values, reason])
        else:
            self._writer.writerow([*values, reason])

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._book is not None:
            self._book.save(self.path)
        if self._file is not None:
            self._file.close()
