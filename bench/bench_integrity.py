"""Broker detection, measured: a simulated Hà Nội with planted brokers and relatives (bulk writer), then
the nightly scan of the last --window days timed in its parts, and precision / recall at the default
threshold.

    .venv/bin/python bench/bench_integrity.py --db sqlite --days 30            # Hà Nội's volume, 30 days
    .venv/bin/python bench/bench_integrity.py --db postgres --days 30
    .venv/bin/python bench/bench_integrity.py --db sqlite --days 5 --scale 0.2  # a quick look

Reads are what the scan reads (selectors.filings / bookings: one query over the province's dossiers of
the window with applicant and submitter joined); scoring is the pure module on those values; the whole
scan includes opening the cases. Reference data are loaded as `motcua bootstrap` does.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dossiers  # noqa: E402 - same throwaway databases and environment

START = date(2026, 10, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--brokers", type=float, default=0.02)
    parser.add_argument("--broker-count", type=int, default=25)
    parser.add_argument("--relatives", type=float, default=0.05)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    bench_dossiers.PG_NAME = "motcua_bench_integrity"
    bench_dossiers.SQLITE_PATH = Path("/tmp/motcua-bench-integrity.sqlite3")
    bench_dossiers.configure(args.db)
    import django

    django.setup()
    from django.core.management import call_command

    from motcua.calendar.clock import TZ
    from motcua.integrity import scoring, selectors
    from motcua.integrity.services import scan
    from motcua.simulation import runner
    from motcua.simulation.plan.schedule import Planner
    from motcua.units.models import AdministrativeUnit

    call_command("migrate", verbosity=0)
    quiet = open(os.devnull, "w")  # noqa: SIM115
    for step in (("units", "load"), ("org", "demo", "--force"), ("catalog", "import"),
                 ("catalog", "adopt", "--province", "01")):  # fmt: skip
        call_command(*step, stdout=quiet, stderr=quiet)
    mix = runner.MIXES["realistic"].with_overrides(broker_count=args.broker_count)
    runner.MIXES["bench"] = mix
    params = runner.Parameters(province="01", start=START, days=args.days, seed="bench-integrity",
                               scale=args.scale, mix="bench", bulk=True, outbox_published=True,
                               brokers=args.brokers, relatives=args.relatives)  # fmt: skip
    loaded, plans = runner.schedule(params)
    brokers = Planner(loaded.world, None, params.planned_mix, params.seed, params.start).brokers
    handed = Counter(p.submitter.id_number for p in plans if p.submitter in brokers)
    del plans
    began = time.perf_counter()
    report = runner.simulate(
        params, now=datetime.combine(START + timedelta(days=args.days), datetime.min.time(), TZ)
    )
    written = time.perf_counter() - began
    province = AdministrativeUnit.objects.current().provinces().get(code="01")
    last = START + timedelta(days=args.days - 1)
    first = START

    t0 = time.perf_counter()
    filings = selectors.filings(province, first, last)
    bookings = selectors.bookings(province, first, last)
    t1 = time.perf_counter()
    risks = scoring.score(filings, bookings)
    t2 = time.perf_counter()
    result = scan(province, last=last, days=args.days)
    t3 = time.perf_counter()
    day = selectors.filings(province, last, last)
    scoring.score(day)
    t5 = time.perf_counter()

    owners = {}
    for b in brokers:
        owners[(scoring.SUBMITTER, b.id_number)] = b.id_number
        owners[(scoring.PHONE, b.phone)] = b.id_number
        if b.email:
            owners[(scoring.EMAIL, b.email.lower())] = b.id_number
    active = {n for n, k in handed.items() if k >= 3}
    q = scoring.precision_recall(risks, owners, active)
    out = {
        "db": args.db,
        "days": args.days,
        "dossiers": report.summary.get("dossiers"),
        "written_s": round(written, 1),
        "filings": len(filings),
        "read_s": round(t1 - t0, 2),
        "score_s": round(t2 - t1, 2),
        "scan_s": round(t3 - t2, 2),
        "one_day_filings": len(day),
        "one_day_read_and_score_s": round(t5 - t3, 3),
        "brokers_active": len(active),
        "flagged": q.flagged,
        "true_positive": q.true_positive,
        "precision": round(q.precision, 3),
        "recall": round(q.recall, 3),
        "cases_opened": result.opened,
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1))
    bench_dossiers.drop_database(args.db, bench_dossiers.SQLITE_PATH)


if __name__ == "__main__":
    main()
