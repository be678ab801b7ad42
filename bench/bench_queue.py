"""Benchmark of the queue services (no HTTP): walk-in numbers, online bookings, call-next cycles (one
counter, then 4 counters in threads) and the TV board, on a throwaway database.

    .venv/bin/python bench/bench_queue.py --db sqlite
    .venv/bin/python bench/bench_queue.py --db postgres --n 400

Each figure is wall time per operation (p50 / p95 in ms) and operations per second; the call-next cycle
is call_next + start_serving + finish (three transactions). The board is measured with --n numbers
waiting and 12 counters.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = "/tmp/motcua-bench-queue.sqlite3"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_bench_queue"


def configure(db: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {PG_NAME}")
        url = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_INSECURE_DEV_KEY="1",
        DEBUG="0",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))


def timed(calls) -> list[float]:
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    rate = 1000 * len(ms) / sum(ms)
    print(f"{name:<34} n={len(ms):>5}  p50 {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  {rate:7.0f}/s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    configure(args.db)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    from tests.queueing.factories import QueueWorld, at

    from motcua.org import services as org
    from motcua.org.services import ensure_roles
    from motcua.queueing import selectors, services
    from motcua.queueing.models import QueueSettings

    ensure_roles()
    w = QueueWorld()
    place, now = w.point_ba_dinh, at("2026-03-02 09:00")
    QueueSettings.objects.create(
        place=place, per_person_per_day=50, per_field_per_day=50, slot_capacity=10_000
    )
    counters = [w.counter1, *(org.add_counter(place=place) for _ in range(10))]

    def walk_in(i):
        return lambda: services.issue_walk_in(
            place=place, service=w.civil_ba_dinh, priority="elderly" if i % 5 == 0 else "", now=now
        )

    report("issue_walk_in", timed(walk_in(i) for i in range(args.n)))
    ids = [f"0010{90 + i % 10:02d}{i:06d}" for i in range(args.n)]
    report(
        "book_online",
        timed(
            (
                lambda i=i: services.book_online(
                    place=place,
                    service=w.land_ba_dinh,
                    day="2026-03-02",
                    slot="15:30",
                    now=at("2026-03-02 08:00"),
                    full_name="Nguyễn Văn An",
                    id_number=ids[i],
                    phone="0912345678",
                )
            )
            for i in range(args.n)
        ),
    )
    report(
        "board (12 counters, n waiting)", timed(lambda: selectors.board(place, now=now) for _ in range(100))
    )

    def cycle(counter):
        ticket = services.call_next(counter=counter, officer=w.officer, now=now)
        services.start_serving(ticket_id=ticket.pk, counter=counter, officer=w.officer, now=now)
        services.finish(ticket_id=ticket.pk, counter=counter, officer=w.officer, now=now)

    half = args.n // 2
    report("call-next cycle, 1 counter", timed(lambda: cycle(w.counter1) for _ in range(half)))

    durations: list[float] = []
    lock = threading.Lock()

    def worker(counter):
        try:
            for _ in range(half // 4):
                start = time.perf_counter()
                cycle(counter)
                with lock:
                    durations.append((time.perf_counter() - start) * 1000)
        finally:
            connections.close_all()

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(c,)) for c in counters[1:5]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    report("call-next cycle, 4 counters at once", durations)
    print(f"{'  4 counters together':<34} {len(durations) / wall:7.0f} cycles/s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
