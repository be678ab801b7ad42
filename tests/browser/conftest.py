"""Browser journeys run against a live server, so each test is transactional: the database is flushed
after it. Each test therefore loads the reference data it needs itself; keeping them in this package
keeps that flush away from the package-scoped data of the other apps' tests."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def units_map(transactional_db):
    call_command("units", "load", stdout=io.StringIO())
