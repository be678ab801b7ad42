"""Benchmark of the Decision 766 index (motcua.index) with N dossiers in PostgreSQL.

    # an existing database (e.g. filled by `motcua simulate --bulk`): measure only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_x .venv/bin/python bench/bench_index.py
    # a throwaway database motcua_bench_index, generated here with N dossiers, then measured
    .venv/bin/python bench/bench_index.py --generate 100000 --days 60 --workers 2 --json /tmp/bench-index.json

Generation is bench_workspace's (the simulator's bulk mode for Hà Nội, the period ending tomorrow).
Measured side by side in one run, wall time in this process:
- the province's index for the last full week (`selectors.counts` + `scoring.score`), and every commune's
  at once (`services.ranking`), --repeat times each after a warm-up;
- the same week's province counts recomputed dossier by dossier (`verify`), once, and whether they agree;
- the public transparency page: its first build (cache empty), then --repeat requests served from the
  cache (Django's test client: URL resolution, middleware, session, one cache read, the frame template).
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_workspace  # noqa: E402 (configure() and generate() are shared)

PG_NAME = "motcua_bench_index"
TARGET_PUBLIC_MS = 20.0


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
    }


def measure(repeat: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from motcua.dossiers.models import Dossier
    from motcua.index import public, scoring, selectors, services, verify
    from motcua.units.models import AdministrativeUnit

    province = AdministrativeUnit.objects.get(code="01", level="province", valid_to__isnull=True)
    unit = selectors.Unit(selectors.PROVINCE, province.pk, province.code, province.full_name)
    week = selectors.Period.week_of(timezone.localdate() - timedelta(days=7))
    out = {"dossiers": Dossier.objects.count(), "week": [week.start.isoformat(), week.end.isoformat()]}

    def timed(call, n):
        call()  # warm-up
        samples = []
        for _ in range(n):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        return _ms(samples)

    result = scoring.score(selectors.counts(unit, week))
    out["province_week"] = {**timed(lambda: scoring.score(selectors.counts(unit, week)), repeat)}
    out["province_week"]["scaled"] = result.scaled
    out["province_week"]["received"] = selectors.counts(unit, week).received
    out["communes_week"] = timed(
        lambda: services.ranking(selectors.COMMUNE, week, within=unit), max(3, repeat // 5)
    )
    started = time.perf_counter()
    problems = verify.verify(week)
    out["naive_recomputation_week"] = {
        "s": round(time.perf_counter() - started, 2),
        "differences": len(problems),
    }

    cache.clear()
    client = Client()
    url = "/cong-khai/chi-so-phuc-vu/?tinh=01"
    started = time.perf_counter()
    first = client.get(url)
    out["public_first_build_ms"] = round(1000 * (time.perf_counter() - started), 1)
    assert first.status_code == 200
    samples = []
    queries = 0
    from django.test.utils import CaptureQueriesContext

    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
        queries = max(queries, len(captured.captured_queries))
        assert response.status_code == 200
    out["public_cached"] = {**_ms(samples), "max_queries": queries, "target_p95_ms": TARGET_PUBLIC_MS}
    out["public_period"] = [
        p.isoformat() for p in (public.period_ending_yesterday().start, public.period_ending_yesterday().end)
    ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", type=int, default=0)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--json")
    args = parser.parse_args()
    bench_workspace.configure(args.generate, PG_NAME)
    report = {"python": platform.python_version(), "load_before": os.getloadavg()}
    if args.generate:
        report["generation"] = bench_workspace.generate(args.generate, args.days, args.workers)
    report.update(measure(args.repeat))
    report["load_after"] = os.getloadavg()
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
