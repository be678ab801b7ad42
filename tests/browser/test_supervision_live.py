"""The supervisor's live page in a real browser: the figures, the alert list and the SVG trend are
there, htmx is loaded from our own static files, and a dossier received while the page is open shows
up in "received today" without a reload. Screenshots go to $MOTCUA_SHOTS when set."""

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.calendar.clock import TZ
from tests.browser.test_workspace_journeys import hanoi, shot, sign_in  # noqa: F401 (fixture)
from tests.dossiers.conftest import receive

pytestmark = pytest.mark.browser


def _local(moment) -> str:
    return moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def test_the_live_page_updates_itself_and_draws_its_trend(browser, live_server, hanoi, settings):  # noqa: F811
    settings.SUPERVISION_POLL_SECONDS = 1
    now = timezone.now()
    receive(hanoi, when=_local(now - timedelta(days=12)))  # long overdue: on the alert list
    receive(hanoi, when=_local(now - timedelta(days=3)))
    page = sign_in(browser, live_server, hanoi.supervisor)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/can-bo/giam-sat/")
    assert page.evaluate("() => typeof window.htmx") == "object"
    assert all(url.startswith(live_server.url) for url in requests)  # nothing from elsewhere
    assert page.locator("svg.chart polyline").count() == 3
    assert page.locator(".alerts table, .alerts .empty").count() >= 1
    received = page.locator(".stat").first.locator("b")
    before = int(received.inner_text())
    shot(page, "20-supervision-live")
    receive(hanoi, when=_local(timezone.now()))
    page.wait_for_function(
        f"() => parseInt(document.querySelector('.stat b').innerText) === {before + 1}", timeout=8000
    )
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # no reload
    page.goto(f"{live_server.url}/can-bo/giam-sat/nhan-luc/")
    assert "Cán bộ và nhân lực" in page.locator("h1").inner_text()
    shot(page, "21-supervision-staffing")
    page.goto(f"{live_server.url}/can-bo/giam-sat/bao-cao/?ky=nam&gia-tri={now:%Y}")
    assert "Tổng cộng" in page.locator("table.tally").inner_text()
    shot(page, "22-supervision-report")
