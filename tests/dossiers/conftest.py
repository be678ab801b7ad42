"""Dossier fixtures.

The small Hà Nội of factories.World is built once for this package, outside any test transaction, and
removed when the package is done (rows newer than a snapshot of each table's last id), so other apps'
tests never see it; each test runs in a transaction rolled back afterwards. Transactional tests
(concurrency) build their own world: the database is flushed after each of them.
"""

import pytest
from django.db import transaction

from motcua.dossiers import services
from motcua.org.models import Agency
from motcua.org.services import ensure_roles
from tests import snapshots

from .factories import World, at, person

# Every app whose rows the world creates, directly or through on-commit hooks (publishing a version
# indexes it for search; publishing the outbox plans notifications).
TOUCHED_APPS = (
    "documents", "dossiers", "search", "catalog", "calendar", "org", "units", "accounts", "notifications", "webhooks",
    "nationalportal",
)  # fmt: skip


@pytest.fixture(scope="package")
def committed_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = snapshots.last_ids(TOUCHED_APPS)
        with transaction.atomic():
            ensure_roles()
            built = World()
    yield built
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.delete_newer(before)


@pytest.fixture
def world(committed_world, db):
    if Agency.objects.filter(pk=committed_world.committee_soc_son.pk).exists():
        return committed_world
    ensure_roles()  # a transactional test flushed the database: build it again inside this test
    return World()


def receive(world, proc=None, *, officer=None, place=None, when="2026-03-02 09:00", case_index=0, **kwargs):
    """A complete dossier received at Ba Đình's point (by default: the birth procedure, living in Sóc Sơn)."""
    proc = proc or world.birth
    return services.receive_at_counter(
        officer=officer or world.officer,
        place=place or world.point_ba_dinh,
        procedure=proc,
        case=world.case(proc, case_index),
        provided=kwargs.pop("provided", world.documents(proc, case_index)),
        applicant=kwargs.pop("applicant", person()),
        at=at(when),
        **kwargs,
    )
