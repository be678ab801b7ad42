"""Benchmark of the officer workspace: server time of "my work" (every queue) and of search, with N
dossiers in PostgreSQL.

    # an existing database (e.g. filled by `motcua simulate --bulk`): measure only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_x .venv/bin/python bench/bench_workspace.py
    # a throwaway database motcua_bench_workspace, generated here with N dossiers, then measured
    .venv/bin/python bench/bench_workspace.py --generate 1000000 --workers 2 --json /tmp/bench-workspace.json

Generation (--generate N) is the simulator's bulk mode, the rows the dossier services would write
(tests/simulation/test_bulk.py compares them field by field):
1. migrate; `motcua units load`; `motcua org demo --force` (Hà Nội: 126 commune points, their People's
   Committees, reception officers, specialists, leaders, supervisors); `motcua catalog import`;
   `motcua catalog adopt --province 01` (the national catalog adopted by Hà Nội);
2. `motcua simulate --province 01 --bulk --dossiers N --seed 1 --start S --days D --outbox-published
   --workers W`, with the period ending tomorrow (D days, default 335: about Hà Nội's 3,100 dossiers a
   day), so the run stops at the present: old dossiers finished, recent ones open in every queue;
3. VACUUM ANALYZE (the counts are read from the indexes, which needs the visibility map).

Measurement: Django's test client in this process (DEBUG off, session of a real user), the time of
each `client.get` (URL resolution, middleware, session, queries, template): --repeat requests per page
after one warm-up; p50/p95 in ms and the number of SQL queries, and the load average before and after.
Users: a reception officer of the commune point with the median number of dossiers, a specialist of
that commune's People's Committee, the city supervisor (province scope: search and queues over all of
Hà Nội).
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import timedelta
from pathlib import Path

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_bench_workspace"
TARGET_P95_MS = 50.0


def _desk_queues(user) -> list[str]:
    """The queues of the user's first desk (ADR 0026: a desk per role), the page "my work" opens on."""
    from django.utils import timezone

    from motcua.org.models import StaffAssignment
    from motcua.workspace import desks

    roles = (
        StaffAssignment.objects.filter(user=user)
        .valid_on(timezone.localdate())
        .values_list("role__code", flat=True)
    )
    found = desks.desks_for(roles)
    return [q.slug for q in found[0].queues] if found else []


def configure(generate: int, name: str = PG_NAME) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if generate:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database (or use --generate N)")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_INSECURE_DEV_KEY="1",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings

    settings.STATIC_ROOT = Path("/tmp/motcua-bench-workspace-static")
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return url


# ---- generation -------------------------------------------------------------------------------------


def generate(total: int, days: int, workers: int) -> dict:
    import io

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    for step in (("units", "load"), ("org", "demo", "--force"), ("catalog", "import"),
                 ("catalog", "adopt", "--province", "01")):  # fmt: skip
        call_command(*step, stdout=io.StringIO())
    reference_s = time.perf_counter() - started
    start = timezone.localdate() + timedelta(days=1) - timedelta(days=days)
    command = ["simulate", "--province", "01", "--bulk", "--dossiers", str(total), "--seed", "1",
               "--start", start.isoformat(), "--days", str(days), "--outbox-published", "--workers", str(workers)]  # fmt: skip
    print("motcua", " ".join(command), flush=True)
    started = time.perf_counter()
    call_command(*command)
    simulate_s = time.perf_counter() - started
    started = time.perf_counter()
    vacuum()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        count = cursor.fetchone()[0]
    return {
        "reference_s": round(reference_s, 1),
        "command": "motcua " + " ".join(command),
        "simulate_s": round(simulate_s, 1),
        "dossiers": count,
        "dossiers_per_s": round(count / simulate_s, 1),
        "vacuum_s": round(time.perf_counter() - started, 1),
    }


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


# ---- measurement ------------------------------------------------------------------------------------


def _users():
    from django.db.models import Count

    from motcua.dossiers.models import Dossier
    from motcua.org.models import PlaceKind, StaffAssignment

    per_place = list(
        Dossier.objects.filter(received_place__kind=PlaceKind.COMMUNE_POINT)
        .values("received_place")
        .annotate(n=Count("id"))
        .order_by("n")
    )
    median = per_place[len(per_place) // 2]
    officer = (
        StaffAssignment.objects.filter(role__code="reception_officer", place_id=median["received_place"])
        .select_related("user", "place__commune")
        .first()
    )
    specialist = StaffAssignment.objects.filter(
        role__code="specialist", agency__commune=officer.place.commune, agency__kind="commune_committee"
    ).first()
    supervisor = StaffAssignment.objects.filter(role__code="supervisor", scope_kind="province").first()
    users = {"officer": officer.user, "specialist": specialist.user if specialist else None}
    if supervisor:
        users["supervisor"] = supervisor.user
    return {k: v for k, v in users.items() if v is not None}, median["n"]


def _samples(user):
    """A name prefix, a phone, an ID number and a code of a dossier this user sees."""
    from motcua.workspace import selectors

    rows = selectors.visible(user).select_related("applicant").order_by("-id")
    d = rows.filter(applicant__isnull=False).first()  # copied rows (INSERT … SELECT) have no applicant
    folded = d.applicant_name_folded.split()
    return {
        "name": " ".join(folded[:2]),
        "phone": d.applicant.phone,
        "id_number": d.applicant.id_number,
        "code": d.code,
    }


def _time(client, url: str, params: dict, repeat: int, headers: dict | None = None) -> dict:
    """Wall time of each request, the CPU time this process spent on it (Python: URL, middleware, ORM,
    template) and the time spent waiting for PostgreSQL, with the number of queries."""
    from django.db import connection

    sql = {"n": 0, "s": 0.0}

    def counting(execute, query, params, many, context):
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql["n"] += 1
            sql["s"] += time.perf_counter() - started

    response = client.get(url, params, headers=headers)  # warm-up
    assert response.status_code == 200, (url, params, response.status_code)
    wall, cpu, db, queries = [], [], [], set()
    with connection.execute_wrapper(counting):
        for _ in range(repeat):
            sql.update(n=0, s=0.0)
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url, params, headers=headers)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            db.append(sql["s"] * 1000)
            queries.add(sql["n"])
    return {
        "p50_ms": _pct(wall, 50),
        "p95_ms": _pct(wall, 95),
        "cpu_p50_ms": _pct(cpu, 50),
        "sql_p50_ms": _pct(db, 50),
        "sql_p95_ms": _pct(db, 95),
        "queries": sorted(queries),
    }


def _pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, int(round(p / 100 * len(ordered))) - 1)], 1)


def measure(repeat: int, roles: set[str] | None = None) -> dict:
    from django.core import signals
    from django.db import close_old_connections
    from django.test import Client
    from django.urls import reverse

    # One persistent connection, as a production worker keeps with CONN_MAX_AGE: the test client would
    # otherwise close it after every request and each request would pay for a new PostgreSQL session.
    signals.request_finished.disconnect(close_old_connections)

    users, median = _users()
    figures = {"officer_place_dossiers": median}
    for role, user in users.items():
        if roles and role not in roles:
            continue
        client = Client()
        client.force_login(user)
        samples = _samples(type(user).objects.get(pk=user.pk))
        pages = {f"my work: {q}": (reverse("workspace:home"), {"hang": q}) for q in _desk_queues(user)}
        for kind, value in samples.items():
            pages[f"search: {kind}"] = (reverse("workspace:search"), {"q": value})
        if role == "supervisor":  # the live page, its htmx poll (live part only) and the staffing page
            pages["supervisor: live page"] = (reverse("workspace:supervisor"), {})
            pages["supervisor: poll"] = (reverse("workspace:supervisor"), {}, {"HX-Request": "true"})
            pages["supervisor: staffing"] = (reverse("supervision:staffing"), {})
        figures[role] = {name: _time(client, *spec[:2], repeat, *spec[2:]) for name, spec in pages.items()}
        print(f"\n{role} ({user})", flush=True)
        for name, row in figures[role].items():
            print(
                f"  {name:24} wall p50 {row['p50_ms']:6.1f} p95 {row['p95_ms']:6.1f} | cpu p50 {row['cpu_p50_ms']:5.1f}"
                f" | sql p50 {row['sql_p50_ms']:5.1f} p95 {row['sql_p95_ms']:5.1f} ms | {row['queries']} queries"
            )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", type=int, default=0, help="create a throwaway database with N dossiers")
    parser.add_argument(
        "--days", type=int, default=335, help="with --generate: days simulated, ending tomorrow"
    )
    parser.add_argument("--workers", type=int, default=2, help="with --generate: processes writing at once")
    parser.add_argument("--name", default=PG_NAME, help="with --generate: the database dropped and made")
    parser.add_argument("--vacuum", action="store_true", help="VACUUM ANALYZE the database before measuring")
    parser.add_argument("--repeat", type=int, default=40, help="requests per page")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--roles", help="only these users, comma-separated (officer,specialist,supervisor)")
    args = parser.parse_args()
    url = configure(args.generate, args.name)
    result = {"database": url.rsplit("/", 1)[-1], "python": platform.python_version()}
    if args.generate:
        result["generation"] = generate(args.generate, args.days, args.workers)
        print("generation:", result["generation"], flush=True)
    elif args.vacuum:
        started = time.perf_counter()
        vacuum()
        result["vacuum_s"] = round(time.perf_counter() - started, 1)
    from motcua.dossiers.models import Dossier

    result["dossiers"] = Dossier.objects.count()
    print(f"dossiers in the database: {result['dossiers']:,}", flush=True)
    result["load_before"] = os.getloadavg()
    result["figures"] = measure(args.repeat, set(args.roles.split(",")) if args.roles else None)
    result["load_after"] = os.getloadavg()
    print(f"load average before {result['load_before']}, after {result['load_after']}")
    worst = max(
        row["p95_ms"]
        for role, rows in result["figures"].items()
        if isinstance(rows, dict)
        for row in rows.values()
    )
    result["worst_p95_ms"] = worst
    result["target_p95_ms"] = TARGET_P95_MS
    print(f"\nworst p95: {worst} ms (target {TARGET_P95_MS} ms)")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
