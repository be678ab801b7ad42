"""Benchmark of `motcua migrate-legacy`: lines per second and peak memory on a generated old export.

    createdb -h 127.0.0.1 -U postgres motcua_bench_legacy
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_legacy SECRET_KEY=bench \
        .venv/bin/python bench/bench_legacy.py --lines 100000 [--file /tmp/old.jsonl] [--rerun]

The export (motcua.legacy.sample: the former Hà Nam, Nam Định and Ninh Bình's 398 communes, a closed
year's status mix with its open tail, 10 % TCVN3 and 10 % VNI text, one line in fifty invalid) is written
once; the database is migrated and given the new Ninh Bình (the units map, the center, the provincial
committee, departments, the People's Committees of its communes, the procedures). The command runs as
a subprocess, as an operator runs it: wall time for the whole file, peak RSS of that process
(getrusage of the child). --rerun runs it a second time (every line skipped).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")
sys.path.insert(0, SRC)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")


def setup_province() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from motcua.catalog import services as catalog
    from motcua.catalog.models import Procedure
    from motcua.legacy.sample import DEPARTMENTS, PROCEDURES
    from motcua.org import services as org
    from motcua.org.models import Agency, AgencyKind, CenterModel, ReceptionPlace
    from motcua.units.models import AdministrativeUnit

    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.filter(code="37", level="province").exists():
        call_command("units", "load", stdout=io.StringIO())
    province = AdministrativeUnit.objects.get(code="37", level="province", valid_to__isnull=True)
    with transaction.atomic():
        if not ReceptionPlace.objects.provincial_centers().filter(province=province).exists():
            org.create_center(
                province=province,
                code="37.TT",
                name="Trung tâm Phục vụ hành chính công tỉnh Ninh Bình",
                center_model=CenterModel.ONE_LEVEL,
            )
        if Agency.objects.filter(province=province).exists():
            return
        org.create_agency(
            province=province, kind=AgencyKind.PROVINCIAL_COMMITTEE, code="000.00.00.H42",
            name="Ủy ban nhân dân tỉnh Ninh Bình",
        )  # fmt: skip
        for i, name in enumerate(DEPARTMENTS, start=1):
            org.create_agency(
                province=province, kind=AgencyKind.DEPARTMENT, code=f"000.00.{i:02d}.H42",
                name=f"{name} tỉnh Ninh Bình",
            )  # fmt: skip
        communes = AdministrativeUnit.objects.current().communes().filter(province_code="37").order_by("code")
        for i, commune in enumerate(communes):
            org.create_agency(
                province=province, kind=AgencyKind.COMMUNE_COMMITTEE, commune=commune,
                code=f"000.{i // 99 + 10:02d}.{i % 99 + 1:02d}.H42", name=f"Ủy ban nhân dân {commune.full_name.lower()}",
            )  # fmt: skip
        for code, name in PROCEDURES[:-1]:  # the last one is retired: kept as unknown
            if Procedure.objects.filter(code=code).exists():
                continue
            data = {
                "name": name, "field": "Hộ tịch", "at_commune": True, "agency_kind": "commune_pc",
                "online_level": "full",
                "channel_terms": [
                    {"channel": c, "time_value": "5", "time_unit": "working_days", "fee_kind": "free"}
                    for c in ("in_person", "online", "postal")
                ],
                "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0, "case": None}],
            }  # fmt: skip
            procedure = catalog.create_procedure(code=code)
            catalog.publish(
                version=catalog.create_draft(procedure=procedure, data=data), valid_from="2025-07-01"
            )


def run(path: Path, extra: list[str]) -> tuple[float, float, float, str]:
    """(wall seconds, the command's CPU seconds, its peak RSS in MB, its last line)."""
    args = [
        sys.executable,
        "-m",
        "motcua",
        "migrate-legacy",
        str(path),
        "--province",
        "37",
        "--quiet",
        *extra,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu, after.ru_maxrss / 1024, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--file", default="")
    parser.add_argument("--rerun", action="store_true")
    options = parser.parse_args()
    path = Path(options.file or f"/tmp/legacy-{options.lines}.jsonl")
    if not path.exists():
        from motcua.legacy import sample

        started = time.perf_counter()
        sample.write_jsonl(path, options.lines, seed=2025, dirty=True)
        print(f"generated {options.lines:,} lines in {time.perf_counter() - started:.1f} s → {path}")
    setup_province()
    from django.db import connection

    print(f"database: {connection.vendor}, file: {path.stat().st_size / 1e6:.0f} MB")
    for name in ("first run", "rerun") if options.rerun else ("first run",):
        load = os.getloadavg()[0]
        seconds, cpu, rss, last = run(path, [])
        print(
            f"{name}: {last} in {seconds:.1f} s = {options.lines / seconds:,.0f} lines/s wall; command CPU "
            f"{cpu:.1f} s = {options.lines / cpu:,.0f} lines per CPU second; peak RSS {rss:.0f} MB "
            f"(load average {load:.1f} before)"
        )


if __name__ == "__main__":
    main()
