"""The Prometheus endpoint: the queues' gauges read from the database, and the token that guards it."""

import re

import pytest

from motcua.notifications.models import Delivery, Status

from .conftest import receive

pytestmark = pytest.mark.django_db


def value(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", text, re.MULTILINE)
    assert match, f"{name} not in the metrics"
    return float(match.group(1))


def test_the_outbox_depth_and_dead_letters_are_exported(world, client, settings):
    settings.MOTCUA_METRICS_TOKEN = ""
    before = value(client.get("/metrics").content.decode(), "motcua_outbox_depth")
    dossier = receive(world)
    Delivery.objects.create(
        event_id=1,
        kind="received",
        channel="sms",
        dossier=dossier,
        recipient="0912345678",
        body="x",
        status=Status.DEAD,
    )
    text = client.get("/metrics").content.decode()
    assert value(text, "motcua_outbox_depth") == before + 1
    assert value(text, "motcua_outbox_lag_seconds") >= 0
    assert value(text, 'motcua_dead_letters{queue="notifications"}') == 1
    assert "django_http_requests" in text or "python_info" in text  # the library's own metrics


def test_the_token_guards_the_endpoint(client, settings):
    settings.MOTCUA_METRICS_TOKEN = "bi-mat"  # noqa: S105
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer sai"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer bi-mat"}).status_code == 200
