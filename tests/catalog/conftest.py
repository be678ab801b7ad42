"""Catalog fixtures. The national catalog (2,849 procedures) is imported once for this package, outside
any test transaction, and removed when the package is done so other apps' tests never see it; each
test runs in a transaction rolled back afterwards, so it sees the same catalog."""

from datetime import date

import pytest
from django.db import connection, transaction

from motcua.catalog import importer, services
from motcua.catalog.models import (
    CatalogAuditLog,
    ChannelTerm,
    DocumentCase,
    Field,
    LegalBasis,
    Procedure,
    ProcedureNote,
    ProcedureResult,
    ProcedureVersion,
    ProcessStep,
    ProvinceProcedure,
    RequiredDocument,
)
from motcua.units.models import AdministrativeUnit


@pytest.fixture(scope="package")
def national_import(django_db_setup, django_db_blocker):
    """The report of the package's import (the first one when the test database is new)."""
    with django_db_blocker.unblock():
        report = importer.import_catalog()
    yield report
    with django_db_blocker.unblock(), transaction.atomic():
        wipe_catalog()


@pytest.fixture
def national(db, national_import):
    # A transactional test elsewhere may have flushed the database: import again inside this test.
    if not Procedure.objects.exists():
        return importer.import_catalog()
    return national_import


def make_province(code: str, name: str) -> AdministrativeUnit:
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=code,
        level="province",
        valid_to=None,
        defaults={
            "kind": "thanh_pho_tw",
            "name": name,
            "full_name": f"Thành phố {name}",
            "province_code": code,
            "valid_from": date(2025, 7, 1),
        },
    )
    return unit


@pytest.fixture
def hanoi(db):
    return make_province("01", "Hà Nội")


@pytest.fixture
def haiphong(db):
    return make_province("31", "Hải Phòng")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("catalog-admin", password="x", is_staff=True)


SAMPLE_CONTENT = {
    "name": "Thủ tục thử nghiệm đăng ký khai sinh",
    "field": "Hộ tịch",
    "at_commune": True,
    "agency_kind": "commune_pc",
    "channel_terms": [
        {
            "channel": "in_person",
            "time_value": "1",
            "time_unit": "working_days",
            "fee_kind": "free",
            "fee_amount": 0,
        },
        {
            "channel": "online",
            "time_value": "1",
            "time_unit": "working_days",
            "fee_kind": "free",
            "fee_amount": 0,
        },
    ],
    "cases": ["Trường hợp đăng ký đúng hạn"],
    "documents": [
        {
            "name": "Tờ khai đăng ký khai sinh",
            "originals": 1,
            "copies": 0,
            "template_name": "TK-KS.docx",
            "case": 0,
        },
        {"name": "Giấy chứng sinh", "originals": 1, "copies": 0, "case": None},
    ],
    "process_steps": [
        {"name": "Tiếp nhận", "role": "reception_officer", "agency_kind": "commune_pc", "time_share": "10"}
    ],
}


@pytest.fixture
def procedure(db):
    """A small procedure of its own (code 9.000001), with v1 published from 2025-07-01."""
    proc = services.create_procedure(code="9.000001")
    draft = services.create_draft(procedure=proc, data=SAMPLE_CONTENT)
    services.publish(version=draft, valid_from=date(2025, 7, 1))
    return proc


def wipe_catalog() -> None:
    """An empty catalog, as in a fresh database (inside the test's transaction)."""
    for model in (
        CatalogAuditLog,
        ProvinceProcedure,
        RequiredDocument,
        ProcedureNote,
        DocumentCase,
        ChannelTerm,
        ProcedureResult,
        LegalBasis,
        ProcessStep,
        ProcedureVersion,
        Procedure,
        Field,
    ):
        # Plain DELETEs, children first: the ORM's cascade collection would take seconds here.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 (table names from models)
