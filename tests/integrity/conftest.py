"""The dossiers package's small Hà Nội, built once for this package (see tests/dossiers/conftest.py)."""

import pytest
from django.db import transaction

from motcua.org.services import ensure_roles
from tests import snapshots
from tests.dossiers.conftest import TOUCHED_APPS
from tests.dossiers.factories import World

APPS = (*TOUCHED_APPS, "integrity", "queueing")


@pytest.fixture(scope="package")
def committed_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = snapshots.last_ids(APPS)
        with transaction.atomic():
            ensure_roles()
            built = World()
    yield built
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.delete_newer(before)


@pytest.fixture
def world(committed_world, db):
    return committed_world
