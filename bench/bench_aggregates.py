"""Benchmark of the maintained aggregates (ADR 0049) against the direct grouped queries, side by side.

    # a database filled by the simulator's bulk mode (e.g. bench_index.py --generate): grow it, rebuild, measure
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_agg_bench .venv/bin/python bench/bench_aggregates.py \
        --copies 9 --rebuild --repeat 40 --json /tmp/bench-aggregates.json

--copies N adds N copies of every finished dossier already there (`INSERT … SELECT`, each copy moved back
by the span of the data so that the copies are older history; code suffixed, no applicant), then
`VACUUM ANALYZE`. --rebuild runs `motcua index rebuild-aggregates` (timed). Then, in one run:
- a province's index for a week (`figures.counts` + `scoring.score`) for every full week of the data,
  --repeat times each, against the direct GROUP BY over the dossiers (`selectors.direct_counts`, the
  implementation before ADR 0049) for three of those weeks, with the ratio;
- the supervisor's live page and its htmx poll (test client, whole request) reading the aggregates, and
  the same pages reading the dossiers (`workspace.supervision.direct_rows`), interleaved.
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

import bench_workspace  # noqa: E402 (configure() and _time() are shared)

TARGET_SUPERVISOR_P95_MS = 50.0
TARGET_WEEK_MS = 100.0
TARGET_RATIO = 50.0


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "n": len(ordered),
    }


def copy_dossiers(copies: int) -> dict:
    """N older copies of every finished dossier (the open ones stay as they are: today's work)."""
    from django.db import connection

    from motcua.workspace.selectors import QUEUED_STATES

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(received_at), max(received_at) FROM dossiers_dossier")
        low, high = cursor.fetchone()
        span = (high - low).days + 1
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'dossiers_dossier' ORDER BY ordinal_position"
        )
        columns = [(name, kind) for name, kind in cursor.fetchall() if name != "id"]
        for k in range(1, copies + 1):
            shift = f"interval '{k * span} days'"
            values = []
            for name, kind in columns:
                if name == "code":
                    values.append(f"code || '-{k}'")
                elif name == "applicant_id":
                    values.append("NULL")
                elif kind.startswith("timestamp"):
                    values.append(f"{name} - {shift}")
                else:
                    values.append(name)
            names = ", ".join(name for name, _ in columns)
            cursor.execute(
                f"INSERT INTO dossiers_dossier ({names}) SELECT {', '.join(values)} FROM dossiers_dossier "  # noqa: S608
                "WHERE status <> ALL(%s) AND code NOT LIKE '%%-%%-%%-%%'",
                [list(QUEUED_STATES)],
            )
            print(f"copy {k}/{copies}: {cursor.rowcount} dossiers", flush=True)
    copied_s = time.perf_counter() - started
    bench_workspace.vacuum()
    return {"copies": copies, "span_days": span, "copy_s": round(copied_s, 1)}


def rebuild() -> dict:
    from motcua.index import aggregates

    started = time.perf_counter()
    n = aggregates.rebuild(batch=5000)
    return {"dossiers": n, "rebuild_s": round(time.perf_counter() - started, 1)}


def index_weeks(repeat: int) -> dict:
    from django.utils import timezone

    from motcua.dossiers.models import Dossier
    from motcua.index import figures, scoring, selectors
    from motcua.index.models import DailyFigures
    from motcua.units.models import AdministrativeUnit

    province = AdministrativeUnit.objects.get(code="01", level="province", valid_to__isnull=True)
    unit = selectors.Unit(selectors.PROVINCE, province.pk, province.code, province.full_name)
    first = Dossier.objects.order_by("received_at").values_list("received_at", flat=True).first()
    monday = selectors.Period.week_of(timezone.localtime(first).date() + timedelta(days=7)).start
    last = selectors.Period.week_of(timezone.localdate() - timedelta(days=7)).start
    weeks = []
    while monday <= last:
        weeks.append(selectors.Period(monday, monday + timedelta(days=6)))
        monday += timedelta(days=7)
    maintained, per_week = [], {}
    for week in weeks:
        scoring.score(figures.counts(unit, week))  # warm-up
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            scoring.score(figures.counts(unit, week))
            samples.append(time.perf_counter() - started)
        maintained += samples
        per_week[week.start.isoformat()] = round(1000 * statistics.median(samples), 2)
    chosen = [weeks[0], weeks[len(weeks) // 2], weeks[-1]]
    direct, equal = [], True
    for week in chosen:
        started = time.perf_counter()
        counts = selectors.direct_counts(unit, week)
        direct.append(time.perf_counter() - started)
        equal &= counts == figures.counts(unit, week)
    out = {
        "weeks": len(weeks),
        "daily_rows_per_week": round(
            DailyFigures.objects.filter(province=province.pk).count() / max(len(weeks), 1)
        ),
        "aggregates": _ms(maintained),
        "aggregates_p50_by_week_ms": per_week,
        "direct_group_by": _ms(direct),
        "direct_weeks": [w.start.isoformat() for w in chosen],
        "same_counts": equal,
    }
    out["ratio_p50"] = round(out["direct_group_by"]["p50_ms"] / out["aggregates"]["p50_ms"], 1)
    return out


def supervisor_pages(repeat: int) -> dict:
    from django.core import signals
    from django.db import close_old_connections
    from django.test import Client
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from motcua.org.models import StaffAssignment
    from motcua.workspace import supervision

    signals.request_finished.disconnect(close_old_connections)
    user = StaffAssignment.objects.filter(role__code="supervisor", scope_kind="province").first().user
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    url = reverse("workspace:supervisor")
    kept = list(supervision._source)
    out = {}
    for name, headers in (("live page", None), ("poll", {"HX-Request": "true"})):
        for source, rows in (("aggregates", kept), ("dossiers", [])):
            supervision._source[:] = rows
            out[f"{name} from {source}"] = bench_workspace._time(client, url, {}, repeat, headers)
    supervision._source[:] = kept
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--json")
    args = parser.parse_args()
    bench_workspace.configure(0)
    from motcua.dossiers.models import Dossier

    report = {"python": platform.python_version(), "load_before": os.getloadavg()}
    if args.copies:
        report["copies"] = copy_dossiers(args.copies)
    if args.rebuild or args.copies:
        report["rebuild"] = rebuild()
        print("rebuild:", report["rebuild"], flush=True)
    report["dossiers"] = Dossier.objects.count()
    report["index_week"] = index_weeks(max(3, args.repeat // 4))
    print(json.dumps(report["index_week"], indent=2), flush=True)
    report["supervisor"] = supervisor_pages(args.repeat)
    report["load_after"] = os.getloadavg()
    report["targets"] = {
        "supervisor_p95_ms": TARGET_SUPERVISOR_P95_MS,
        "week_ms": TARGET_WEEK_MS,
        "ratio": TARGET_RATIO,
    }
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
