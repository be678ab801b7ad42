"""The operator's status callbacks: signed, and duplicate or out-of-order callbacks never corrupt the
status; every callback is audited. The simulator plays the operator, faults injected."""

import json
import time
from datetime import timedelta

import pytest

from motcua.dossiers.models import Dossier
from motcua.postal import services
from motcua.postal.models import Shipment, ShipmentEvent
from motcua.postal.operator import simulator
from motcua.postal.operator.signing import signature
from tests.dossiers.factories import at

from .conftest import SECRET

pytestmark = pytest.mark.django_db
URL = "/api/v1/postal/callbacks"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = SECRET


@pytest.fixture
def handed_over(world, agent, ready):
    def make(count=1):
        batch = services.prepare_results(
            officer=world.officer,
            place=world.point_ba_dinh,
            dossiers=[ready() for _ in range(count)],
            at=at("2026-03-04 08:00"),
        )
        services.sign(batch, user=world.officer, at=at("2026-03-04 08:00"))
        services.sign(batch, user=agent, at=at("2026-03-04 08:05"))
        return list(batch.items.order_by("pk"))

    return make


def poster(client):
    def post(url, body, headers):
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if k != "Content-Type"}
        response = client.post(url, body, content_type="application/json", **extra)
        return response.status_code, response.json()

    return post


def send(client, payload: dict, *, secret=SECRET, stamp=None):
    body = json.dumps(payload).encode()
    stamp = str(int(stamp if stamp is not None else time.time()))
    return client.post(
        URL,
        body,
        content_type="application/json",
        HTTP_X_POSTAL_TIMESTAMP=stamp,
        HTTP_X_POSTAL_SIGNATURE=signature(secret, stamp, body),
    )


def event(item, status, when, event_id, **extra):
    return {
        "event_id": event_id,
        "item_code": item.code,
        "status": status,
        "occurred_at": at(when).isoformat(),
        **extra,
    }


def test_in_order_callbacks_deliver_and_return_the_result(client, handed_over):
    (item,) = handed_over()
    first = send(client, event(item, "in_transit", "2026-03-04 09:00", "e1", tracking_number="EB123456789VN"))
    assert first.status_code == 200 and first.json() == {
        "outcome": "applied",
        "status": "in_transit",
        "reason": "",
    }
    assert send(client, event(item, "delivered", "2026-03-04 11:00", "e2")).json()["status"] == "delivered"
    item.refresh_from_db()
    assert item.tracking_number == "EB123456789VN"
    assert Dossier.objects.get(pk=item.dossier_id).status == "returned"


def test_duplicates_and_late_callbacks_are_recorded_and_change_nothing(client, handed_over):
    (item,) = handed_over()
    send(client, event(item, "in_transit", "2026-03-04 09:00", "e1"))
    send(client, event(item, "failed", "2026-03-04 10:00", "e2", reason="Vắng nhà"))
    assert (
        send(client, event(item, "failed", "2026-03-04 10:00", "e2", reason="Vắng nhà")).json()["outcome"]
        == "duplicate"
    )
    late = send(client, event(item, "in_transit", "2026-03-04 09:00", "e1-late"))
    assert late.json() == {"outcome": "stale", "status": "failed", "reason": "older_than_current"}
    send(client, event(item, "delivered", "2026-03-05 09:00", "e3"))
    after = send(client, event(item, "failed", "2026-03-05 10:00", "e4", reason="?"))
    assert after.json() == {"outcome": "rejected", "status": "delivered", "reason": "final"}
    again = send(client, event(item, "delivered", "2026-03-05 09:00", "e3"))
    assert again.json()["outcome"] == "duplicate"
    dossier = Dossier.objects.get(pk=item.dossier_id)
    assert dossier.status == "returned" and dossier.tracking.filter(action="return_result").count() == 1
    outcomes = list(
        ShipmentEvent.objects.filter(shipment=item, source="operator").values_list("external_id", "outcome")
    )
    assert outcomes == [
        ("e1", "applied"),
        ("e2", "applied"),
        ("e2", "duplicate"),
        ("e1-late", "stale"),
        ("e3", "applied"),
        ("e4", "rejected"),
        ("e3", "duplicate"),
    ]


def test_the_simulator_with_duplicates_and_shuffled_order_gives_the_true_story(client, handed_over):
    items = handed_over(count=4)
    faults = simulator.Faults(duplicates=0.5, shuffle=True, failed_attempt=0.5, returned=0.25, seed=7)
    events = simulator.callbacks(
        [(i.code, i.kind) for i in items], start=at("2026-03-04 09:00"), faults=faults
    )
    answers = simulator.send(events, URL, SECRET, faults=faults, post=poster(client))
    assert all(status == 200 for status, _ in answers)
    assert {a["outcome"] for _, a in answers} >= {"applied", "duplicate"}
    truth = {}
    for e in sorted(set(events), key=lambda e: e.occurred_at):
        truth[e.item_code] = e.status
    now = dict(Shipment.objects.filter(pk__in=[i.pk for i in items]).values_list("code", "status"))
    assert now == truth
    assert ShipmentEvent.objects.filter(shipment__in=items, source="operator").count() == len(events)
    for item in Shipment.objects.filter(pk__in=[i.pk for i in items]):
        dossier = Dossier.objects.get(pk=item.dossier_id)
        assert (dossier.status == "returned") == (item.status == "delivered")


def test_bad_signatures_old_timestamps_and_bad_bodies_are_refused(client, handed_over, settings):
    (item,) = handed_over()
    payload = event(item, "in_transit", "2026-03-04 09:00", "e1")
    wrong = send(client, payload, secret="not-the-secret")
    assert wrong.status_code == 401 and wrong.json()["code"] == "postal.bad_signature"
    old = send(client, payload, stamp=time.time() - 3600)
    assert old.status_code == 401
    bad = send(client, {**payload, "status": "teleported"})
    assert bad.status_code == 400 and bad.json()["code"] == "postal.invalid_input"
    unknown = send(client, {**payload, "item_code": "BGNOTHING"})
    assert unknown.status_code == 404 and unknown.json()["code"] == "postal.not_found"
    assert Shipment.objects.get(pk=item.pk).status == "handed_over"
    assert not ShipmentEvent.objects.filter(source="operator").exists()
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = ""
    assert send(client, payload).status_code == 503


def test_the_simulator_story_is_chronological(world):
    story = simulator.story(
        "BGX", "result", at("2026-03-04 09:00"), __import__("random").Random(1), simulator.Faults()
    )
    assert [e.status for e in story] == ["in_transit", "delivered"]
    assert story[1].occurred_at - story[0].occurred_at == timedelta(minutes=30)


def test_the_command_checks_the_connection_and_plays_a_record(handed_over, live_server, settings):
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("postal", "check", stdout=out)
    assert "Doanh nghiệp bưu chính simulator: được" in out.getvalue()
    assert "Nhận trạng thái bưu gửi: được" in out.getvalue()
    settings.MOTCUA_POSTAL_OPERATOR, settings.MOTCUA_POSTAL_OPERATOR_URL = "http", "http://127.0.0.1:9/"
    with pytest.raises(CommandError):
        call_command("postal", "check", stdout=io.StringIO())
    settings.MOTCUA_POSTAL_OPERATOR = "simulator"
    (item,) = handed_over()
    out = io.StringIO()
    call_command(
        "postal",
        "simulate",
        item.batch.code,
        "--url",
        live_server.url + URL,
        "--duplicates",
        "1",
        "--shuffle",
        "--seed",
        "3",
        stdout=out,
    )
    assert out.getvalue().count(" 200 ") == 4  # two events, each sent twice
    assert Shipment.objects.get(pk=item.pk).status == "delivered"


def test_the_operator_sends_a_collection_order_once(client, world, agent):
    order = {
        "order_id": "VNP-2026-000123",
        "place_code": world.point_ba_dinh.code,
        "name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "address": "Số 5 Đội Cấn",
        "commune_code": "00004",
        "procedure_code": "9.100001",
    }

    def post(payload):
        body = json.dumps(payload).encode()
        stamp = str(int(time.time()))
        return client.post(
            "/api/v1/postal/pickups",
            body,
            content_type="application/json",
            HTTP_X_POSTAL_TIMESTAMP=stamp,
            HTTP_X_POSTAL_SIGNATURE=signature(SECRET, stamp, body),
        )

    first = post(order)
    assert first.status_code == 201 and first.json()["status"] == "requested"
    assert post(order).json()["item_code"] == first.json()["item_code"]  # a retry creates nothing
    item = Shipment.objects.get(order_ref="VNP-2026-000123")
    assert (item.full_address, item.phone, item.procedure.code) == (
        "Số 5 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội",
        "0912345678",
        "9.100001",
    )
    from motcua.postal import selectors

    assert item in selectors.pickups_to_collect(agent)
    bad = post({**order, "order_id": "VNP-2", "commune_code": "99999", "phone": "1"})
    assert bad.status_code == 400 and set(bad.json()["details"]["fields"]) == {"commune", "phone"}
    assert post({**order, "order_id": "VNP-3", "place_code": "nowhere"}).status_code == 404
