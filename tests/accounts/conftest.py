"""The local OpenID Connect provider as a real separate process, and a citizen going through it.

`start_provider` runs `python -m motcua.accounts.provider --port 0` (the same code as
`motcua oidc-provider`) and reads the port it chose from its first line; `provider` is one such process
for the package, allowing the Django test client's site (http://testserver). `sign_in` walks the whole
authorization code flow: our start view → the provider's login page → its answer → our callback.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import requests

from motcua.accounts.oidc import client as oidc_client
from motcua.accounts.provider.__main__ import DEV_CLIENT_ID, DEV_CLIENT_SECRET
from tests.dossiers.conftest import committed_world, world  # noqa: F401 - the dossier fixtures, for tracking

TEST_SITE = "http://testserver"
HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')


@dataclass
class RunningProvider:
    process: subprocess.Popen
    url: str

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_provider(*sites: str, extra: tuple[str, ...] = ()) -> RunningProvider:
    command = [sys.executable, "-m", "motcua.accounts.provider", "--port", "0"]
    for site in sites:
        command += ["--site", site]
    process = subprocess.Popen([*command, *extra], stdout=subprocess.PIPE, text=True)  # noqa: S603
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=20)
    line = first[0] if first else ""
    if not line.startswith("listening on "):
        process.kill()
        raise RuntimeError(f"the local OIDC provider did not start: {line!r}")
    return RunningProvider(process, line.split()[-1].strip())


@pytest.fixture(scope="package")
def provider():
    running = start_provider(TEST_SITE)
    yield running
    running.stop()


@pytest.fixture
def use_provider(provider, settings):
    """Point the relying party at the running provider (the settings an operator would set)."""
    oidc_client.clear_cache()
    settings.OIDC_OP_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_RP_CLIENT_ID = DEV_CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = DEV_CLIENT_SECRET
    settings.OIDC_TIMEOUT = 2
    yield provider
    oidc_client.clear_cache()


def local(url: str) -> str:
    """A URL on the test site as the Django test client wants it (path and query)."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == TEST_SITE, url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def provider_answer(client, *, citizen: str, fault: str = "", action: str = "login", next_url: str = ""):
    """From the sign-in button to the provider's redirect back: returns the callback URL."""
    started = client.post("/tai-khoan/dang-nhap/vneid/", {"next": next_url} if next_url else {})
    assert started.status_code == 302, started.content.decode()[:500]
    login_page = requests.get(started["Location"], timeout=10)
    assert login_page.status_code == 200, login_page.text[:500]
    form = {name: html.unescape(value) for name, value in HIDDEN.findall(login_page.text)}
    base = started["Location"].split("/authorize", 1)[0]
    answer = requests.post(
        f"{base}/authorize",
        data={**form, "citizen": citizen, "fault": fault, "action": action},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def sign_in(client, *, citizen: str, fault: str = "", action: str = "login", next_url: str = ""):
    callback = provider_answer(client, citizen=citizen, fault=fault, action=action, next_url=next_url)
    return client.get(local(callback))
