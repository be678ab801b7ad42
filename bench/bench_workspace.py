"""Benchmark of the officer workspace: server time of "my work" (every queue) and of search, with N
dossiers in PostgreSQL.

    # an existing database (e.g. filled by `motcua simulate --bulk`): measure only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_x .venv/bin/python bench/bench_workspace.py
    # a throwaway database motcua_bench_workspace, generated here with N dossiers, then measured
    .venv/bin/python bench/bench_workspace.py --generate 1000000 --json /tmp/bench-workspace.json

Generation (--generate N; the simplest honest means until `motcua simulate --bulk` exists):
1. migrate; `motcua units load`; `motcua org demo` (Hà Nội: 126 commune points, their People's
   Committees, reception officers, specialists, leaders, supervisors); three procedures published and
   adopted by Hà Nội through the catalog services;
2. --seed dossiers (default 2,000) received through `dossiers.services.receive_at_counter` at random
   commune points by their own officers over the last 10 working days, a share of them then assigned,
   sent for supplement, approved with a result, or returned, through the services;
3. the seed rows multiplied with one INSERT ... SELECT per table (dossiers, applicants) into N dossiers:
   copy g of a seed dossier keeps its place, agency, procedure and officer, gets a new id and code and
   is shifted g × 365/(N/seed) days back in time (all its moments alike), so the copies cover a year;
   copies older than 30 days are returned (finished) dossiers. Applicants get names drawn from the demo's
   weighted Vietnamese name lists (the dossier's folded name alike), distinct ID and phone numbers. Tracking
   rows, steps and checklists are not copied (the measured pages do not read them). ANALYZE at the end.

Measurement: Django's test client in this process (DEBUG off, session of a real user), the time of
each `client.get` (URL resolution, middleware, session, queries, template): --repeat requests per page
after one warm-up; p50/p95 in ms and the number of SQL queries. Users: a reception officer of the commune
point with the median number of dossiers, a specialist of that commune's People's Committee, the city
supervisor (province scope: search and queues over all of Hà Nội).
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_bench_workspace"
QUEUES = ("cho-tiep-nhan", "den-han-hom-nay", "sap-den-han", "qua-han", "cho-bo-sung", "tra-ve-cho-toi")
TARGET_P95_MS = 50.0


def configure(generate: int) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if generate:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {PG_NAME}")
        url = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
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
    sys.path.insert(0, str(ROOT))  # tests.dossiers.factories.procedure publishes the procedures
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


def _reference_data():
    import io

    from django.core.management import call_command
    from tests.dossiers.factories import procedure

    from motcua.catalog import services as catalog
    from motcua.org.services import ensure_roles
    from motcua.units.models import AdministrativeUnit

    call_command("migrate", verbosity=0)
    call_command("units", "load", stdout=io.StringIO())
    ensure_roles()
    call_command("org", "demo", "--force", stdout=io.StringIO())
    hanoi = AdministrativeUnit.objects.current().provinces().get(code="01")
    procs = [procedure("9.200001", days=3), procedure("9.200002", days=5), procedure("9.200003", days=1)]
    for proc in procs:
        catalog.adopt(province=hanoi, procedure=proc, active=True)
    return hanoi, procs


def _seed(n: int, procs, rng: random.Random) -> int:
    from django.contrib.auth import get_user_model

    from motcua.calendar.selectors import calendar_for
    from motcua.dossiers import services
    from motcua.org.demo.names import person_name
    from motcua.org.models import PlaceKind, StaffAssignment
    from motcua.org.roles import RoleCode

    officers = {}
    for a in StaffAssignment.objects.filter(
        role__code=RoleCode.RECEPTION_OFFICER, place__kind=PlaceKind.COMMUNE_POINT, province__code="01"
    ).select_related("place__commune", "user"):
        officers.setdefault(a.place_id, (a.place, a.user))
    points = list(officers.values())
    specialists = {}
    leaders = {}
    for a in StaffAssignment.objects.filter(role__code__in=("specialist", "leader"), scope_kind="agency"):
        (specialists if a.role.code == "specialist" else leaders).setdefault(a.agency_id, a.user_id)
    users = get_user_model().objects.in_bulk(set(specialists.values()) | set(leaders.values()))
    cal = calendar_for("01")
    now = cal.counting_start(time_now())
    made = 0
    for i in range(n):
        place, officer = rng.choice(points)
        proc = rng.choice(procs)
        version = proc.versions.get()
        case = version.cases.order_by("position").first()
        docs = [d.pk for d in version.documents.all() if d.required and d.case_id in (None, case.pk)]
        name = person_name(rng)
        when = now - timedelta(hours=rng.uniform(0, 24 * 14))
        when = cal.counting_start(when)  # a working moment
        if when > time_now():
            when = time_now() - timedelta(minutes=5)
        dossier = services.receive_at_counter(
            officer=officer,
            place=place,
            procedure=proc,
            case=case,
            provided=docs,
            applicant={
                "kind": "person",
                "full_name": name.full,
                "id_number": f"001{rng.choice('01')}{rng.randint(60, 99)}{i:06d}",
                "phone": f"09{rng.randint(0, 99_999_999):08d}",
                "address": "Hà Nội",
                "commune": place.commune.code,
            },
            at=when,
        )
        made += 1
        _advance(dossier, rng, specialists, leaders, users, when)
    return made


def _advance(dossier, rng, specialists, leaders, users, when):
    """Move a share of the seed dossiers on, through the services, so every queue has rows."""
    from motcua.dossiers import services

    roll = rng.random()
    specialist = users.get(specialists.get(dossier.agency_id))
    leader = users.get(leaders.get(dossier.agency_id))
    if roll < 0.25 or specialist is None or leader is None:
        return
    t = when + timedelta(minutes=30)
    d = services.assign(dossier, actor=specialist, version=dossier.version, assignee=specialist, at=t)
    if roll < 0.35:
        services.request_supplement(
            d, actor=specialist, version=d.version, items=["Bản sao"], reason="Thiếu", at=t
        )
        return
    if roll < 0.6:
        return
    d = services.approve(d, actor=leader, version=d.version, at=t + timedelta(minutes=10))
    d = services.issue_result(d, actor=leader, version=d.version, title="Kết quả", e_copy_ref="kho:1", at=t)
    if roll < 0.75:
        return
    officer = d.received_by
    services.return_result(d, actor=officer, version=d.version, at=t + timedelta(minutes=20))


def time_now():
    from django.utils import timezone

    return timezone.now()


def _names_table(cursor, rng: random.Random, size: int = 20_000) -> None:
    from motcua.core.text import fold
    from motcua.org.demo.names import person_name

    cursor.execute("CREATE TEMP TABLE bench_names (i int PRIMARY KEY, full_name text, folded text)")
    rows = []
    for i in range(size):
        full = person_name(rng).full
        rows.append((i, full, fold(full)))
    cursor.executemany("INSERT INTO bench_names VALUES (%s, %s, %s)", rows)


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _multiply(total: int, rng: random.Random) -> int:
    """Copies of the seed dossiers and applicants up to `total` dossiers, in SQL."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id) FROM dossiers_dossier")
        seeds, top = cursor.fetchone()
        copies = max(0, -(-total // seeds) - 1)
        if not copies:
            return seeds
        offset = 10 ** len(str(top))  # new id = seed id + g × offset
        step_days = 365.0 / (copies + 1)
        _names_table(cursor, rng)
        shift = f"(g * {step_days}) * interval '1 day'"
        old = f"(g * {step_days}) > 30"
        moments = (
            "submitted_at",
            "acceptance_due_at",
            "received_at",
            "clock_started_at",
            "due_at",
            "appointment_at",
            "paused_at",
            "decided_at",
            "finished_at",
            "returned_at",
            "created_at",
            "updated_at",
        )
        override = {
            "id": f"d.id + g * {offset}",
            "code": (
                "split_part(d.code, '-', 1) || '-' || to_char((d.received_at - "
                + shift
                + ") AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad((d.id + g * "
                + str(offset)
                + ")::text, 8, '0')"
            ),
            "current_step_id": "NULL",
            **{m: f"d.{m} - {shift}" for m in moments},
            "status": f"CASE WHEN {old} THEN 'returned' ELSE d.status END",
            "paused_at": f"CASE WHEN {old} THEN NULL ELSE d.paused_at - {shift} END",
            "finished_at": f"CASE WHEN {old} THEN d.due_at - {shift} - interval '1 day' ELSE d.finished_at - {shift} END",
            "returned_at": f"CASE WHEN {old} THEN d.due_at - {shift} - interval '1 day' ELSE d.returned_at - {shift} END",
            "assignee_id": f"CASE WHEN {old} THEN NULL ELSE d.assignee_id END",
            "applicant_name_folded": (
                f"(SELECT folded FROM bench_names WHERE i = ((d.id + g * {offset}) * 2654435761) % 20000)"
            ),
        }
        columns = _columns(cursor, "dossiers_dossier")
        select = ", ".join(override.get(c, f"d.{c}") for c in columns)
        last = total - seeds  # rows still wanted
        cursor.execute(
            f"INSERT INTO dossiers_dossier ({', '.join(columns)}) "  # noqa: S608 (names from the schema)
            f"SELECT {select} FROM generate_series(1, %s) AS g CROSS JOIN dossiers_dossier d "
            f"WHERE d.id < %s ORDER BY g, d.id LIMIT %s",
            [copies, offset, last],
        )
        applicant_override = {
            "id": f"a.id + g * {offset}",
            "dossier_id": f"a.dossier_id + g * {offset}",
            "full_name": "n.full_name",
            "id_number": f"'0' || lpad((((a.dossier_id + g * {offset}) * 7919) % 99999999999)::text, 11, '0')",
            "phone": f"'09' || lpad((((a.dossier_id + g * {offset}) * 104729) % 100000000)::text, 8, '0')",
        }
        columns = _columns(cursor, "dossiers_applicant")
        select = ", ".join(applicant_override.get(c, f"a.{c}") for c in columns)
        cursor.execute(
            f"INSERT INTO dossiers_applicant ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {select} FROM dossiers_dossier nd "
            f"JOIN LATERAL (SELECT nd.id / {offset} AS g, nd.id % {offset} AS seed) k ON true "
            f"JOIN dossiers_applicant a ON a.dossier_id = k.seed "
            f"JOIN bench_names n ON n.i = (nd.id * 2654435761) % 20000 "
            f"WHERE nd.id >= {offset}"
        )
        for table in ("dossiers_dossier", "dossiers_applicant"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
        cursor.execute("ANALYZE dossiers_applicant")
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        return cursor.fetchone()[0]


def generate(total: int, seed_count: int) -> dict:
    rng = random.Random(20261201)
    started = time.perf_counter()
    _, procs = _reference_data()
    reference_s = time.perf_counter() - started
    started = time.perf_counter()
    seeded = _seed(min(seed_count, total), procs, rng)
    seed_s = time.perf_counter() - started
    started = time.perf_counter()
    count = _multiply(total, rng)
    multiply_s = time.perf_counter() - started
    return {
        "reference_s": round(reference_s, 1),
        "seed_dossiers": seeded,
        "seed_s": round(seed_s, 1),
        "multiply_s": round(multiply_s, 1),
        "dossiers": count,
    }


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

    d = selectors.visible(user).select_related("applicant").order_by("-id").first()
    folded = d.applicant_name_folded.split()
    return {
        "name": " ".join(folded[:2]),
        "phone": d.applicant.phone,
        "id_number": d.applicant.id_number,
        "code": d.code,
    }


def _time(client, url: str, params: dict, repeat: int) -> dict:
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

    response = client.get(url, params)  # warm-up
    assert response.status_code == 200, (url, params, response.status_code)
    wall, cpu, db, queries = [], [], [], set()
    with connection.execute_wrapper(counting):
        for _ in range(repeat):
            sql.update(n=0, s=0.0)
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url, params)
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


def measure(repeat: int) -> dict:
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
        client = Client()
        client.force_login(user)
        samples = _samples(type(user).objects.get(pk=user.pk))
        pages = {f"my work: {q}": (reverse("workspace:home"), {"hang": q}) for q in QUEUES}
        for kind, value in samples.items():
            pages[f"search: {kind}"] = (reverse("workspace:search"), {"q": value})
        figures[role] = {name: _time(client, url, params, repeat) for name, (url, params) in pages.items()}
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
    parser.add_argument("--seed", type=int, default=2000, help="dossiers received through the services")
    parser.add_argument("--repeat", type=int, default=40, help="requests per page")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    url = configure(args.generate)
    result = {"database": url.rsplit("/", 1)[-1], "python": platform.python_version()}
    if args.generate:
        result["generation"] = generate(args.generate, args.seed)
        print("generation:", result["generation"], flush=True)
    from motcua.dossiers.models import Dossier

    result["dossiers"] = Dossier.objects.count()
    print(f"dossiers in the database: {result['dossiers']:,}", flush=True)
    result["figures"] = measure(args.repeat)
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
