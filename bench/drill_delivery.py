"""The delivery drill of issue #18: real worker, real broker, a faulty portal, kill -9, then the books.

    .venv/bin/python bench/drill_delivery.py                       # 30,000 events, PostgreSQL, 6 kills
    .venv/bin/python bench/drill_delivery.py --events 3000 --kills 3 --down-for 10 --json /tmp/drill.json

What runs, each as its own process:
- the National Public Service Portal simulator, down (503) for --down-for seconds, then slow
  (--latency-ms per request), failing --fail-rate of the pushes (half before processing: 500; half
  after: 502, the acknowledgement lost, so the client resends events the portal already has), and
  answering late (--ack-delay-ms) so that a killed worker often dies holding accepted events;
- the SMS/Zalo simulator (notifications to citizens);
- one Celery worker (prefork, 2 children, as deploy/ runs it) on RabbitMQ (--broker, a queue of its own, deleted afterwards),
  killed with SIGKILL (its whole process group) --kills times at random moments (seeded) and started again each time.
This script plays beat (publish the outbox, sync the portal, sweep notifications every few seconds, the
notifications' catch-up at the end) and a reception desk: --live dossiers received, assigned and
stopped through the real services while the worker dies and the portal misbehaves.

The backlog is an outage's: --events status changes (3 per dossier), outbox events not yet published;
the first --notify dossiers carry citizen topics (reception, result ready) so their applicants get SMS
and Zalo messages. Afterwards, from the simulators' logs and the database:
- every outbox event with a portal status was captured once and accepted by the portal exactly once
  (a resend is only allowed as a `duplicate` acknowledgement), the accepted set equals the captured set;
- per dossier, the accepted sequences increase;
- per (event, kind, channel) at most one message reached the citizen (and none went twice to the gateway).
Exit status 1 when any check fails. Throwaway database: PostgreSQL motcua_drills (dropped and created),
or a SQLite file under /tmp.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
SMS_TOKEN = "motcua-drill-token"  # noqa: S105 - the simulator's, local only


def configure(args) -> dict:
    home = Path(tempfile.mkdtemp(prefix="motcua-drill-"))
    if args.db == "sqlite":
        url = f"sqlite:///{home / 'drill.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {args.pg_name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {args.pg_name}")
        url = f"postgres://postgres@127.0.0.1:5432/{args.pg_name}"
    queue = f"motcua-drill-{uuid.uuid4().hex[:8]}"
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
        "MOTCUA_PORTAL_PROBE_CAP": str(args.probe_cap),
        "MOTCUA_NOTIFY_EMAIL": "0",
        "MOTCUA_NOTIFY_DEFAULT_CHANNELS": "sms,zalo",
        "MOTCUA_SMS_PROVIDER": "sms_http",
        "MOTCUA_SMS_URL": f"http://127.0.0.1:{args.port + 1}",
        "MOTCUA_SMS_TOKEN": SMS_TOKEN,
        "MOTCUA_ZALO_PROVIDER": "zalo_oa",
        "MOTCUA_ZALO_URL": f"http://127.0.0.1:{args.port + 1}",
        "MOTCUA_ZALO_ACCESS_TOKEN": SMS_TOKEN,
        "MOTCUA_ZALO_TEMPLATE_ID": "motcua-thong-bao",
        "PYTHONPATH": str(ROOT / "src"),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))  # tests.dossiers.factories builds the world
    return {"home": home, "queue": queue, "env": {**os.environ, **env}}


def backlog(n_events: int, notify: int) -> int:
    """Copies of one received dossier and 3 unpublished outbox events each (the outage's backlog)."""
    from django.db import transaction
    from django.utils import timezone
    from tests.dossiers.conftest import receive
    from tests.dossiers.factories import World

    from motcua.dossiers.models import Applicant, Dossier, OutboxMessage
    from motcua.dossiers.services.records import event_payload
    from motcua.org.services import ensure_roles

    with transaction.atomic():
        ensure_roles()
        world = World()
        model = receive(world)
    applicant = Applicant.objects.get(dossier=model)
    prefix = model.code.rsplit("-", 1)[0]
    dossiers = []
    for i in range(n_events // 3):
        d = Dossier(**{f.attname: getattr(model, f.attname) for f in Dossier._meta.concrete_fields})
        d.pk, d.code = None, f"{prefix}-{i + 10000:05d}"
        dossiers.append(d)
    Dossier.objects.bulk_create(dossiers, batch_size=1000)
    dossiers = list(Dossier.objects.filter(code__in=[d.code for d in dossiers]).order_by("code"))
    people = []
    for d in dossiers:
        p = Applicant(**{f.attname: getattr(applicant, f.attname) for f in Applicant._meta.concrete_fields})
        p.pk, p.dossier_id = None, d.pk
        people.append(p)
    Applicant.objects.bulk_create(people, batch_size=1000)
    topics = {1: "dossier.receive", 2: "dossier.assign", 3: "dossier.issue_result"}
    messages = []
    now = timezone.now()
    for version, status in ((1, "received"), (2, "in_progress"), (3, "result_ready")):
        for n, d in enumerate(dossiers):
            d.version, d.status = version, status
            payload = event_payload(d, action=f"drill{version}", from_status="", at=now)
            topic = topics[version] if n < notify else "dossier.drill"
            messages.append(OutboxMessage(topic=topic, dossier_id=d.pk, key=d.code, payload=payload))
    OutboxMessage.objects.bulk_create(messages, batch_size=1000)
    return world


def start(cmd, env, log_path) -> subprocess.Popen:
    log = open(log_path, "a")  # noqa: SIM115 - the process keeps it
    # Its own process group: a kill takes the worker's pool children with it, as systemd's would.
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603


def wait_line(path: Path, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        time.sleep(0.1)
    raise SystemExit(f"{path} never said {text!r}")


def jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:  # noqa: C901, PLR0915 - a script, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--pg-name", default="motcua_drills")
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--port", type=int, default=18210, help="portal simulator; the SMS/Zalo one +1")
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--notify", type=int, default=300, help="dossiers whose citizens get messages")
    parser.add_argument("--live", type=int, default=60, help="dossiers changed through the services")
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--down-for", type=float, default=20.0)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--fail-rate", type=float, default=0.2)
    parser.add_argument("--ack-delay-ms", type=int, default=300)
    parser.add_argument("--probe-cap", type=float, default=5.0, help="MOTCUA_PORTAL_PROBE_CAP for the worker")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    setup = configure(args)
    home, queue, env = setup["home"], setup["queue"], setup["env"]
    import django

    django.setup()
    from celery import Celery
    from django.core.management import call_command
    from django.db import close_old_connections

    call_command("migrate", verbosity=0)
    from tests.dossiers.factories import person

    from motcua.dossiers import services
    from motcua.dossiers.models import OutboxMessage
    from motcua.dossiers.outbox import publish_pending
    from motcua.nationalportal.capture import event_from
    from motcua.nationalportal.models import EventState, PortalEvent
    from motcua.notifications.models import Delivery, Status

    t0 = time.perf_counter()
    world = backlog(args.events, args.notify)
    # The outage: the outbox kept being published and captured (that needs no portal); the portal's
    # queue is what waits. (Kicks and notification hand-overs queue on the broker for the worker.)
    publish_pending(batch_size=500, max_batches=10**6)
    setup_s = time.perf_counter() - t0

    portal_log, messages_log = home / "portal.jsonl", home / "messages.jsonl"
    py = sys.executable
    portal = start(
        [py, "-m", "motcua.nationalportal.simulator", "--port", str(args.port), "--log", str(portal_log),
         "--down-for", str(args.down_for), "--latency-ms", str(args.latency_ms),
         "--fail-rate", str(args.fail_rate), "--ack-delay-ms", str(args.ack_delay_ms),
         "--seed", str(args.seed)],
        env, home / "portal.out",
    )  # fmt: skip
    gateway = start(
        [py, "-m", "motcua.notifications.simulator", "--port", str(args.port + 1), "--log",
         str(messages_log), "--token", SMS_TOKEN],
        env, home / "messages.out",
    )  # fmt: skip
    wait_line(home / "portal.out", "simulator on")
    wait_line(home / "messages.out", "simulator on")

    # As deploy/motcua-worker.service runs it: prefork, two children.
    worker_cmd = [py, "-m", "celery", "-A", "motcua", "worker", "--concurrency=2", "-Q", queue,
                  "--without-mingle", "--without-gossip", "-l", "warning"]  # fmt: skip
    workers = [start(worker_cmd, env, home / "worker.log")]
    beat = Celery("drill-beat", broker=args.broker)
    beat.conf.broker_connection_retry_on_startup = True

    def depth() -> int:
        with beat.connection_for_write() as conn:
            return conn.default_channel.queue_declare(queue, passive=True).message_count

    started = time.monotonic()
    kill_at = sorted(started + args.down_for * 0.5 + rng.uniform(0, 60) for _ in range(args.kills))
    kills, live_done, last_beat, last_sweep = [], 0, 0.0, 0.0
    drained_at = None
    live_dossiers = []
    try:
        while True:
            now = time.monotonic()
            if now - started > args.timeout:
                raise SystemExit("drill timed out")
            if kill_at and now >= kill_at[0]:
                kill_at.pop(0)
                victim = workers[-1]
                os.killpg(victim.pid, signal.SIGKILL)  # the main process and its children, at once
                victim.wait()
                kills.append(round(now - started, 1))
                time.sleep(rng.uniform(0.2, 2.0))
                workers.append(start(worker_cmd, env, home / "worker.log"))
            if live_done < args.live:  # a reception desk that never stops
                n = live_done
                dossier = services.receive_at_counter(
                    officer=world.officer, place=world.point_ba_dinh, procedure=world.birth,
                    case=world.case(world.birth, 0), provided=world.documents(world.birth, 0),
                    applicant=person(),
                )  # fmt: skip
                if n % 2 == 0:
                    dossier = services.assign(
                        dossier, actor=world.leader, version=1, assignee=world.specialist
                    )
                    services.stop(dossier, actor=world.leader, version=2, reason="Người nộp đề nghị dừng")
                live_dossiers.append(dossier.code)
                live_done += 1
            if now - last_beat >= 2.0 and depth() < 4:  # beat: publish the outbox, push the portal
                last_beat = now
                beat.send_task("dossiers.publish_outbox", kwargs={"batch_size": 500}, queue=queue)
                beat.send_task("nationalportal.sync", kwargs={"max_seconds": 10.0}, queue=queue)
            if now - last_sweep >= 5.0:
                last_sweep = now
                beat.send_task("notifications.sweep", queue=queue)
            close_old_connections()
            unpublished = OutboxMessage.objects.filter(published_at__isnull=True).count()
            pending = PortalEvent.objects.filter(state=EventState.PENDING).count()
            if not kill_at and live_done >= args.live and not unpublished and not pending:
                drained_at = time.monotonic()
                break
            time.sleep(0.2)
        # The end of the day: beat's catch-up (hand-overs lost to a kill) and sweeps until quiet.
        beat.send_task("notifications.catch_up", queue=queue)
        quiet_since = None
        while time.monotonic() - started < args.timeout:
            beat.send_task("notifications.sweep", queue=queue)
            open_ = Delivery.objects.filter(status__in=[Status.PENDING, Status.FAILED]).count()
            if open_ == 0 and depth() == 0:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 3:
                    break
            else:
                quiet_since = None
            time.sleep(1.0)
    finally:
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=60)
        for process in (portal, gateway):
            process.terminate()
            process.wait(timeout=10)
        with beat.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)

    # The books.
    lines = jsonl(portal_log)
    accepted = [line for line in lines if not line["duplicate"]]
    accepted_ids = Counter(line["event_id"] for line in accepted)
    captured = dict(PortalEvent.objects.values_list("event_id", "outbox_id"))
    expected_outbox = {m.pk for m in OutboxMessage.objects.all().iterator() if event_from(m) is not None}
    sequences = defaultdict(list)
    for line in accepted:
        sequences[line["dossier_code"]].append(line["sequence"])
    out_of_order = [code for code, seq in sequences.items() if seq != sorted(set(seq))]
    deliveries = {
        f"notify-{pk}": (event, kind, channel)
        for pk, event, kind, channel in Delivery.objects.values_list("pk", "event_id", "kind", "channel")
    }
    sent_lines = jsonl(messages_log)
    reached = Counter(deliveries.get(line["request_id"]) for line in sent_lines if not line["duplicate"])
    gateway_calls = Counter(deliveries.get(line["request_id"]) for line in sent_lines)
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    figures = {
        "db": args.db,
        "events_backlog": args.events,
        "events_live": sum(1 for m in OutboxMessage.objects.filter(key__in=live_dossiers)),
        "events_captured": len(captured),
        "outbox_events_with_portal_status": len(expected_outbox),
        "portal_accepted": len(accepted),
        "portal_duplicate_acks": len(lines) - len(accepted),
        "accepted_twice": sum(1 for n in accepted_ids.values() if n > 1),
        "lost": len(set(captured) - set(accepted_ids)),
        "unknown_accepted": len(set(accepted_ids) - set(captured)),
        "captured_equals_outbox": set(captured.values()) == expected_outbox,
        "dossiers": len(sequences),
        "dossiers_out_of_order": len(out_of_order),
        "dead": PortalEvent.objects.filter(state=EventState.DEAD).count(),
        "kills": len(kills),
        "kill_moments_s": kills,
        "fault": {
            "down_for_s": args.down_for,
            "latency_ms": args.latency_ms,
            "fail_rate": args.fail_rate,
            "ack_delay_ms": args.ack_delay_ms,
        },  # fmt: skip
        "notifications_planned": len(deliveries),
        "notifications_status": dict(statuses),
        "messages_reached_citizens": sum(reached.values()),
        "messages_twice_to_a_citizen": sum(1 for key, n in reached.items() if key and n > 1),
        "messages_twice_to_the_gateway": sum(1 for key, n in gateway_calls.items() if key and n > 1),
        "messages_unknown": reached.get(None, 0),
        # claimed by a worker that was then killed: never sent again automatically (at most once)
        "messages_withheld_after_a_kill": statuses.get(Status.SENDING, 0) + statuses.get(Status.UNCERTAIN, 0),
        "setup_s": round(setup_s, 1),
        "drill_s": round((drained_at or time.monotonic()) - started, 1),
        "drain_per_s_incl_outage": round(
            len(accepted) / max((drained_at or time.monotonic()) - started, 1e-9)
        ),
        "python": platform.python_version(),
        "load": round(os.getloadavg()[0], 2),
    }
    checks = {
        "every event accepted exactly once": figures["accepted_twice"] == 0 and figures["lost"] == 0
        and figures["unknown_accepted"] == 0 and len(accepted) == len(captured),
        "captured set equals the outbox set": figures["captured_equals_outbox"],
        "per-dossier order": not out_of_order,
        "no citizen message twice": figures["messages_twice_to_a_citizen"] == 0
        and figures["messages_unknown"] == 0,
        "nothing dead": figures["dead"] == 0,
    }  # fmt: skip
    figures["checks"] = checks
    print(json.dumps(figures, indent=2, ensure_ascii=False))  # noqa: T201
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    if not all(checks.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
