"""The national portal simulator as its own process, and dossiers whose changes it should receive."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from motcua.dossiers import services
from motcua.dossiers.outbox import publish_pending
from motcua.org.services import ensure_roles
from tests.dossiers.conftest import receive
from tests.dossiers.factories import World, at


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PortalProcess:
    def __init__(self, process, url: str, log):
        self.process, self.url, self.log = process, url, log

    def lines(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def start_portal(tmp_path):
    """start_portal(fail_rate=..., down_for=..., ...) -> a running simulator process (stopped after)."""
    started = []

    def start(**faults) -> PortalProcess:
        port, log = free_port(), tmp_path / f"portal-{len(started)}.jsonl"
        args = [sys.executable, "-m", "motcua", "portal", "simulator", "--port", str(port), "--log", str(log)]
        for name, value in faults.items():
            args += [f"--{name.replace('_', '-')}", str(value)]
        process = subprocess.Popen(  # noqa: S603
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "MOTCUA_INSECURE_DEV_KEY": "1"},
            text=True,
        )
        line = process.stdout.readline()
        assert "national portal simulator on" in line, line + process.stderr.read()
        started.append(process)
        return PortalProcess(process, f"http://127.0.0.1:{port}", log)

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def world(db):
    ensure_roles()
    return World()


def changed_dossiers(world, count: int = 3) -> list:
    """`count` dossiers received at the counter, every other one then assigned and stopped (three events),
    the outbox published (which is where the portal client captures them)."""
    made = []
    for n in range(count):
        dossier = receive(world, when=f"2026-03-02 09:{n:02d}")
        if n % 2 == 0:
            later = at(f"2026-03-02 10:{n:02d}")
            dossier = services.assign(
                dossier, actor=world.leader, version=1, assignee=world.specialist, at=later
            )
            dossier = services.stop(
                dossier, actor=world.leader, version=2, reason="Người nộp đề nghị dừng", at=later
            )
        made.append(dossier)
    publish_pending()
    return made


def wait_for(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")
