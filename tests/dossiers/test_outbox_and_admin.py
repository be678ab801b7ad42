"""Outbox delivery (batches, failures, order per dossier) and the read-only Vietnamese admin."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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


REDIS_DB = "redis://127.0.0.1:6379/14"


@pytest.fixture
def broker(monkeypatch):
    """A real Redis broker (db 14, emptied), as in production: tasks are sent, not run."""
    import redis

    from motcua.core import kernel

    app = publish_outbox.app
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    # The producer pools of the broker configured before stay open and come back afterwards: eager tasks
    # still take a producer from them (closing them broke every later test's eager task).
    saved_pools = (app._pool, app.amqp._producer_pool)
    app._pool, app.amqp._producer_pool = None, None

    client = redis.Redis.from_url(REDIS_DB)
    client.flushdb()
    app.conf.update(task_always_eager=False, broker_url=REDIS_DB)
    monkeypatch.setattr(kernel, "_run_asked_for", 0.0)
    yield lambda: client.llen(app.conf.task_default_queue)  # "motcua" (settings: MOTCUA_CELERY_QUEUE)
    client.flushdb()
    app.conf.update(**saved)
    if app._pool is not None:
        app._pool.force_close_all()  # the Redis one of this test
    app._pool, app.amqp._producer_pool = saved_pools


def test_a_busy_counter_asks_the_worker_once_a_second_not_once_a_reception(
    world, broker, monkeypatch, django_capture_on_commit_callbacks
):
    from motcua.core import kernel

    clock = [1000.0]
    monkeypatch.setattr(kernel.time, "monotonic", lambda: clock[0])
    with django_capture_on_commit_callbacks(execute=True):
        for minute in range(5):
            receive(world, when=f"2026-03-02 09:{minute:02d}")
    assert broker() == 1  # five events, one task with a one-second countdown reads them all
    clock[0] += 0.5
    with django_capture_on_commit_callbacks(execute=True):
        receive(world, when="2026-03-02 09:10")
    assert broker() == 1  # the run asked for has not started: it will read this event too
    clock[0] += 0.5
    with django_capture_on_commit_callbacks(execute=True):
        receive(world, when="2026-03-02 09:11")
    assert broker() == 2  # a quarter of the countdown before the run: ask for the next one
    assert OutboxMessage.objects.filter(published_at__isnull=True).count() == 7  # no worker ran


def test_delivered_events_past_the_retention_are_pruned_in_batches_and_pending_ones_kept(world, settings):
    from datetime import timedelta

    from django.conf import settings as conf
    from django.utils import timezone

    from motcua.dossiers.tasks import prune_outbox

    assert conf.CELERY_BEAT_SCHEDULE["outbox-prune"]["task"] == prune_outbox.name
    for hour in range(5):
        receive(world, when=f"2026-03-02 {hour + 8:02d}:00")
    now = timezone.now()
    messages = list(OutboxMessage.objects.order_by("id"))
    old, recent, pending = messages[:3], messages[3], messages[4]
    OutboxMessage.objects.filter(pk__in=[m.pk for m in old]).update(published_at=now - timedelta(days=91))
    OutboxMessage.objects.filter(pk=recent.pk).update(published_at=now - timedelta(days=89))
    OutboxMessage.objects.filter(pk=pending.pk).update(
        published_at=None, created_at=now - timedelta(days=400)
    )
    assert outbox.prune_published(batch_size=2, max_batches=1) == 2  # one batch of two only
    assert outbox.prune_published(batch_size=2) == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk}
    settings.MOTCUA_OUTBOX_RETENTION_DAYS = 30
    assert prune_outbox.apply().get() == 1  # the beat task, run here
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [pending.pk]
    out = io.StringIO()
    call_command("dossiers", "prune-outbox", "--days", "0", stdout=out)
    assert "0" in out.getvalue() and OutboxMessage.objects.filter(pk=pending.pk).exists()
    with pytest.raises(CommandError):
        call_command("dossiers", "prune-outbox", "--days", "-1", stdout=io.StringIO())
