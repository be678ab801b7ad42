"""Simulation fixtures: the real reference data of Hà Nội (the administrative map, the demo
organisation, the national catalog adopted by the city) loaded once for this package, outside any test
transaction, and removed when the package is done (rows newer than a snapshot of each table's last
id). Each test runs in a transaction rolled back afterwards."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

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
)


def _last_ids() -> dict:
    found = {}
    for model in (m for label in TOUCHED_APPS for m in apps.get_app_config(label).get_models()):
        if (
            model._meta.proxy
            or not model._meta.managed
            or not model._meta.pk.get_internal_type().endswith("AutoField")
        ):
            continue  # sessions (keyed by text) are made inside tests, rolled back with them
        found[model] = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return found


@pytest.fixture(scope="package")
def reference_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = _last_ids()
        for step in (
            ("units", "load"),
            ("org", "demo", "--force"),
            ("catalog", "import"),
            ("catalog", "adopt", "--province", "01"),
        ):
            call_command(*step, stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield
    with django_db_blocker.unblock(), transaction.atomic(), connection.cursor() as cursor:
        for model, last in before.items():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [last])  # noqa: S608 (names from models)


@pytest.fixture
def hanoi(reference_data, db):
    return "01"
