"""Dossier fixtures.

The small Hà Nội of factories.World is built once for this package, outside any test transaction, and
removed when the package is done (rows newer than a snapshot of each table's last id), so other apps'
tests never see it; each test runs in a transaction rolled back afterwards. Transactional tests
(concurrency) build their own world: the database is flushed after each of them.
"""

import pytest
from django.apps import apps
from django.db import connection, transaction

from motcua.dossiers import services
from motcua.org.models import Agency
from motcua.org.services import ensure_roles

from .factories import World, at, person

# Every app whose rows the world creates, directly or through on-commit hooks (publishing a version
# indexes it for search).
TOUCHED_APPS = ("documents", "dossiers", "search", "catalog", "calendar", "org", "units", "accounts")


def _last_ids() -> dict:
    found = {}
    for model in (m for label in TOUCHED_APPS for m in apps.get_app_config(label).get_models()):
        if (
            model._meta.proxy
            or not model._meta.managed
            or not model._meta.pk.get_internal_type().endswith("AutoField")
        ):
            continue  # sessions (keyed by text) are made inside tests, rolled back with them
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        found[model] = last or 0
    return found


@pytest.fixture(scope="package")
def committed_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = _last_ids()
        with transaction.atomic():
            ensure_roles()
            built = World()
    yield built
    with django_db_blocker.unblock(), transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys are deferred (SQLite and PostgreSQL alike): one DELETE per table, in any order.
        for model, last in before.items():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [last])  # noqa: S608 (names from models)


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
