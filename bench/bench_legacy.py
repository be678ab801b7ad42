"""Benchmark of `motcua migrate-legacy`: lines per second and peak memory on a generated old export.

    createdb -h 127.0.0.1 -U postgres motcua_bench_legacy
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_legacy SECRET_KEY=bench \
        .venv/bin/python bench/bench_legacy.py --lines 100000 [--file /tmp/old.jsonl] [--rerun] [--dry-run]
    # before and after side by side on the same file, and their rows compared field by field:
    git archive <commit before> src | tar -x -C /tmp/before
    ... bench/bench_legacy.py --lines 50000 --before /tmp/before/src

The export (motcua.legacy.sample: the former Hà Nam, Nam Định and Ninh Bình's 398 communes, a closed
year's status mix with its open tail, 10 % TCVN3, 10 % VNI and 5 % decomposed Unicode text, one line in fifty invalid, about 1.5 % duplicates of
earlier lines, a third of them changed) is written
once; the database is migrated and given the new Ninh Bình (the units map, the center, the provincial
committee, departments, the People's Committees of its communes, the procedures). The command runs as
a subprocess, as an operator runs it: wall time for the whole file, peak RSS of that process
(its VmHWM), and the CPU time of its PostgreSQL backend (/proc). The migrated rows are
removed before each first run (TRUNCATE: a bench database only). --rerun runs it a second time (every
line skipped); --before runs the code before and this code twice each, alternately, and compares the
rows they wrote (ids and write stamps aside).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
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


APP = "motcua-legacy-bench"  # the command's session in pg_stat_activity (PGAPPNAME)


def backend_cpu(pid: int) -> float | None:
    """CPU seconds of a PostgreSQL backend on this machine (user + system, /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def high_water(pid: int) -> float | None:
    """The process's peak RSS in MB (VmHWM). Not getrusage: on Linux a child's ru_maxrss starts from
    the RSS of the process it was forked from (this bench, which holds the rows it compares)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for text in f:
                if text.startswith("VmHWM:"):
                    return int(text.split()[1]) / 1024
    except OSError:
        return None
    return None


def run(path: Path, extra: list[str], src: str = SRC) -> dict:
    """The command as an operator runs it (a subprocess with `src` first on the path): wall seconds,
    its CPU seconds, its peak RSS in MB, the CPU seconds of its PostgreSQL backend (sampled every
    0.2 s from /proc while it runs, as its peak RSS: the last 0.2 s may be missed), the load average, its last line."""
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
    env = {**os.environ, "PYTHONPATH": src, "PGAPPNAME": APP}
    from django.db import connection

    load = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        backend, server, peak = None, 0.0, 0.0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)  # this child's own rusage
            if pid:
                break
            time.sleep(0.2)
            if backend is None and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APP])
                    found = cursor.fetchone()
                backend = found[0] if found else None
            if backend is not None:
                server = backend_cpu(backend) or server
            peak = high_water(child.pid) or peak
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read(), err.read()
    if child.returncode:
        raise SystemExit(f"the command failed ({child.returncode}): {errors[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "wall": seconds, "cpu": cpu, "rss": peak, "server": server,
        "load": (load, os.getloadavg()[0]), "last": text.strip().splitlines()[-1],
    }  # fmt: skip


def report(name: str, lines: int, r: dict) -> None:
    print(
        f"{name}: {r['last']} in {r['wall']:.1f} s = {lines / r['wall']:,.0f} lines/s wall; command CPU "
        f"{r['cpu']:.1f} s = {lines / r['cpu']:,.0f} lines per CPU second; its PostgreSQL backend "
        f"{r['server']:.1f} s CPU; peak RSS {r['rss']:.0f} MB; load average {r['load'][0]:.1f} before, "
        f"{r['load'][1]:.1f} after",
        flush=True,
    )


def clear() -> None:
    """The bench database's migrated dossiers and runs (and everything that refers to them)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE dossiers_dossier, legacy_importrun CASCADE")


def end_state() -> dict[str, list[str]]:
    """Every row the runs write, as text, without what differs between two clean runs by design:
    database ids (rows of the same dossier are named by its code, a step by its position) and the
    write's own wall-clock stamps."""
    from motcua.legacy.importer import Writer

    state = {}
    renamed = {"dossier": "dossier__code", "current_step": "current_step__position",
               "supplement": "supplement__requested_at"}  # fmt: skip
    for model in Writer.MODELS:
        names = [
            renamed.get(f.name, f.attname)
            for f in model._meta.concrete_fields
            if f.name not in ("id", "created_at", "updated_at", "imported_at")
        ]
        state[model.__name__] = sorted(repr(v) for v in model.objects.values_list(*names).iterator(5_000))
    return state


def compare(old: dict, new: dict) -> None:
    for table, rows in old.items():
        other = new[table]
        diff = sorted(set(rows) ^ set(other))
        verdict = "identical" if not diff and len(rows) == len(other) else f"{len(diff)} rows differ"
        print(f"  {table}: {len(rows):,} rows before, {len(other):,} after: {verdict}")
        for text in diff[:3]:
            print("    ", "before" if text in set(rows) else "after", text[:300])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--file", default="")
    parser.add_argument("--rerun", action="store_true")
    parser.add_argument(
        "--dry-run", action="store_true", help="a dry run of the file instead of the first run"
    )
    parser.add_argument(
        "--before",
        default="",
        help="src of the code before (git archive): run both on the file, compare rows",
    )
    options = parser.parse_args()
    path = Path(options.file or f"/tmp/legacy-{options.lines}.jsonl")
    if not path.exists():
        from motcua.legacy import sample

        started = time.perf_counter()
        sample.write_jsonl(path, options.lines, seed=2025, dirty=True, messy=True)
        print(f"generated {options.lines:,} lines in {time.perf_counter() - started:.1f} s → {path}")
    setup_province()
    from django.db import connection

    print(f"database: {connection.vendor}, file: {path.stat().st_size / 1e6:.0f} MB, {options.lines:,} lines")
    n = options.lines
    if options.before:
        clear()
        report("before: first run", n, run(path, [], options.before))
        before = end_state()
        clear()
        report("after: first run", n, run(path, []))
        compare(before, end_state())
        clear()
        report("before: first run (again)", n, run(path, [], options.before))
        clear()
        report("after: first run (again)", n, run(path, []))
    elif options.dry_run:
        clear()
        report("dry run", n, run(path, ["--dry-run"]))
    else:
        clear()
        report("first run", n, run(path, []))
    if options.rerun:
        report("rerun", n, run(path, []))


if __name__ == "__main__":
    main()
