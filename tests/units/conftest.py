"""The full map is loaded once for the units tests (about 14,000 rows), then removed.

Package scope: other apps' tests, run in the same session, start from empty unit tables again.
Each test still runs in its own rolled-back transaction on top of the loaded data.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from motcua.units.models import AdministrativeUnit, UnitSuccession


@pytest.fixture(scope="package")
def units_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("units", "load", stdout=out)
        yield out.getvalue()
        with connection.cursor() as cursor:  # one statement each: the collector would walk 28,000 rows
            cursor.execute(f"DELETE FROM {UnitSuccession._meta.db_table}")
            cursor.execute(f"DELETE FROM {AdministrativeUnit._meta.db_table}")


@pytest.fixture
def units(units_loaded, db):
    """Use in a test that reads the loaded map."""
    return units_loaded
