"""A real Celery worker process on the real RabbitMQ delivers captured events to the portal simulator.

Eager mode (the rest of the suite) runs tasks in the test process; this test is the one that proves the
task really travels: the test publishes `nationalportal.sync` on the broker, a worker started here (its
own process, its own queue name) picks it up, reads the committed events from the test database and
pushes them to the simulator process.
"""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from motcua.nationalportal.models import EventState, PortalEvent
from motcua.org.services import ensure_roles
from tests.dossiers.factories import World

from .conftest import changed_dossiers, wait_for

BROKER = os.environ.get("MOTCUA_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
SRC = Path(__file__).resolve().parents[2] / "src"


def rabbitmq_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=1):
            return True
    except OSError:
        return False


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


@pytest.mark.skipif(not rabbitmq_reachable(), reason="RabbitMQ is not running on 127.0.0.1:5672")
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_on_rabbitmq_delivers_to_the_portal(start_portal, tmp_path):
    ensure_roles()
    world = World()
    changed_dossiers(world, 2)
    events = list(PortalEvent.objects.all())
    assert len(events) == 4 and all(e.state == EventState.PENDING for e in events)
    portal = start_portal()
    queue = f"motcua-test-{uuid.uuid4().hex[:8]}"
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
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "motcua", "worker", "--pool=solo", "-Q", queue,
         "--without-mingle", "--without-gossip", "-l", "info"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    probe = Celery("probe", broker=BROKER)
    probe.conf.broker_connection_retry_on_startup = True
    try:
        probe.send_task("nationalportal.sync", queue=queue)
        wait_for(lambda: len(portal.lines()) >= 4, timeout=60)
        wait_for(lambda: PortalEvent.objects.filter(state=EventState.DELIVERED).count() == 4, timeout=20)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        log.close()
        with probe.connection_for_write() as conn:  # the queue was this test's only
            conn.default_channel.queue_delete(queue)
    lines = portal.lines()
    assert sorted(line["event_id"] for line in lines) == sorted(e.event_id for e in events)
    assert not any(line["duplicate"] for line in lines)
    assert "nationalportal.sync" in (tmp_path / "worker.log").read_text()
