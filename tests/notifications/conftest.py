"""Notification fixtures: the dossiers' small Hà Nội, a real SMTP server (aiosmtpd, in a thread) and the
SMS/Zalo simulator in its own process."""

import json
import socket
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from motcua.dossiers import outbox
from tests.dossiers.conftest import committed_world, receive, world  # noqa: F401 - shared fixtures
from tests.dossiers.factories import at  # noqa: F401


class Inbox:
    """aiosmtpd handler: keeps every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, parsed))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd's start() connects to its port: it must be known
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


class Simulator:
    def __init__(self, log: Path, url: str, process):
        self.log, self.url, self.process = log, url, process

    def lines(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def simulator_process(tmp_path_factory):
    log = tmp_path_factory.mktemp("sim") / "messages.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "motcua.notifications.simulator", "--port", "0", "--log", str(log)],
        stdout=subprocess.PIPE,
        text=True,
    )
    banner = process.stdout.readline()  # "message simulator on http://127.0.0.1:PORT/"
    url = banner.rsplit(" ", 1)[-1].strip().rstrip("/")
    yield Simulator(log, url, process)
    process.terminate()
    process.wait(timeout=5)


@pytest.fixture
def simulator(simulator_process, settings):
    from motcua.notifications.simulator.__main__ import DEV_TOKEN

    simulator_process.log.unlink(missing_ok=True)
    settings.MOTCUA_SMS_PROVIDER, settings.MOTCUA_SMS_URL = "sms_http", simulator_process.url
    settings.MOTCUA_ZALO_PROVIDER, settings.MOTCUA_ZALO_URL = "zalo_oa", simulator_process.url
    settings.MOTCUA_SMS_TOKEN = settings.MOTCUA_ZALO_ACCESS_TOKEN = DEV_TOKEN
    settings.MOTCUA_ZALO_TEMPLATE_ID = "motcua-thong-bao"
    return simulator_process


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish the outbox as the worker does, then run what it scheduled after commit (the eager tasks)."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            outbox.publish_pending()

    return run
