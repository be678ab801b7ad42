"""Bad input from the portal's side: answers that are not JSON, too large, of the wrong shape, with unknown
codes, and pulled items that are malformed. Each is logged, refused clearly and changes nothing else.

The portal here is a real HTTP server (a thread) that answers exactly the bytes a test gives it.
"""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from motcua.dossiers.models import Dossier
from motcua.nationalportal import client as client_module
from motcua.nationalportal import delivery, inbound
from motcua.nationalportal.client import Client, PortalUnavailable
from motcua.nationalportal.models import EventState, InboundDossier, PortalEvent

from .conftest import changed_dossiers
from .test_pull import item


class Scripted:
    """Answers every request with (status, body bytes) from `answer(method, path, body)`."""

    def __init__(self, answer):
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, data = answer(method, self.path, body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):  # noqa: N802
                self._reply("POST")

            def do_GET(self):  # noqa: N802
                self._reply("GET")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        scripted.requests = 0

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def scripted():
    made = []

    def make(answer):
        server = Scripted(answer)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()


def pending_snapshot():
    return sorted(PortalEvent.objects.values_list("event_id", "state", "delivered_at"))


@pytest.mark.parametrize(
    "status, body, error",
    [
        (200, b"{not json", "HTTP 200"),
        (200, b'["a list"]', "HTTP 200"),
        (200, json.dumps({"error_code": "0", "results": "none"}).encode(), "no results"),
        (200, json.dumps({"error_code": "-7", "message": "lạ"}).encode(), "error_code -7"),
    ],
)
def test_a_malformed_push_answer_delivers_nothing_and_is_logged(world, scripted, caplog, status, body, error):
    changed_dossiers(world, 1)
    before = pending_snapshot()
    portal = scripted(lambda method, path, sent: (status, body))
    with caplog.at_level(logging.WARNING, logger="motcua.nationalportal"):
        outcome = delivery.deliver_batch(Client(portal.url))
    assert outcome.unavailable and outcome.delivered == 0
    assert pending_snapshot() == before  # still pending, nothing delivered
    for event in PortalEvent.objects.all():  # the dossier's three changes
        assert event.attempts == 1 and error in event.last_error
    assert "national portal unavailable" in caplog.text


def test_an_oversized_answer_is_refused_unread(world, scripted, caplog, monkeypatch):
    monkeypatch.setattr(client_module, "MAX_ANSWER", 64 * 1024)
    changed_dossiers(world, 1)
    huge = json.dumps({"error_code": "0", "results": [], "padding": "x" * 200_000}).encode()
    portal = scripted(lambda method, path, sent: (200, huge))
    with caplog.at_level(logging.WARNING, logger="motcua.nationalportal"):
        outcome = delivery.deliver_batch(Client(portal.url))
    assert outcome.unavailable and not PortalEvent.objects.filter(state=EventState.DELIVERED).exists()
    assert "answer over 65536 bytes refused" in caplog.text


def test_an_unknown_item_code_is_a_refusal_not_a_delivery(world, scripted):
    changed_dossiers(world, 1)

    def answer(method, path, sent):
        ids = [x["IdSuKien"] for x in json.loads(sent)["data"]]
        results = [{"IdSuKien": i, "error_code": "999", "message": "mã lạ"} for i in ids]
        results.append({"IdSuKien": "not-ours", "error_code": "0"})  # an answer for nothing we sent
        return 200, json.dumps({"error_code": "0", "results": results}).encode()

    outcome = delivery.deliver_batch(Client(scripted(answer).url))
    assert (outcome.delivered, outcome.rejected) == (0, 3)
    for event in PortalEvent.objects.all():
        assert (
            event.state == EventState.PENDING and event.rejections == 1 and event.last_error.startswith("999")
        )
        assert event.next_attempt_at is not None  # waits out its backoff


def test_malformed_pulled_items_are_parked_with_a_reason_and_the_good_one_received(world, scripted, caplog):
    items = [
        {**item("G22-0101"), "Id": 1},
        {**item("G22-0102", ChuHoSo=["không", "phải", "đối tượng"]), "Id": 2},
        {**item("G22-0103", ChuHoSo={**item("x")["ChuHoSo"], "NgaySinh": "abcdefgh"}), "Id": "ba"},
        {"Id": 4, "MaHoSoCong": {"lồng": "nhau"}},  # no usable code: ignored, logged
        "không phải đối tượng",
    ]
    pages = iter(
        [{"error_code": "0", "data": items, "cursor": 4}, {"error_code": "0", "data": [], "cursor": 4}]
    )
    portal = scripted(lambda method, path, sent: (200, json.dumps(next(pages)).encode()))
    before = Dossier.objects.count()
    with override_settings(MOTCUA_PORTAL_PROVINCE="01"), caplog.at_level(logging.WARNING):
        assert inbound.pull(Client(portal.url)) == {"fetched": 3, "received": 1, "parked": 2}
    assert Dossier.objects.count() == before + 1
    reasons = dict(InboundDossier.objects.filter(state="parked").values_list("portal_code", "reason"))
    assert reasons == {
        "G22-0102": "Dữ liệu hồ sơ từ Cổng không đúng định dạng (AttributeError).",
        "G22-0103": "Dữ liệu hồ sơ từ Cổng không đúng định dạng (ValueError).",
    }
    assert "2 items without a usable MaHoSoCong ignored" in caplog.text
    assert "G22-0102 parked" in caplog.text


@pytest.mark.parametrize(
    "body",
    ["<html>Bảo trì</html>".encode(), json.dumps({"error_code": "0", "data": {"a": 1}}).encode()],
)
def test_a_malformed_pull_answer_takes_nothing(world, scripted, caplog, body):
    portal = scripted(lambda method, path, sent: (200, body))
    before = Dossier.objects.count()
    with override_settings(MOTCUA_PORTAL_PROVINCE="01"), caplog.at_level(logging.WARNING):
        try:
            counts = inbound.pull(Client(portal.url))
        except PortalUnavailable as exc:
            assert "HTTP 200" in str(exc)
        else:
            assert counts == {"fetched": 0, "received": 0, "parked": 0}
    assert Dossier.objects.count() == before and not InboundDossier.objects.exists()
    assert "national portal" in caplog.text
