"""The VNPay gateway simulator as a real separate process on a free 127.0.0.1 port, and the fixtures
that configure the payments app to use it. Registered as a plugin in tests/conftest.py, so the payments
tests and the citizen's browser journey share one simulator process per session."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html import unescape

import pytest

TMN_CODE = "MOTCUATEST"
SECRET = "test-secret-0123456789abcdef"  # noqa: S105


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Simulator:
    """A handle on the gateway process: its URL, faults, state, and a payer's clicks on its page."""

    def __init__(self, url: str):
        self.url = url

    def _post(self, path: str, data: dict) -> dict:
        request = urllib.request.Request(
            self.url + path, data=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode())

    def reset(self, ipn_url: str = "") -> None:
        self._post("/_control/reset", {})
        self._post("/_control/config", {"ipn_url": ipn_url})

    def faults(self, **faults) -> None:
        self._post("/_control/faults", faults)

    def state(self) -> dict:
        with urllib.request.urlopen(self.url + "/_control/state", timeout=10) as response:
            return json.loads(response.read().decode())

    def order(self, reference: str) -> dict:
        return self.state()["orders"][f"{TMN_CODE}:{reference}"]

    def ipn_answers(self, reference: str) -> list[str]:
        return [answer.get("RspCode", str(status)) for _at, status, answer in self.order(reference)["ipn"]]

    def wait_for_ipn(self, reference: str, count: int = 1, timeout: float = 15) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answers = self.ipn_answers(reference)
            if len(answers) >= count:
                return answers
            time.sleep(0.05)
        raise AssertionError(f"{count} IPN(s) for {reference} not delivered: {self.ipn_answers(reference)}")

    def pay(self, gateway_url: str, *, action: str = "pay", bank: str = "NCB") -> str | None:
        """What the payer does: open the payment page, choose a bank, confirm (or cancel). Returns the
        signed return URL the gateway redirects to, or None when it does not redirect."""
        with urllib.request.urlopen(gateway_url, timeout=10) as response:  # noqa: S310
            page = response.read().decode()
        key = unescape(re.search(r'name="key" value="([^"]+)"', page).group(1))
        body = urllib.parse.urlencode({"key": key, "bank": bank, "action": action}).encode()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(self.url + "/paymentv2/confirm", data=body, timeout=10)
        except urllib.error.HTTPError as exc:
            if exc.code == 302:
                return exc.headers["Location"]
            raise
        response.read()
        return None


@pytest.fixture(scope="session")
def simulator_process():
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "motcua.payments.simulator",
            "--port",
            str(port),
            "--tmn-code",
            TMN_CODE,
            "--hash-secret",
            SECRET,
            "--ipn-url",
            "",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        text=True,
    )
    line = process.stdout.readline()
    assert "gateway simulator on" in line, line
    yield Simulator(f"http://127.0.0.1:{port}")
    process.terminate()
    process.wait(timeout=10)


def configure(settings, url: str, timeout: float = 3) -> None:
    settings.MOTCUA_VNPAY_TMN_CODE = TMN_CODE
    settings.MOTCUA_VNPAY_HASH_SECRET = SECRET
    settings.MOTCUA_VNPAY_PAY_URL = f"{url}/paymentv2/vpcpay.html"
    settings.MOTCUA_VNPAY_API_URL = f"{url}/merchant_webapi/api/transaction"
    settings.MOTCUA_VNPAY_TIMEOUT = timeout


@pytest.fixture
def gateway(settings, simulator_process, live_server):
    """The simulator, reset, delivering its IPN to this test's live server."""
    simulator_process.reset(ipn_url=f"{live_server.url}/thanh-toan/ipn/vnpay/")
    configure(settings, simulator_process.url)
    return simulator_process


@pytest.fixture
def offline_gateway(settings):
    """Configured, but nothing listens there: the gateway is down."""
    configure(settings, f"http://127.0.0.1:{free_port()}", timeout=1)
