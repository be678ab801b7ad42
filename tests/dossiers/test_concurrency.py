"""Real concurrency: threads, each with its own database connection, committing for real.

Two actions on one dossier with the same version: one succeeds, the other gets "stale_write".
Two counters receiving at the same moment get distinct, consecutive codes; two retries with one
idempotency key create one dossier. Runs on SQLite (IMMEDIATE transactions queue the writers) and on
PostgreSQL (row locks), as CI does.
"""

import threading

import pytest
from django.db import connections

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, TrackingEntry
from motcua.org.models import Agency
from motcua.org.services import ensure_roles

from .conftest import receive
from .factories import World, at, person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_world(committed_world, transactional_db):
    """The package's world while it exists; the database is flushed after each of these tests."""
    if Agency.objects.filter(pk=committed_world.committee_soc_son.pk).exists():
        return committed_world
    ensure_roles()
    return World()


def together(*calls):
    """Run the calls at the same moment, one thread (and one connection) each; results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_actions_on_one_dossier_give_one_success_and_one_conflict(live_world):
    w = live_world
    dossier = receive(w)
    results = together(
        lambda: services.assign(dossier.pk, actor=w.leader, version=1, assignee=w.specialist),
        lambda: services.stop(dossier.pk, actor=w.leader, version=1, reason="Dừng"),
    )
    successes = [r for r in results if isinstance(r, Dossier)]
    conflicts = [r for r in results if isinstance(r, DomainError) and r.code == "stale_write"]
    assert len(successes) == 1 and len(conflicts) == 1, results
    final = Dossier.objects.get(pk=dossier.pk)
    assert final.version == 2 and final.status == successes[0].status
    assert TrackingEntry.objects.filter(dossier=final).count() == 2


def test_two_counters_receiving_at_the_same_second_get_distinct_codes(live_world):
    w = live_world

    def at_counter(counter, officer):
        return lambda: receive(w, officer=officer, counter=counter, when="2026-03-02 09:00")

    results = together(at_counter(w.counter1, w.officer), at_counter(w.counter2, w.officer2))
    assert all(isinstance(r, Dossier) for r in results), results
    assert sorted(r.code for r in results) == ["000.00.12.H26-260302-0001", "000.00.12.H26-260302-0002"]


def test_two_retries_with_one_key_create_one_dossier(live_world):
    w = live_world

    def attempt():
        return services.receive_at_counter(
            officer=w.officer,
            place=w.point_ba_dinh,
            procedure=w.birth,
            case=w.case(w.birth),
            provided=w.documents(w.birth),
            applicant=person(),
            idempotency_key="retry-1",
            at=at("2026-03-02 09:00"),
        )

    results = together(attempt, attempt)
    assert all(isinstance(r, Dossier) for r in results), results
    assert results[0].pk == results[1].pk and Dossier.objects.count() == 1
