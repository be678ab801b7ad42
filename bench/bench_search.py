"""Benchmark of procedure search: latency over the whole national catalog, and hit rates.

    DATABASE_URL=sqlite:////tmp/bench-search.sqlite3 .venv/bin/python bench/bench_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_search .venv/bin/python bench/bench_search.py

The database is migrated, the catalog imported and indexed when empty: use a database of its own
(for PostgreSQL create it first: createdb -h 127.0.0.1 -U postgres motcua_bench_search).
Workload: the questions of tests/search/eval_questions.jsonl, each searched --rounds times per mode after
one warm-up pass, limit 10, on one core (OMP_NUM_THREADS=1 and CPU affinity 0 where the OS allows).
Wall-clock time of `search_procedures` per call is what a user waits for (PostgreSQL's own work
included); CPU time of this process is printed too: on a shared machine it shows the cost without the
waiting for a busy core (it leaves out PostgreSQL's server process, not SQLite, which runs in-process).
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ["OMP_NUM_THREADS"] = "1"  # before the model's engine is loaded
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("MOTCUA_INSECURE_DEV_KEY", "1")

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "search" / "eval_questions.jsonl"
TARGET_P95_MS = {"lexical": 30.0, "semantic": 80.0, "hybrid": 80.0}


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        return "pinned to one core"
    return "not pinned (no sched_setaffinity)"


def prepare() -> str:
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    from motcua.catalog import importer
    from motcua.catalog.models import Procedure
    from motcua.search import services

    if not Procedure.objects.exists():
        importer.import_catalog()
    report = services.reindex()
    return f"{connection.vendor} {connection.settings_dict['NAME']}: {report.indexed} procedures indexed"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(texts: list[str], mode: str, rounds: int) -> tuple[list[float], list[float]]:
    """(wall-clock ms, CPU ms) per call, the query-vector cache emptied before each (cold questions)."""
    from motcua.search.embeddings import embed_query
    from motcua.search.selectors import search_procedures

    for text in texts:  # warm-up: caches, model, database pages
        search_procedures(text, limit=10, mode=mode)
    wall, cpu = [], []
    for _ in range(rounds):
        for text in texts:
            embed_query.cache_clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            search_procedures(text, limit=10, mode=mode)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modes", default="lexical,semantic,hybrid")
    parser.add_argument("--no-quality", action="store_true", help="skip the hit-rate table")
    args = parser.parse_args()

    pinned = pin_one_core()
    print(prepare())
    print(f"python {platform.python_version()}, {platform.machine()}, {pinned}")
    from motcua.search.evaluation import hit_rate, load_questions

    questions = load_questions(QUESTIONS)
    texts = [q.text for q in questions]
    failed = False
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"\nLatency, {len(texts)} questions x {args.rounds} rounds, limit 10 (ms)")
    print(
        f"{'mode':<9} {'p50':>7} {'p95':>7} {'max':>7} {'mean':>7} | {'cpu p50':>7} {'cpu p95':>7} | p95 target"
    )
    for mode in args.modes.split(","):
        wall, cpu = measure(texts, mode, args.rounds)
        p95 = percentile(wall, 0.95)
        ok = p95 <= TARGET_P95_MS[mode]
        failed |= not ok
        print(
            f"{mode:<9} {percentile(wall, 0.5):7.1f} {p95:7.1f} {max(wall):7.1f} {statistics.fmean(wall):7.1f} | "
            f"{percentile(cpu, 0.5):7.1f} {percentile(cpu, 0.95):7.1f} | "
            f"<= {TARGET_P95_MS[mode]:.0f} {'ok' if ok else 'MISSED'}"
        )
    if not args.no_quality:
        print("\nHit rates (an acceptable code in the top 1 / top 3)")
        for mode in args.modes.split(","):
            for split in ("dev", "holdout", "all"):
                subset = [q for q in questions if split in ("all", q.split)]
                print(f"{mode:<9} {split:<8} {hit_rate(subset, mode)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
