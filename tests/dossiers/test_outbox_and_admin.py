"""Outbox delivery (batches, failures, order per dossier) and the read-only Vietnamese admin."""

import io

import pytest
from django.core.management import call_command

from motcua.dossiers import outbox, services
from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.dossiers.tasks import publish_outbox

from .conftest import receive
from .factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered():
    seen = []
    outbox.subscribe(seen.append)
    yield seen
    outbox.unsubscribe(seen.append)


def test_events_are_delivered_in_batches_and_marked(world, delivered):
    for hour in range(3):
        receive(world, when=f"2026-03-02 {hour + 8:02d}:00")
    assert OutboxMessage.objects.filter(published_at__isnull=True).count() == 3
    assert outbox.publish_batch(batch_size=2) == (2, 2)
    assert publish_outbox.delay(batch_size=2).get() == 1  # eager without a broker
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()
    assert [m.payload["code"] for m in delivered] == [d.code for d in Dossier.objects.order_by("id")]
    assert outbox.publish_pending() == 0


def test_a_failing_subscriber_keeps_the_event_and_the_dossiers_later_events(world):
    first = receive(world)
    services.assign(
        first, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    other = receive(world, when="2026-03-02 11:00")

    def flaky(message):
        if message.key == first.code:
            raise ConnectionError("portal down for 001090012345")

    outbox.subscribe(flaky)
    try:
        assert outbox.publish_pending() == 1
    finally:
        outbox.unsubscribe(flaky)
    pending = OutboxMessage.objects.filter(published_at__isnull=True).order_by("id")
    assert [m.payload["action"] for m in pending] == ["receive", "assign"]
    assert pending[0].attempts == 1 and "001090012345" not in pending[0].last_error
    assert pending[1].attempts == 0  # not tried: it must not overtake the failed one
    assert OutboxMessage.objects.get(key=other.code).published_at is not None
    out = io.StringIO()
    call_command("dossiers", "publish-outbox", stdout=out)
    assert "2" in out.getvalue() and not OutboxMessage.objects.filter(published_at__isnull=True).exists()


def test_the_admin_shows_a_dossier_and_its_tracking_sheet_read_only(world, admin_client):
    dossier = receive(world)
    listing = admin_client.get("/admin/dossiers/dossier/")
    assert listing.status_code == 200 and dossier.code in listing.content.decode()
    page = admin_client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        "Phiếu kiểm soát quá trình giải quyết (mẫu 06)" in html
        or "phiếu kiểm soát quá trình giải quyết (mẫu 06)" in html
    )
    assert "001090012345" not in html and "*********345" in html
    assert 'name="_save"' not in html
    assert admin_client.post(f"/admin/dossiers/dossier/{dossier.pk}/change/", {}).status_code == 403
    assert admin_client.get("/admin/dossiers/dossier/add/").status_code == 403
    assert admin_client.get("/admin/dossiers/processingsetting/add/").status_code == 200
    assert admin_client.get("/admin/dossiers/outboxmessage/").status_code == 200
    assert admin_client.get("/admin/dossiers/counterslip/").status_code == 200
