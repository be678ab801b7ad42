"""The real national catalog (2,849 procedures), imported and indexed once for this package.

Loaded outside any test transaction and removed again when the package is done, so other apps' tests
never see it. Tests use the `catalog` fixture (plus `db`) and must not use transactional_db.
"""

import pytest
from django.db import transaction

from motcua.catalog import importer
from motcua.catalog.models import CatalogAuditLog, Field, Procedure
from motcua.search import services
from motcua.search.models import ProcedureSearchDocument


@pytest.fixture(scope="package")
def catalog(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        importer.import_catalog()
        report = services.reindex()
    yield report
    with django_db_blocker.unblock(), transaction.atomic():
        ProcedureSearchDocument.objects.all().delete()
        CatalogAuditLog.objects.all().delete()
        Procedure.objects.all().delete()
        Field.objects.all().delete()


@pytest.fixture
def indexed(catalog, db):
    """The catalog inside a test transaction (rolled back after each test)."""
    return catalog
