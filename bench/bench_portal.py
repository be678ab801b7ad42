"""Draining a national-portal backlog: N events pushed to the portal simulator, timed.

    .venv/bin/python bench/bench_portal.py --db sqlite --events 30000
    .venv/bin/python bench/bench_portal.py --db postgres --events 30000 --json /tmp/bench-portal.json

The backlog of an outage: --events status changes (3 per dossier) of --events/3 dossiers, pending.
(a) capture: the outbox events published through `dossiers.outbox.publish_pending`, each copied into the
    portal's queue by `nationalportal.capture` (the path every event takes, with the outbox's batches);
(b) drain: `delivery.sync(until_empty=True)` (what the Celery task and `motcua portal sync --until-empty`
    run) against the simulator as its own process, batches of --batch; target >= 500 events/s (30,000
    in <= 60 s). Afterwards the simulator's log is checked: every event accepted once, per-dossier order.

The dossiers are copies of one real dossier received by the services (the applicant is read from the
dossier when an event is sent), bulk-inserted with their own codes. Throwaway database: a SQLite file
under /tmp, or PostgreSQL database motcua_bench_portal (dropped and created by this script).
"""

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/motcua-bench-portal.sqlite3")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_bench_portal"
TARGET_PER_S = 500.0


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
        MOTCUA_HOME=tempfile.mkdtemp(prefix="motcua-bench-portal-"),
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.pop("MOTCUA_PORTAL_URL", None)  # capture must not kick a sync in (a)
    sys.path.insert(0, str(ROOT))  # tests.dossiers.factories builds the world


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def backlog(n_events: int):
    """Dossiers (copies of one received dossier) and 3 outbox events each, pending."""
    from django.db import transaction
    from django.utils import timezone
    from tests.dossiers.conftest import receive
    from tests.dossiers.factories import World

    from motcua.dossiers.models import Applicant, Dossier, OutboxMessage
    from motcua.dossiers.services.records import event_payload
    from motcua.nationalportal.models import PortalEvent
    from motcua.org.services import ensure_roles

    with transaction.atomic():
        ensure_roles()
        world = World()
        model = receive(world)
    applicant = Applicant.objects.get(dossier=model)
    n_dossiers = n_events // 3
    prefix = model.code.rsplit("-", 1)[0]
    dossiers, people = [], []
    for i in range(n_dossiers):
        d = Dossier(**{f.attname: getattr(model, f.attname) for f in Dossier._meta.concrete_fields})
        d.pk, d.code = None, f"{prefix}-{i + 10000:05d}"
        dossiers.append(d)
    Dossier.objects.bulk_create(dossiers, batch_size=1000)
    dossiers = list(Dossier.objects.filter(code__in=[d.code for d in dossiers]))
    for d in dossiers:
        p = Applicant(**{f.attname: getattr(applicant, f.attname) for f in Applicant._meta.concrete_fields})
        p.pk, p.dossier_id = None, d.pk
        people.append(p)
    Applicant.objects.bulk_create(people, batch_size=1000)
    OutboxMessage.objects.all().delete()
    PortalEvent.objects.all().delete()  # the model dossier's own reception event
    messages = []
    now = timezone.now()
    for version, status in ((1, "received"), (2, "in_progress"), (3, "result_ready")):
        for d in dossiers:
            d.version, d.status = version, status
            payload = event_payload(d, action=f"bench{version}", from_status="", at=now)
            messages.append(
                OutboxMessage(topic="dossier.bench", dossier_id=d.pk, key=d.code, payload=payload)
            )
    messages.sort(key=lambda m: (m.payload["version"], m.key))
    OutboxMessage.objects.bulk_create(messages, batch_size=1000)
    return len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--latency-ms", type=int, default=0, help="simulator latency per request")
    parser.add_argument("--fail-rate", type=float, default=0.0, help="simulator faults (the drill)")
    parser.add_argument("--down-for", type=float, default=0.0, help="simulator down for S seconds")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    configure(args.db)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from motcua.dossiers.outbox import publish_pending
    from motcua.nationalportal import delivery
    from motcua.nationalportal.client import Client
    from motcua.nationalportal.models import PortalEvent

    n = backlog(args.events)
    started = time.perf_counter()
    publish_pending(batch_size=500, max_batches=10**6)
    capture_s = time.perf_counter() - started
    captured = PortalEvent.objects.filter(state="pending").count()
    assert captured == n, f"{captured} of {n} events captured"

    port, log = free_port(), Path(tempfile.mkdtemp()) / "portal.jsonl"
    sim = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "motcua.nationalportal.simulator", "--port", str(port), "--log", str(log),
         "--latency-ms", str(args.latency_ms), "--fail-rate", str(args.fail_rate),
         "--down-for", str(args.down_for), "--seed", "1"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    sim.stdout.readline()
    settings.MOTCUA_PORTAL_URL = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        totals = delivery.sync(until_empty=True, size=args.batch, client=Client())
        drain_s = time.perf_counter() - started
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    accepted = [line for line in lines if not line["duplicate"]]
    per_dossier = defaultdict(list)
    for line in accepted:
        per_dossier[line["dossier_code"]].append(line["sequence"])
    in_order = all(seq == sorted(seq) for seq in per_dossier.values())
    figures = {
        "db": args.db,
        "events": n,
        "batch": args.batch,
        "fail_rate": args.fail_rate,
        "down_for_s": args.down_for,
        "duplicates_seen": len(lines) - len(accepted),
        "capture_s": round(capture_s, 2),
        "capture_per_s": round(n / capture_s),
        "drain_s": round(drain_s, 2),
        "drain_per_s": round(n / drain_s),
        "accepted_once": len(accepted) == n == len({line["event_id"] for line in accepted}),
        "in_order": in_order,
        "batches_sent": -(-totals["sent"] // max(args.batch, 1)),
        "target_per_s": TARGET_PER_S,
        "python": platform.python_version(),
        "load": os.getloadavg()[0],
    }
    print(json.dumps(figures, indent=2))  # noqa: T201
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
