"""Each workspace page runs a fixed number of SQL queries, whatever the number of dossiers (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.outbox import publish_pending
from motcua.workspace import desks
from tests.dossiers.factories import at, person

from .conftest import receive, signed_in

pytestmark = pytest.mark.django_db

# Every queue of every desk (a slug not on the user's desk shows the desk's first queue with work).
QUEUES = sorted({q.slug for desk in desks.DESKS for q in desk.queues})


def _count(client, url, params=None) -> int:
    client.get(url, params)  # warm the per-process caches (calendar, lifecycle labels)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _dossiers(world, n: int):
    made = []
    for i in range(n):
        name = f"Nguyễn Văn Số{i}"
        made.append(receive(world, when=f"2026-02-{10 + i:02d} 09:00", applicant=person(full_name=name)))
    return made


def _pages(world, user):
    """The supervisor's table only for the supervisor: the others get a 403 (ADR 0051)."""
    table = [
        (reverse("workspace:supervisor"), {}),
        (reverse("workspace:supervisor"), {"o": f"agency:{world.committee_soc_son.pk}", "cot": "late"}),
    ]
    return [
        *[(reverse("workspace:home"), {"hang": q}) for q in QUEUES],
        (reverse("workspace:search"), {"q": "nguyen van"}),
        (reverse("workspace:search"), {"q": "0912345678"}),
        *(table if user == world.supervisor else []),
    ]


def _more(world):
    """Many more dossiers, in several queues (late, supplement, received today)."""
    made = [
        receive(world, when=f"2026-02-{16 + i:02d} 10:00", applicant=person(full_name=f"Nguyễn Văn Thêm{i}"))
        for i in range(4)
    ]
    made.append(receive(world, when="2026-03-04 08:10"))
    d = services.assign(
        made[0],
        actor=world.specialist,
        version=made[0].version,
        assignee=world.specialist,
        at=at("2026-02-20 09:00"),
    )
    services.request_supplement(
        d, actor=world.specialist, version=d.version, items=["x"], reason="y", at=at("2026-02-20 10:00")
    )


def test_lists_search_and_overview_do_not_grow_with_the_dossiers(client, world, now):
    _dossiers(world, 1)
    publish_pending()  # the supervisor's table reads the aggregates the events keep (ADR 0049)
    users = (world.officer, world.specialist, world.leader, world.supervisor)
    one, many = {}, {}
    for user in users:
        signed_in(client, user)
        one[user.pk] = {url + str(params): _count(client, url, params) for url, params in _pages(world, user)}
    _more(world)
    publish_pending()
    for user in users:
        signed_in(client, user)
        many[user.pk] = {
            url + str(params): _count(client, url, params) for url, params in _pages(world, user)
        }
    assert one == many
    # 17: the supervisor's pages read the session's second-factor device too (django-otp, ADR 0044).
    assert max(n for pages in many.values() for n in pages.values()) <= 17, many


def test_the_dossier_page_does_not_grow_with_steps_documents_and_history(client, world, now):
    small = receive(world, when="2026-03-02 09:00")
    big = receive(world, when="2026-03-02 09:10")
    big = services.record_payment(  # a fee is recorded once (ADR 0027): history grows by assignments
        big, actor=world.officer, version=big.version, amount=10_000, at=at("2026-03-02 10:00")
    )
    for when in ("2026-03-02 14:00", "2026-03-02 15:00"):
        big = services.assign(
            big, actor=world.specialist, version=big.version, assignee=world.specialist, at=at(when)
        )
    signed_in(client, world.specialist)
    assert _count(client, reverse("workspace:dossier", args=[small.code])) == _count(
        client, reverse("workspace:dossier", args=[big.code])
    )
