"""kill -9 of a real Celery worker in the middle of a delivery, on the real RabbitMQ (issue #18's drill,
in small: bench/drill_delivery.py is the full one).

The simulator accepts the batch, logs it, and holds its answer (--ack-delay-ms): the worker is killed
in that window, after the portal has the events and before the worker has recorded them. RabbitMQ gives
the unacknowledged task to the restarted worker, which sends the same events again; the portal must
see each event accepted once (the resend is flagged `duplicate`), in per-dossier order, none lost.
"""

import os
import signal
import subprocess
import sys
import uuid
from collections import defaultdict

import pytest
from celery import Celery

from motcua.nationalportal.models import EventState, PortalEvent
from motcua.org.services import ensure_roles
from tests.dossiers.factories import World

from .conftest import changed_dossiers, wait_for
from .test_worker import BROKER, SRC, database_url, rabbitmq_reachable


def start_worker(env, log_path):
    log = open(log_path, "a")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "motcua", "worker", "--pool=solo", "-Q", env["MOTCUA_CELERY_QUEUE"],
         "--without-mingle", "--without-gossip", "--without-heartbeat", "-l", "info"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return process, log


@pytest.mark.skipif(not rabbitmq_reachable(), reason="RabbitMQ is not running on 127.0.0.1:5672")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_leaves_every_event_accepted_once_in_order(start_portal, tmp_path):
    ensure_roles()
    changed_dossiers(World(), 6)  # 6 receptions, 3 of them then assigned and stopped: 12 events
    events = {e.event_id: e for e in PortalEvent.objects.all()}
    assert len(events) == 12
    portal = start_portal(ack_delay_ms=2000)
    queue = f"motcua-test-kill-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "MOTCUA_INSECURE_DEV_KEY": "1",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER,
        "MOTCUA_CELERY_QUEUE": queue,
        "MOTCUA_PORTAL_URL": portal.url,
        "MOTCUA_HOME": str(tmp_path),
    }
    probe = Celery("probe", broker=BROKER)
    probe.conf.broker_connection_retry_on_startup = True
    first, log = start_worker(env, tmp_path / "worker-1.log")
    second = None
    try:
        probe.send_task("nationalportal.sync", queue=queue)
        # The portal has the batch (logged), its answer is still held: the worker is mid-delivery.
        wait_for(lambda: len(portal.lines()) >= 12, timeout=60)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        log.close()
        assert first.returncode == -signal.SIGKILL
        assert not PortalEvent.objects.filter(state=EventState.DELIVERED).exists()  # nothing recorded
        second, log = start_worker(env, tmp_path / "worker-2.log")
        # Nobody sends the task again: RabbitMQ hands the unacknowledged one to the new worker.
        wait_for(lambda: PortalEvent.objects.filter(state=EventState.DELIVERED).count() == 12, timeout=60)
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=20)
        log.close()
        with probe.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    lines = portal.lines()
    accepted = [line for line in lines if not line["duplicate"]]
    assert sorted(line["event_id"] for line in accepted) == sorted(events)  # each once, none lost
    resent = [line["event_id"] for line in lines if line["duplicate"]]
    assert resent and set(resent) <= set(events)  # the resend after the kill, recognised
    sequences = defaultdict(list)
    for line in accepted:
        sequences[line["dossier_code"]].append(line["sequence"])
    assert all(seq == sorted(set(seq)) for seq in sequences.values())
    assert {code: seq for code, seq in sequences.items() if len(seq) > 1}  # order was tested, not vacuous
    for line in accepted:
        assert line["sequence"] == events[line["event_id"]].sequence
