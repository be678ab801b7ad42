"""The samples of docs/migration.md are valid lines (JSON lines and CSV) and convert as the text says."""

import csv
import io
import json
import re
from pathlib import Path

from motcua.legacy.containers import FIELDS
from motcua.legacy.importer import parse

DOC = (Path(__file__).resolve().parents[2] / "docs" / "migration.md").read_text(encoding="utf-8")


def block(language: str) -> str:
    return re.search(rf"```{language}\n(.*?)```", DOC, re.S).group(1)


def test_the_json_sample_is_a_valid_line_with_tcvn3_and_vni_text():
    line = parse(1, json.loads(block("json")))
    assert line.values["applicant_name"] == "Nguyễn Văn Hùng"
    assert line.values["applicant_address"] == "Phường Lê Hồng Phong, thành phố Phủ Lý"
    assert line.status == "returned" and len(line.history) == 4


def test_the_csv_sample_has_the_fields_and_is_a_valid_line():
    rows = list(csv.DictReader(io.StringIO(block("csv"))))
    assert list(rows[0].keys()) == list(FIELDS)
    line = parse(2, rows[0])
    assert line.code == "000.00.20.H35-240612-0007" and line.history[0][2] == "Tiếp nhận"
