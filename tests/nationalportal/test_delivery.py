"""Pushing dossier status changes to the portal simulator (a real process) through faults."""

import json
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.nationalportal import delivery
from motcua.nationalportal.client import Client
from motcua.nationalportal.models import EventState, PortalEvent

from .conftest import changed_dossiers


@pytest.fixture
def fast_backoff(settings):
    settings.MOTCUA_PORTAL_BACKOFF_BASE = 0.05
    settings.MOTCUA_PORTAL_BACKOFF_CAP = 0.4


def assert_exactly_once_in_order(lines, events):
    accepted = [line for line in lines if not line["duplicate"]]
    assert sorted(line["event_id"] for line in accepted) == sorted(e.event_id for e in events)
    per_dossier = defaultdict(list)
    for line in accepted:
        per_dossier[line["dossier_code"]].append(line["sequence"])
    expected = defaultdict(list)
    for e in sorted(events, key=lambda e: (e.dossier_code, e.sequence)):
        expected[e.dossier_code].append(e.sequence)
    assert dict(per_dossier) == dict(expected)


def test_status_changes_are_captured_with_the_contract_fields(world):
    dossiers = changed_dossiers(world, 3)
    events = list(PortalEvent.objects.order_by("dossier_code", "sequence"))
    # Dossiers 0 and 2: received, assigned, stopped; dossier 1: received.
    assert [(e.dossier_code, e.sequence) for e in events] == sorted(
        [(dossiers[0].code, v) for v in (1, 2, 3)]
        + [(dossiers[1].code, 1)]
        + [(dossiers[2].code, v) for v in (1, 2, 3)]
    )
    assert {e.state for e in events} == {EventState.PENDING}
    first = events[0]
    assert first.payload["procedure_code"] == "9.100001"
    assert first.payload["agency_code"] == dossiers[0].agency.code
    assert first.payload["channel_code"] == 1
    records = delivery._records([first])
    assert records[0]["ChuHoSo"] == "Nguyễn Văn An" and records[0]["MaDoiTuong"] == "001090012345"
    assert records[0]["NgayTiepNhan"] == "20260302090000"


def test_sync_through_failures_and_an_outage_delivers_each_event_once_in_order(
    world, start_portal, fast_backoff, settings
):
    changed_dossiers(world, 6)
    events = list(PortalEvent.objects.all())
    portal = start_portal(fail_rate=0.4, down_for=1.0, seed=7)
    settings.MOTCUA_PORTAL_URL = portal.url
    out = StringIO()
    call_command("portal", "sync", "--until-empty", "--batch", "4", stdout=out)
    assert out.getvalue().splitlines()[-1] == f"events {len(events)} delivered {len(events)} pending 0 dead 0"
    lines = portal.lines()
    assert_exactly_once_in_order(lines, events)
    # The injected lost acknowledgements were resent and recognised by their event id.
    assert any(line["duplicate"] for line in lines)
    assert PortalEvent.objects.filter(attempts__gt=1).exists()  # the outage made every first send fail


def test_a_refused_event_blocks_its_dossier_then_goes_dead_and_an_operator_skips_it(
    world, start_portal, fast_backoff, settings
):
    dossiers = changed_dossiers(world, 3)
    settings.MOTCUA_PORTAL_MAX_TRIES = 2
    bad = PortalEvent.objects.get(dossier_code=dossiers[0].code, sequence=2)
    bad.payload["agency_code"] = "not-a-code"  # what the portal must refuse (102 MaCoQuan)
    bad.save()
    portal = start_portal()
    client = Client(portal.url)
    delivery.sync(until_empty=True, client=client)
    bad.refresh_from_db()
    assert bad.state == EventState.DEAD and bad.rejections == 2 and bad.last_error.startswith("102 MaCoQuan")
    later = PortalEvent.objects.get(dossier_code=dossiers[0].code, sequence=3)
    assert later.state == EventState.PENDING  # held behind the dead one: order kept
    sent = {line["event_id"] for line in portal.lines()}
    assert later.event_id not in sent and bad.event_id not in sent
    assert PortalEvent.objects.exclude(dossier_code=dossiers[0].code).filter(state="delivered").count() == 4

    out = StringIO()
    call_command("portal", "status", stdout=out)
    assert out.getvalue().splitlines()[-1] == "events 7 delivered 5 pending 1 dead 1"


def test_the_simulator_refuses_malformed_requests_with_contract_codes(start_portal):
    import requests

    portal = start_portal()
    url = portal.url + "/api/v1/dongbohoso"
    answer = requests.post(url, data=b"{not json", timeout=5)
    assert answer.status_code == 400 and answer.json()["error_code"] == "-1"
    answer = requests.post(url, json={"service": "Other", "data": []}, timeout=5)
    assert answer.json()["error_code"] == "-1"
    item = {"IdSuKien": "e1", "MaHoSo": "000.00.12.H26-260302-0001", "ThuTu": 1, "MaTTHC": "1.001776",
            "MaCoQuan": "000.00.12.H26", "TrangThaiHoSo": 11, "KenhThucHien": 1, "ThoiDiem": "20260302090000",
            "ChuHoSo": "Nguyễn Văn An", "LoaiDoiTuong": 1}  # fmt: skip
    answer = requests.post(url, json={"service": "DongBoHoSoMC", "data": [item]}, timeout=5).json()
    assert answer["results"][0] == {"IdSuKien": "e1", "error_code": "102", "field": "TrangThaiHoSo",
                                    "message": "TrangThaiHoSo refused"}  # fmt: skip
    del item["ChuHoSo"]
    answer = requests.post(
        url, json={"service": "DongBoHoSoMC", "data": [{**item, "TrangThaiHoSo": 2}]}, timeout=5
    )
    assert answer.json()["results"][0]["error_code"] == "101"
    big = json.dumps({"service": "DongBoHoSoMC", "data": ["x" * 1024] * 2100}).encode()
    answer = requests.post(url, data=big, timeout=5)
    assert answer.status_code == 413 and answer.json()["error_code"] == "-2"
    assert portal.lines() == []  # nothing accepted


def test_a_committed_change_is_delivered_through_the_kick(
    world, start_portal, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Reception commits → the outbox publishes (eager here) → capture → the sync task, kicked after commit."""
    from motcua.nationalportal import capture

    from .conftest import receive

    monkeypatch.setattr(capture, "_kicked_at", float("-inf"))
    portal = start_portal()
    settings.MOTCUA_PORTAL_URL = portal.url
    with django_capture_on_commit_callbacks(execute=True):
        dossier = receive(world)
    event = PortalEvent.objects.get(dossier_code=dossier.code)
    assert event.state == EventState.DELIVERED
    assert [(line["dossier_code"], line["status"], line["sequence"]) for line in portal.lines()] == [
        (dossier.code, 2, 1)
    ]
