"""Simulation fixtures: the real reference data of Hà Nội (the administrative map, the demo
organisation, the national catalog adopted by the city) loaded once for this package, outside any test
transaction, and removed when the package is done (rows newer than a snapshot of each table's last
id). Each test runs in a transaction rolled back afterwards."""

import pytest
from django.core.management import call_command
from django.db import transaction

from tests import snapshots

TOUCHED_APPS = (
    "simulation",
    "documents",
    "dossiers",
    "search",
    "catalog",
    "calendar",
    "org",
    "units",
    "accounts",
    "notifications",
    "webhooks",
    "nationalportal",
)


@pytest.fixture(scope="package")
def reference_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = snapshots.last_ids(TOUCHED_APPS)
        for step in (
            ("units", "load"),
            ("org", "demo", "--force"),
            ("catalog", "import"),
            ("catalog", "adopt", "--province", "01"),
        ):
            call_command(*step, stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.delete_newer(before)


@pytest.fixture
def hanoi(reference_data, db):
    return "01"


@pytest.fixture
def haiphong(reference_data, db):
    """Hải Phòng, the two-tier model (a provincial center and a center in each commune), adopted within
    the test's transaction."""
    call_command("catalog", "adopt", "--province", "31", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return "31"
