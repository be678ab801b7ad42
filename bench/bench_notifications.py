"""What the notifications and webhooks subscribers add to publishing the outbox, and how fast their
planning tasks go (the sending runs in its own tasks, not measured). N counter receptions are published
twice — with the subscribers, then the same events again without them — then planned.

    BENCH_N=400 PYTHONPATH=src:. .venv/bin/pytest bench/bench_notifications.py -q -s   (SQLite by default;
    DATABASE_URL=postgres://… for PostgreSQL)
"""

import time

import pytest
from tests.dossiers.conftest import committed_world, receive, world  # noqa: F401 - shared fixtures
from tests.dossiers.factories import person

from motcua.dossiers import outbox
from motcua.dossiers.models import OutboxMessage
from motcua.notifications import events
from motcua.webhooks import services as webhooks
from motcua.webhooks.models import Subscription

N = int(__import__("os").environ.get("BENCH_N", "400"))


@pytest.mark.django_db
def test_publishing_with_and_without_the_subscribers(world, settings):  # noqa: F811
    settings.MOTCUA_SMS_PROVIDER = "sms_http"  # planned, not sent: e-mail + SMS rows per reception
    Subscription.objects.create(name="bench", url="http://127.0.0.1:9/", topics=["dossier.*"])
    webhooks.forget_cache()
    for i in range(N):
        minute = i % 480
        receive(
            world,
            when=f"2026-03-02 {8 + minute // 60:02d}:{minute % 60:02d}",
            applicant=person(phone=f"09{i:08d}", email=f"nguoi{i}@example.vn"),
        )
    ids = list(OutboxMessage.objects.filter(published_at__isnull=True).values_list("pk", flat=True))
    import cProfile
    import os
    import pstats

    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
    started = time.perf_counter()
    if profile:
        profile.enable()
    outbox.publish_pending()
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    with_subscribers = time.perf_counter() - started

    OutboxMessage.objects.filter(pk__in=ids).update(published_at=None)
    outbox.unsubscribe(events.on_event)
    outbox.unsubscribe(webhooks.on_event)
    try:
        started = time.perf_counter()
        outbox.publish_pending()
        without = time.perf_counter() - started
    finally:
        outbox.subscribe(events.on_event)
        outbox.subscribe(webhooks.on_event)
    started = time.perf_counter()
    planned = len(events.plan_events(ids)) + len(webhooks.plan_events(ids))
    planning = time.perf_counter() - started
    print(
        f"\n{len(ids)} events published: with the notifications + webhooks subscribers "
        f"{len(ids) / with_subscribers:,.0f}/s ({with_subscribers:.2f} s), without {len(ids) / without:,.0f}/s "
        f"({without:.2f} s); planning in the tasks: {len(ids) / planning:,.0f} events/s, {planned} deliveries"
    )
