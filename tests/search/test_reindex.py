"""Keeping the index in step with the catalog: publish, retire, full rebuild."""

from datetime import date

import pytest

from motcua.catalog import services as catalog_services
from motcua.catalog.models import Procedure
from motcua.search import services
from motcua.search.models import ProcedureSearchDocument
from motcua.search.selectors import search_procedures

pytestmark = pytest.mark.usefixtures("indexed")

NEW_NAME = "Đăng ký khai sinh cho trẻ em sinh ra trên tàu biển"


def lexical(query, limit=3):
    return [(hit.code, hit.name) for hit in search_procedures(query, limit=limit, mode="lexical")]


def test_the_whole_catalog_is_indexed_with_a_vector_for_every_procedure(catalog):
    assert catalog.indexed == Procedure.objects.count() == 2850
    assert ProcedureSearchDocument.objects.count() == 2850
    assert not ProcedureSearchDocument.objects.filter(embedding__isnull=True).exists()
    # The shipped vectors cover the national catalog: indexing it did not run the model. If this fails
    # the catalog's texts changed: `motcua search reindex && motcua search export-embeddings`, commit.
    assert catalog.embedded == 0


def test_full_reindex_of_an_unchanged_catalog_writes_nothing():
    before = ProcedureSearchDocument.objects.order_by("pk").values_list("pk", "indexed_at")
    report = services.reindex()
    assert (report.created, report.updated, report.deleted, report.embedded) == (0, 0, 0, 0)
    assert list(ProcedureSearchDocument.objects.order_by("pk").values_list("pk", "indexed_at")) == list(
        before
    )


def test_publishing_a_new_version_replaces_the_document_after_reindex():
    procedure = Procedure.objects.get(code="1.001193")
    current = procedure.versions.get()
    draft = catalog_services.create_draft(procedure=procedure, from_version=current, data={"name": NEW_NAME})
    published = catalog_services.publish(version=draft, valid_from=date.today())

    report = services.reindex(version_ids=[published.pk])

    assert (report.indexed, report.updated, report.created, report.deleted) == (1, 1, 0, 0)
    assert report.embedded == 1  # a new name: a new passage for the model
    document = ProcedureSearchDocument.objects.get(procedure=procedure)
    assert (document.version_id, document.name) == (published.pk, NEW_NAME)
    assert lexical("khai sinh tàu biển", limit=1) == [("1.001193", NEW_NAME)]


def test_retiring_removes_the_document_after_reindex():
    version = Procedure.objects.get(code="3.000353").versions.get()
    catalog_services.retire(version=version, on=date.today())
    report = services.reindex(version_ids=[version.pk])
    assert (report.indexed, report.deleted) == (0, 1)
    assert not ProcedureSearchDocument.objects.filter(code="3.000353").exists()
    assert "3.000353" not in [code for code, _ in lexical("giấy phép lái xe quốc tế", limit=10)]


def test_reindex_on_commit_runs_after_the_transaction(django_capture_on_commit_callbacks):
    version = Procedure.objects.get(code="3.000353").versions.get()
    catalog_services.retire(version=version, on=date.today())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.reindex_on_commit([version.pk])
        assert ProcedureSearchDocument.objects.filter(code="3.000353").exists()
    assert len(callbacks) == 1
    assert not ProcedureSearchDocument.objects.filter(code="3.000353").exists()


def test_full_reindex_drops_documents_of_procedures_no_longer_in_force():
    version = Procedure.objects.get(code="1.000894").versions.get()
    catalog_services.retire(version=version, on=date.today())
    report = services.reindex()
    assert (report.indexed, report.deleted, report.updated, report.created) == (2849, 1, 0, 0)
