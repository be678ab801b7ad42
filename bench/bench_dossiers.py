"""Benchmark of the dossier engine against minimal Django endpoints, side by side in one run.

    .venv/bin/python bench/bench_dossiers.py --db sqlite
    .venv/bin/python bench/bench_dossiers.py --db postgres --n 2000 --json /tmp/bench-dossiers.json

(a) counter reception, POST /api/v1/dossiers/counter (session of a real reception officer, CSRF token)
    vs a minimal view doing one raw INSERT of the same JSON body; target ratio >= 30 %.
(b) public tracking, GET /api/v1/tracking/{code}?k=... vs a minimal view doing one raw SELECT by primary
    key; target ratio >= 60 %.
(c) a quick rate: --n receptions of one procedure through services.receive_at_counter directly (no HTTP),
    120,000 EXTRAPOLATED linearly; the measured national day on realistic data is bench_national_day.py.

Celery has a broker (--broker, default Redis db 15) as in production: events wait in the outbox for a
worker (none runs here); --broker eager delivers them in-process after each commit, as in development.

Throwaway database: a SQLite file under /tmp, or PostgreSQL database motcua_bench_dossiers (dropped and
created by this script). Both contenders of (a) and (b) are served by the same server thread (Django's
LiveServerThread with a single-threaded WSGIServer, so each keeps its persistent database connection,
DEBUG off) on 127.0.0.1 and called one request at a time with http.client (a new TCP connection per
request: that server closes it after each answer). They alternate in rounds of --seconds each, the order
swapped every round, so machine noise hits both alike. The tracking throttle is raised to 1,000,000/s
(its cache bookkeeping still runs on every request).
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/motcua-bench-dossiers.sqlite3")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_bench_dossiers"
NATIONAL_DAY = 120_000
WARM_UP = 20  # requests of each contender before the timed rounds
TARGETS = {"reception": 0.30, "tracking": 0.60, "national_day_s": 600.0}


def configure(db: str, broker: str = "") -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            admin.execute(f"CREATE DATABASE {PG_NAME}")
        url = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_INSECURE_DEV_KEY="1",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_COOKIES="0",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
    )
    if broker and broker != "eager":
        os.environ["CELERY_BROKER_URL"] = broker  # production: events go out through a worker
    else:
        os.environ.pop("CELERY_BROKER_URL", None)  # development: delivered in-process after commit
    sys.path.insert(0, str(ROOT))  # tests.dossiers.factories builds the world


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")


def drop_database(db: str, sqlite_path: Path | None = None) -> None:
    """The throwaway database gone: the PostgreSQL one, or the SQLite file with its -wal and -shm."""
    if db == "postgres":
        drop_postgres()
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_path or SQLITE_PATH}{suffix}").unlink(missing_ok=True)


def setup_django():
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "minimal_endpoints"  # bench/ is sys.path[0] when run as a script
    settings.MEDIA_ROOT = Path("/tmp/motcua-bench-dossiers-media")
    static = Path("/tmp/motcua-bench-dossiers-static")  # empty: WhiteNoise scans it at start-up
    static.mkdir(exist_ok=True)
    settings.STATIC_ROOT = static
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"tracking": "1000000/s"},
    }
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from tests.dossiers.factories import World

    from minimal_endpoints import create_table
    from motcua.org.services import ensure_roles

    create_table()
    with transaction.atomic():
        ensure_roles()
        return World()


def start_server():
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SequentialServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    class Thread(LiveServerThread):
        server_class = SequentialServer

    thread = Thread("127.0.0.1", lambda handler: handler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread


def officer_cookies(officer) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(officer)  # a real session row for a real reception officer
    token = secrets.token_hex(16)  # a 32-character CSRF secret, sent as cookie and header alike
    return {
        "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}",
        "X-CSRFToken": token,
    }


def call(port: int, method: str, path: str, body: bytes | None, headers: dict, expected: int) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **headers})
        response = conn.getresponse()
        content = response.read()
    finally:
        conn.close()
    if response.status != expected:
        raise RuntimeError(f"{method} {path}: {response.status} {content[:300]!r}")
    return content


def duel(contenders: dict, rounds: int, seconds: float) -> dict:
    """Requests/second of each contender (callable doing one request), alternating in timed rounds."""
    totals = {name: [0, 0.0] for name in contenders}
    names = list(contenders)
    for name in names:  # warm-up: imports, caches, prepared pages
        for _ in range(WARM_UP):
            contenders[name]()
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            started = time.perf_counter()
            done = 0
            while time.perf_counter() - started < seconds:
                contenders[name]()
                done += 1
            totals[name][0] += done
            totals[name][1] += time.perf_counter() - started
    return {name: {"requests": n, "seconds": round(s, 3), "rps": n / s} for name, (n, s) in totals.items()}


def counter_body(world) -> dict:
    from tests.dossiers.factories import person

    return {
        "procedure": world.birth.code,
        "place": world.point_ba_dinh.code,
        "case": world.case(world.birth, 0).pk,
        "provided": world.documents(world.birth, 0),
        "applicant": person(),
    }


def bench_reception(port: int, world, rounds: int, seconds: float) -> dict:
    from minimal_endpoints import capture_floor

    body = json.dumps(counter_body(world)).encode()
    staff = {**officer_cookies(world.officer), "Content-Type": "application/json"}
    plain = {"Content-Type": "application/json"}
    from motcua.dossiers.models import Dossier, TrackingEntry

    capture_floor(lambda: call(port, "POST", "/api/v1/dossiers/counter", body, staff, 201))
    before = Dossier.objects.count(), TrackingEntry.objects.count()
    figures = duel(
        {
            "api": lambda: call(port, "POST", "/api/v1/dossiers/counter", body, staff, 201),
            "minimal": lambda: call(port, "POST", "/bench/insert", body, plain, 201),
            "floor": lambda: call(port, "POST", "/bench/reception-floor", body, staff, 201),
        },
        rounds,
        seconds,
    )
    written = figures["api"]["requests"] + figures["floor"]["requests"] + 2 * WARM_UP
    after = Dossier.objects.count(), TrackingEntry.objects.count()
    if (after[0] - before[0], after[1] - before[1]) != (written, written):  # each wrote a whole dossier
        raise RuntimeError(f"dossiers written {after[0] - before[0]}, expected {written}")
    return figures


def bench_tracking(port: int, rounds: int, seconds: float) -> dict:
    from itertools import cycle

    from django.db import connection

    from minimal_endpoints import TABLE
    from motcua.dossiers.api.tracking import tracking_path
    from motcua.dossiers.models import Dossier

    codes = list(Dossier.objects.order_by("-pk").values_list("code", flat=True)[:500])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {TABLE} ORDER BY id DESC LIMIT 500")  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
    if not codes or not ids:
        raise RuntimeError("nothing to read: run the reception part first")
    paths = cycle([tracking_path(code) for code in codes])
    rows = cycle([f"/bench/select/{pk}" for pk in ids])
    return duel(
        {
            "api": lambda: call(port, "GET", next(paths), None, {}, 200),
            "minimal": lambda: call(port, "GET", next(rows), None, {}, 200),
        },
        rounds,
        seconds,
    )


def national_day(world, n: int) -> dict:
    from tests.dossiers.factories import person

    from motcua.dossiers import services

    proc, case = world.birth, world.case(world.birth, 0)
    provided = world.documents(proc, 0)
    started = time.perf_counter()
    for _ in range(n):
        services.receive_at_counter(
            officer=world.officer,
            place=world.point_ba_dinh,
            procedure=proc,
            case=case,
            provided=provided,
            applicant=person(),
        )
    wall = time.perf_counter() - started
    rate = n / wall
    return {"n": n, "wall_s": wall, "per_s": rate, "extrapolated_120000_s": NATIONAL_DAY / rate}


def report(db: str, vendor: str, a: dict, b: dict, c: dict, rounds: int, seconds: float) -> dict:
    ratio_a = a["api"]["rps"] / a["minimal"]["rps"]
    ratio_b = b["api"]["rps"] / b["minimal"]["rps"]
    ok = {True: "met", False: "NOT met"}
    print(
        f"motcua dossier benchmark: {vendor} ({db}), Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(
        f"HTTP: one server thread, sequential requests, {rounds} alternating rounds of {seconds:g} s each\n"
    )
    print(f"{'workload':<48}{'requests':>10}{'req/s':>10}")
    for label, rows in (("(a) counter reception", a), ("(b) public tracking", b)):
        for name, row in rows.items():
            what = {"api": "API", "floor": "floor (its rows, raw SQL)"}.get(
                name, "minimal raw " + ("INSERT" if rows is a else "SELECT by pk")
            )
            print(f"{label + ' - ' + what:<48}{row['requests']:>10}{row['rps']:>10.1f}")
    print()
    print(
        f"(a) reception ratio API/minimal: {ratio_a:6.1%}  target >= 30%: {ok[ratio_a >= TARGETS['reception']]}"
    )
    print(
        f"(b) tracking ratio API/minimal:  {ratio_b:6.1%}  target >= 60%: {ok[ratio_b >= TARGETS['tracking']]}"
    )
    floor = a["floor"]["rps"] / a["minimal"]["rps"]
    print(
        f"    the floor: the officer's session and the reception's rows by raw SQL / minimal: {floor:6.1%};"
        f" API / floor: {a['api']['rps'] / a['floor']['rps']:6.1%}"
    )
    extrapolated = c["extrapolated_120000_s"]
    print(
        f"(c) national day, services.receive_at_counter (no HTTP): {c['n']} receptions in {c['wall_s']:.1f} s"
        f" = {c['per_s']:.1f}/s"
    )
    print(
        f"    120,000 receptions EXTRAPOLATED (linear, not measured): {extrapolated / 60:.1f} min"
        f"  target <= 10 min: {ok[extrapolated <= TARGETS['national_day_s']]}"
    )
    return {
        "database": db,
        "vendor": vendor,
        "rounds": rounds,
        "round_seconds": seconds,
        "reception": {**a, "ratio": ratio_a, "floor_ratio": floor},
        "tracking": {**b, "ratio": ratio_b},
        "national_day": {**c, "extrapolated": True},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--n", type=int, default=2000, help="receptions of the national-day part")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds per HTTP comparison")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one contender's round")
    parser.add_argument(
        "--broker",
        default="redis://127.0.0.1:6379/15",
        help="CELERY_BROKER_URL as in production (no worker runs: events wait in the outbox and the"
        " broker queue); 'eager' = no broker, events delivered in-process after each commit",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    args = parser.parse_args()

    configure(args.db, args.broker)
    try:
        world = setup_django()
        from django.db import connection

        server = start_server()
        try:
            a = bench_reception(server.port, world, args.rounds, args.seconds)
            b = bench_tracking(server.port, args.rounds, args.seconds)
        finally:
            server.terminate()
        c = national_day(world, args.n)
        figures = report(args.db, connection.vendor, a, b, c, args.rounds, args.seconds)
        connection.close()
    finally:
        if not args.keep:
            drop_database(args.db)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
