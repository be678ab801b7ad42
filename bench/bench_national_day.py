"""A national day of counter receptions, measured: --n receptions (default 120,000) through
services.receive_at_counter, with the wall time recorded (target <= 10 minutes on 2 cores).

    .venv/bin/python bench/bench_national_day.py --db postgres --workers 4            # the real day
    .venv/bin/python bench/bench_national_day.py --db sqlite --n 5000                  # a shorter run

The data are the shipped reference data, loaded as `motcua bootstrap` does (all units, the demo
organisation of Hà Nội and Hải Phòng with its places, agencies and reception officers, the national
catalog of 2,849 procedures adopted by both): every reception picks a reception officer at their own
place, one of a few hundred receivable procedures (popular ones more often: weights 1/rank), the case and
the documents that procedure's checklist requires, an applicant with a valid CCCD (birth province,
century and sex digit, year matching the birth date), living in the place's commune, and a moment in
the office hours of one working day (`at=`), in time order. Inputs are generated before the clock
starts. Celery has a broker as in production (--broker; events wait in the outbox for the worker,
whose delivery is timed afterwards on a sample). PostgreSQL with --workers N: N processes, as N
application server processes, each with its own connection and its share of the day; on 2 cores, 4
keep both busy while the others wait for their commits (docs/performance.md).
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dossiers import configure  # noqa: E402 - same throwaway databases and environment

PG_NAME = "motcua_bench_day"
SQLITE_PATH = Path("/tmp/motcua-bench-day.sqlite3")
DAY = date(2026, 12, 2)  # a Wednesday
TARGET_S = 600.0
PROVINCES = ("01", "31")


def setup(db: str, broker: str) -> None:
    import bench_dossiers

    bench_dossiers.PG_NAME, bench_dossiers.SQLITE_PATH = PG_NAME, SQLITE_PATH
    configure(db, broker)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    quiet = open(os.devnull, "w")  # noqa: SIM115
    for step in (("units", "load"), ("org", "demo", "--force"), ("catalog", "import")):
        call_command(*step, stdout=quiet, stderr=quiet)
    call_command("catalog", "adopt", *[a for p in PROVINCES for a in ("--province", p)], stdout=quiet)
    print(f"reference data loaded in {time.perf_counter() - started:.0f} s", flush=True)


# ---- realistic inputs ---------------------------------------------------------------------------------


def cccd(rng: random.Random) -> dict:
    from motcua.core.identity import CCCD_PROVINCES

    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 56))
    male = rng.random() < 0.5
    digit = (0 if born.year < 2000 else 2) + (0 if male else 1)
    province = rng.choice(["001", "031"] * 4 + sorted(CCCD_PROVINCES))  # mostly born in the two cities
    number = f"{province}{digit}{born.year % 100:02d}{rng.randrange(10**6):06d}"
    return {"id_number": number, "birth_date": born.isoformat(), "sex": "male" if male else "female"}


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Thảo"]


def applicant(rng: random.Random, commune_code: str) -> dict:
    return {
        "kind": "person",
        "full_name": f"{rng.choice(FAMILY)} {rng.choice(['Văn', 'Thị', 'Minh', 'Đức'])} {rng.choice(GIVEN)}",
        "phone": f"09{rng.randrange(10**8):08d}",
        "address": f"Số {rng.randrange(1, 300)}, tổ {rng.randrange(1, 40)}",
        "commune": commune_code,
        **cccd(rng),
    }


def desks():
    """(officer, place) of every reception officer assigned to a place of the two cities."""
    from motcua.org.models import StaffAssignment
    from motcua.org.roles import RoleCode

    rows = StaffAssignment.objects.filter(
        role__code=RoleCode.RECEPTION_OFFICER, place__isnull=False, place__commune__isnull=False
    ).select_related("user", "place", "place__commune", "place__province")
    return [(r.user, r.place) for r in rows if r.place.province.code in PROVINCES and r.user.is_active]


def receivable(rng: random.Random, desks_: list, wanted: int) -> list[dict]:
    """Procedures a dossier can really be received for (tried once, rolled back): version in force,
    adopted, an agency found; with the case and the documents it requires."""
    from django.db import transaction

    from motcua.calendar.clock import TZ
    from motcua.catalog import selectors as catalog
    from motcua.core.errors import DomainError
    from motcua.dossiers import services

    class Rollback(Exception):
        pass

    versions = list(
        catalog.current_versions(DAY).prefetch_related("documents", "cases").select_related("procedure")
    )
    rng.shuffle(versions)
    found = []
    for version in versions:
        cases = list(version.cases.all())
        case = rng.choice(cases) if cases else None
        provided = [
            d.pk
            for d in version.documents.all()
            if d.required and d.case_id in (None, getattr(case, "pk", None))
        ]
        try:
            with transaction.atomic():
                for officer, place in rng.sample(desks_, 3):  # three places: routing must work anywhere
                    services.receive_at_counter(
                        officer=officer,
                        place=place,
                        procedure=version.procedure,
                        case=case,
                        provided=provided,
                        applicant=applicant(rng, place.commune.code),
                        at=datetime.combine(DAY, datetime.min.time(), tzinfo=TZ).replace(hour=9),
                    )
                raise Rollback
        except Rollback:
            found.append(
                {"procedure": version.procedure_id, "case": getattr(case, "pk", None), "provided": provided}
            )
        except DomainError:
            continue
        if len(found) >= wanted:
            break
    return found


def plan(n: int, seed: int) -> tuple[list[dict], dict]:
    from motcua.calendar.clock import TZ

    rng = random.Random(seed)
    desks_ = desks()
    procedures = receivable(rng, desks_, 300)
    weights = [1 / rank for rank in range(1, len(procedures) + 1)]
    open_minutes = list(range(8 * 60, 12 * 60)) + list(range(13 * 60, 17 * 60))
    seconds = sorted(rng.choice(open_minutes) * 60 + rng.randrange(60) for _ in range(n))
    jobs = []
    for second in seconds:
        officer, place = rng.choice(desks_)
        chosen = rng.choices(procedures, weights)[0]
        moment = datetime.combine(DAY, datetime.min.time(), tzinfo=TZ) + timedelta(seconds=second)
        jobs.append(
            {
                "officer": officer.pk,
                "place": place.pk,
                **chosen,
                "applicant": applicant(rng, place.commune.code),
                "at": moment.isoformat(),
            }
        )
    facts = {
        "desks": len(desks_),
        "places": len({p.pk for _, p in desks_}),
        "procedures": len(procedures),
        "communes": len({p.commune_id for _, p in desks_}),
    }
    return jobs, facts


# ---- the run ------------------------------------------------------------------------------------------


def run(jobs: list[dict], out, max_seconds: float) -> None:
    """Receive the jobs in order (until max_seconds); put (count, seconds, errors, cpu) on `out`."""
    from django.db import connections

    from motcua.accounts.models import User
    from motcua.catalog.models import DocumentCase, Procedure
    from motcua.dossiers import services
    from motcua.org.models import ReceptionPlace

    connections.close_all()  # a process of its own: a connection of its own
    users = User.objects.in_bulk({j["officer"] for j in jobs})
    places = ReceptionPlace.objects.in_bulk({j["place"] for j in jobs})
    procedures = Procedure.objects.in_bulk({j["procedure"] for j in jobs})
    cases = DocumentCase.objects.in_bulk({j["case"] for j in jobs if j["case"]})
    errors = done = 0
    started, cpu = time.perf_counter(), time.process_time()
    for job in jobs:
        if done % 100 == 0 and time.perf_counter() - started > max_seconds:
            break
        done += 1
        try:
            services.receive_at_counter(
                officer=users[job["officer"]],
                place=places[job["place"]],
                procedure=procedures[job["procedure"]],
                case=cases.get(job["case"]),
                provided=job["provided"],
                applicant=job["applicant"],
                at=datetime.fromisoformat(job["at"]),
            )
        except Exception as exc:  # noqa: BLE001 - counted and reported, the day goes on
            errors += 1
            if errors <= 3:
                print(f"reception failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    out.put((done, time.perf_counter() - started, errors, time.process_time() - cpu))
    connections.close_all()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--n", type=int, default=120_000)
    parser.add_argument("--workers", type=int, default=1, help="processes (PostgreSQL only for > 1)")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=float("inf"),
        help="stop there and report what was measured (a loaded machine); the day is then NOT complete",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    args = parser.parse_args()
    if args.db == "sqlite" and args.workers > 1:
        parser.error("SQLite has one writer: --workers 1")

    setup(args.db, args.broker)
    import multiprocessing

    from django.db import connection, connections

    started = time.perf_counter()
    jobs, facts = plan(args.n, args.seed)
    print(f"{args.n} receptions planned in {time.perf_counter() - started:.0f} s: {facts}", flush=True)
    load = os.getloadavg()
    connections.close_all()
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    workers = [
        context.Process(target=run, args=(jobs[i :: args.workers], out, args.max_seconds))
        for i in range(args.workers)
    ]
    wall_started = time.perf_counter()
    for worker in workers:
        worker.start()
    results = [out.get() for _ in workers]
    wall = time.perf_counter() - wall_started
    for worker in workers:
        worker.join()
    load_after = os.getloadavg()

    from motcua.dossiers.models import Dossier, OutboxMessage
    from motcua.dossiers.outbox import publish_batch

    stored = Dossier.objects.count()
    pending = OutboxMessage.objects.filter(published_at__isnull=True).count()
    sample_started = time.perf_counter()
    delivered = sum(publish_batch(200)[0] for _ in range(25))
    delivery_rate = delivered / (time.perf_counter() - sample_started)
    errors = sum(r[2] for r in results)
    received = sum(r[0] for r in results)
    cpu_ms = sum(r[3] for r in results) / max(received, 1) * 1000
    figures = {
        "database": connection.vendor,
        "workers": args.workers,
        "broker": args.broker,
        "n": args.n,
        "received": received,
        "complete": received == args.n,
        "stored": stored,
        "errors": errors,
        "wall_s": round(wall, 1),
        "per_s": round(received / wall, 1),
        "client_cpu_ms_per_reception": round(cpu_ms, 2),
        "per_worker": [
            {
                "n": n,
                "s": round(s, 1),
                "per_s": round(n / s, 1),
                "cpu_ms_per_reception": round(c / n * 1000, 2),
            }
            for n, s, _e, c in results
        ],
        "outbox_pending": pending,
        "outbox_delivery_per_s": round(delivery_rate, 1),
        "load_average_before": [round(x, 2) for x in load],
        "load_average_after": [round(x, 2) for x in load_after],
        **facts,
    }
    print(json.dumps(figures, indent=2))
    rate = received / wall
    verdict = "met" if received == args.n and wall <= TARGET_S * args.n / 120_000 else "NOT met"
    print(
        f"(c) {received} of {args.n} receptions in {wall / 60:.1f} min ({rate:.1f}/s, {args.workers} worker(s),"
        f" {connection.vendor}, {cpu_ms:.1f} ms client CPU each); 120,000 at this rate:"
        f" {120_000 / rate / 60:.0f} min; target <= 10 min: {verdict}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    connections.close_all()
    if not args.keep:
        import bench_dossiers

        bench_dossiers.drop_database(args.db, SQLITE_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
