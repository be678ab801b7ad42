"""The queue counts add up per disjoint part of the access rule (ADR 0018): they must equal, for every
user, the count of each queue's own list condition over what the user sees (one query, as before)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers import access, services
from motcua.dossiers.models import Dossier
from motcua.workspace import selectors
from tests.dossiers.factories import at, person

from .conftest import receive
from .test_pages import _in_progress, _late, _soon, _today, _waiting_supplement

pytestmark = pytest.mark.django_db


def _expected(user, m) -> dict[str, int]:
    seen = access.visible_dossiers(user, materialise=True).filter(status__in=selectors.QUEUED_STATES)
    return {q.slug: seen.filter(selectors.queue_condition(q.slug, m, user)).count() for q in selectors.QUEUES}


def _fresh(user):
    return type(user).objects.get(pk=user.pk)  # no per-request cache of the rule


def _every_queue(world):
    _late(world), _today(world), _soon(world), _waiting_supplement(world)
    ready = _in_progress(world, receive(world, when="2026-03-02 09:00"))
    ready = services.approve(ready, actor=world.leader, version=ready.version, at=at("2026-03-03 09:00"))
    services.issue_result(
        ready, actor=world.leader, version=ready.version, title="Giấy khai sinh", e_copy_ref="kho:1",
        at=at("2026-03-03 10:00"),
    )  # fmt: skip
    back = services.request_supplement(
        _in_progress(world, receive(world, when="2026-03-02 09:40")),
        actor=world.specialist, version=2, items=["Bản sao"], reason="Thiếu", at=at("2026-03-02 11:00"),
    )  # fmt: skip
    services.receive_supplement(back, actor=world.officer, version=back.version, at=at("2026-03-03 09:00"))
    receive(world, officer=world.officer_soc_son, place=world.point_soc_son, when="2026-03-03 09:00")
    # A staff account that also filed a dossier online as a citizen: it sees its own dossier too.
    return services.submit_online(
        user=world.officer, procedure=world.birth, province=world.province, case=world.case(world.birth, 0),
        provided=world.documents(world.birth, 0), applicant=person(), at=at("2026-03-03 14:00"),
    )  # fmt: skip


def test_counts_per_disjoint_part_equal_each_queues_count_for_every_user(world, now, stranger):
    owned = _every_queue(world)
    m = selectors.moments(selectors.work_calendar("01"), now)
    users = (world.officer, world.officer_soc_son, world.specialist, world.leader, world.supervisor, stranger)
    found = {}
    for user in users:
        with CaptureQueriesContext(connection) as queries:
            counts = selectors.queue_counts(_fresh(user), m)
        expected = _expected(_fresh(user), m)
        assert counts == expected, user
        found[user.username] = counts
        rule = [q for q in queries if "UNION" in q["sql"]]
        assert len(rule) == 1  # one query for every count, whatever the parts
    supervisor = found[world.supervisor.username]
    assert supervisor["tra-ve-cho-toi"] >= 1 and supervisor["cho-bo-sung"] >= 1 and supervisor["qua-han"] >= 1
    assert found[world.specialist.username]["tra-ve-cho-toi"] >= 2  # a result to hand back, a supplement back
    # The parts are disjoint and cover the rule: each visible dossier is in exactly one.
    for user in users:
        parts = access.disjoint(access.rule_parts(_fresh(user)))
        per_part = [Dossier.objects.filter(p).count() for p in parts]
        assert sum(per_part) == access.visible_dossiers(_fresh(user), materialise=True).count()
    officer_parts = access.disjoint(access.rule_parts(_fresh(world.officer)))
    assert [Dossier.objects.filter(p, pk=owned.pk).exists() for p in officer_parts][-1]  # only as its owner
    assert found[world.officer.username]["cho-tiep-nhan"] == 1


def test_each_list_is_its_queue_s_condition_in_due_order_each_dossier_once(world, now, stranger):
    _every_queue(world)
    # The Sóc Sơn officer's own online dossier waits at their own point: their place and their account.
    services.submit_online(
        user=world.officer_soc_son, procedure=world.birth, province=world.province,
        case=world.case(world.birth, 0), provided=world.documents(world.birth, 0), applicant=person(),
        at=at("2026-03-03 15:00"),
    )  # fmt: skip
    m = selectors.moments(selectors.work_calendar("01"), now)
    users = (world.officer, world.officer_soc_son, world.specialist, world.leader, world.supervisor, stranger)
    listed = 0
    for user in users:
        seen = access.visible_dossiers(_fresh(user), materialise=True).filter(
            status__in=selectors.QUEUED_STATES
        )
        for q in selectors.QUEUES:
            expected = seen.filter(selectors.queue_condition(q.slug, m, user)).order_by(q.order, "id")
            for limit in (50, 1):
                got = [d.code for d in selectors.queue_list(_fresh(user), q.slug, m, limit=limit)]
                assert got == list(expected.values_list("code", flat=True)[:limit]), (user, q.slug, limit)
            listed += len(got)
    assert listed >= 10
    # Some listed dossier meets two parts of its user's rule (its place and its owner), so each list
    # above proves that such a dossier comes once.
    twice = 0
    for user in users:
        parts = access.rule_parts(_fresh(user))
        for d in Dossier.objects.filter(status__in=selectors.QUEUED_STATES):
            twice += sum(Dossier.objects.filter(p, pk=d.pk).exists() for p in parts) > 1
    assert twice >= 1
