"""Reception throughput while a national-portal backlog drains through a real worker, side by side.

    .venv/bin/python bench/bench_reception_backlog.py                   # PostgreSQL, 30,000 events
    .venv/bin/python bench/bench_reception_backlog.py --worker-nice 10  # the worker under nice 10
    .venv/bin/python bench/bench_reception_backlog.py --db sqlite --json /tmp/bench-recv.json

One Celery worker (`--pool=solo`, RabbitMQ, a queue of its own) and the portal simulator run throughout,
as in production: every reception's outbox event is published, captured and pushed by the worker. This
process receives dossiers at the counter through `services.receive_at_counter` (the counter page's
service, no HTTP), one after another, and counts receptions per second in three phases:
  A  quiet: no backlog, --seconds;
  B  drain: a backlog of --events portal events (an hour's outage at Hà Nội's peak) made due at once and
     `nationalportal.sync` sent; B lasts until the backlog is delivered (the drain time);
  A' quiet again, --seconds.
Ratio = B / mean(A, A'): the issue's bar is >= 0.90; the drain's bar <= 60 s (>= 500 events/s).
The backlog rows are written before A as `skipped` (the worker ignores them) and turned `pending` by one
UPDATE at the start of B, so A measures the same database, the same worker, the same tables.
Throwaway database: PostgreSQL motcua_drills_recv (dropped and created) or a SQLite file under /tmp.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from drill_delivery import SMS_TOKEN, start, wait_line

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def configure(args) -> dict:
    home = Path(tempfile.mkdtemp(prefix="motcua-recv-"))
    if args.db == "sqlite":
        url = f"sqlite:///{home / 'recv.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {args.pg_name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {args.pg_name}")
        url = f"postgres://postgres@127.0.0.1:5432/{args.pg_name}"
    queue = f"motcua-recv-{uuid.uuid4().hex[:8]}"
    env = {
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "MOTCUA_INSECURE_DEV_KEY": "1",
        "DEBUG": "0",
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
        "MOTCUA_HOME": str(home),
        "CELERY_BROKER_URL": args.broker,
        "MOTCUA_CELERY_QUEUE": queue,
        "MOTCUA_PORTAL_URL": f"http://127.0.0.1:{args.port}",
        "MOTCUA_NOTIFY_EMAIL": "0",
        "MOTCUA_NOTIFY_DEFAULT_CHANNELS": "sms",
        "MOTCUA_SMS_PROVIDER": "sms_http",
        "MOTCUA_SMS_URL": f"http://127.0.0.1:{args.port + 1}",
        "MOTCUA_SMS_TOKEN": SMS_TOKEN,
        "PYTHONPATH": str(ROOT / "src"),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return {"home": home, "queue": queue, "env": {**os.environ, **env}}


def backlog(world, n_events: int) -> None:
    """n_events portal events of n_events/3 dossiers (copies of one received dossier), `skipped`."""
    from motcua.dossiers.models import Applicant, Dossier
    from motcua.nationalportal.models import EventState, PortalEvent

    model = Dossier.objects.order_by("pk").first()
    applicant = Applicant.objects.get(dossier=model)
    prefix = model.code.rsplit("-", 1)[0]
    dossiers = []
    for i in range(n_events // 3):
        d = Dossier(**{f.attname: getattr(model, f.attname) for f in Dossier._meta.concrete_fields})
        d.pk, d.code = None, f"{prefix}-{i + 50000:05d}"
        dossiers.append(d)
    Dossier.objects.bulk_create(dossiers, batch_size=1000)
    dossiers = list(Dossier.objects.filter(code__in=[d.code for d in dossiers]))
    people = []
    for d in dossiers:
        p = Applicant(**{f.attname: getattr(applicant, f.attname) for f in Applicant._meta.concrete_fields})
        p.pk, p.dossier_id = None, d.pk
        people.append(p)
    Applicant.objects.bulk_create(people, batch_size=1000)
    template = PortalEvent.objects.order_by("pk").first()
    events, n = [], 0
    for version, status in ((1, 1), (2, 2), (3, 4)):
        for d in dossiers:
            n += 1
            events.append(
                PortalEvent(
                    event_id=uuid.uuid4().hex,
                    outbox_id=-n,
                    dossier_code=d.code,
                    sequence=version,
                    status_code=status,
                    payload=template.payload,
                    occurred_at=template.occurred_at,
                    created_at=template.created_at,
                    state=EventState.SKIPPED,
                    last_error="bench-backlog",
                )  # fmt: skip
            )
    PortalEvent.objects.bulk_create(events, batch_size=1000)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (the worker's pool), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    pids += [int(c) for c in children]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def receptions_for(world, seconds: float | None, until=None) -> dict:
    """Receive dossiers one after another for `seconds` (or until `until()` is true): count and rate."""
    from tests.dossiers.factories import person

    from motcua.dossiers import services

    n, started = 0, time.perf_counter()
    while True:
        services.receive_at_counter(
            officer=world.officer, place=world.point_ba_dinh, procedure=world.birth,
            case=world.case(world.birth, 0), provided=world.documents(world.birth, 0), applicant=person(),
        )  # fmt: skip
        n += 1
        elapsed = time.perf_counter() - started
        if (seconds is not None and elapsed >= seconds) or (until is not None and n % 5 == 0 and until()):
            return {"n": n, "s": round(elapsed, 2), "per_s": round(n / elapsed, 1)}


def main() -> None:  # noqa: PLR0915 - a script, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--pg-name", default="motcua_drills_recv")
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--port", type=int, default=18220)
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="each quiet phase")
    parser.add_argument("--worker-nice", type=int, default=0, help="run the worker under nice N")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    setup = configure(args)
    home, queue, env = setup["home"], setup["queue"], setup["env"]
    import django

    django.setup()
    from celery import Celery
    from django.core.management import call_command
    from django.db import transaction
    from tests.dossiers.factories import World

    from motcua.nationalportal.models import EventState, PortalEvent
    from motcua.org.services import ensure_roles

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        ensure_roles()
        world = World()
    py = sys.executable
    portal = start(
        [py, "-m", "motcua.nationalportal.simulator", "--port", str(args.port), "--log", str(home / "p.jsonl")],
        env, home / "portal.out",
    )  # fmt: skip
    gateway = start(
        [py, "-m", "motcua.notifications.simulator", "--port", str(args.port + 1), "--log",
         str(home / "m.jsonl"), "--token", SMS_TOKEN],
        env, home / "messages.out",
    )  # fmt: skip
    wait_line(home / "portal.out", "simulator on")
    wait_line(home / "messages.out", "simulator on")
    worker_cmd = [py, "-m", "celery", "-A", "motcua", "worker", "--pool=solo", "-Q", queue,
                  "--without-mingle", "--without-gossip", "--without-heartbeat", "-l", "warning"]  # fmt: skip
    if args.worker_nice:
        worker_cmd = ["nice", "-n", str(args.worker_nice), *worker_cmd]
    worker = start(worker_cmd, env, home / "worker.log")
    beat = Celery("bench-beat", broker=args.broker)
    beat.conf.broker_connection_retry_on_startup = True
    try:
        receptions_for(world, 3.0)  # the first reception builds the world's caches; the worker warms up
        backlog(world, args.events)
        time.sleep(2.0)
        quiet_a = receptions_for(world, args.seconds)
        due = PortalEvent.objects.filter(last_error="bench-backlog")
        worker_pid = worker.pid  # `nice` execs celery in place: the same pid
        cpu_before = cpu_seconds(worker_pid)
        started = time.perf_counter()
        due.update(state=EventState.PENDING, last_error="")
        beat.send_task("nationalportal.sync", kwargs={"max_seconds": 300.0}, queue=queue)
        backlog_left = PortalEvent.objects.filter(state=EventState.PENDING, outbox_id__lt=0)
        drain = receptions_for(world, None, until=lambda: not backlog_left.exists())
        drain_s = time.perf_counter() - started
        worker_cpu = cpu_seconds(worker_pid) - cpu_before
        quiet_b = receptions_for(world, args.seconds)
    finally:
        for process in (worker, portal, gateway):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        with beat.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    quiet = (quiet_a["per_s"] + quiet_b["per_s"]) / 2
    figures = {
        "db": args.db,
        "events": args.events,
        "worker_nice": args.worker_nice,
        "quiet_a": quiet_a,
        "during_drain": drain,
        "quiet_b": quiet_b,
        "ratio_drain_vs_quiet": round(drain["per_s"] / quiet, 3),
        "drain_s": round(drain_s, 1),
        "drain_per_s": round(args.events / drain_s),
        "worker_cpu_s_during_drain": round(worker_cpu, 1),
        "worker_cores_during_drain": round(worker_cpu / drain_s, 2),
        "cpus": os.cpu_count(),
        "load": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
    }
    print(json.dumps(figures, indent=2))  # noqa: T201
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
