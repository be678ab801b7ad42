"""Publishing or retiring a version keeps procedure search in step, once the change commits."""

from datetime import date

from motcua.catalog import services as catalog
from motcua.catalog.models import Procedure, VersionStatus
from motcua.search.selectors import search_procedures


def codes(query):
    return [hit.code for hit in search_procedures(query, limit=5, mode="lexical")]


def names(query):
    return {hit.code: hit.name for hit in search_procedures(query, limit=5, mode="lexical")}


def test_a_published_new_version_is_found_under_its_new_name(indexed, django_capture_on_commit_callbacks):
    procedure = Procedure.objects.get(code="1.001193")
    current = procedure.versions.get(status=VersionStatus.PUBLISHED)
    draft = catalog.create_draft(procedure=procedure, from_version=current)
    catalog.update_draft(version=draft, data={"name": "Đăng ký khai sinh cho trẻ em sinh ra trên tàu biển"})
    assert (
        names("khai sinh tren tau bien").get("1.001193") == "Thủ tục đăng ký khai sinh"
    )  # a draft is not indexed
    with django_capture_on_commit_callbacks(execute=True):
        catalog.publish(version=draft, valid_from=date(2026, 1, 1))
    assert codes("khai sinh tren tau bien")[0] == "1.001193"
    assert (
        names("khai sinh tren tau bien")["1.001193"] == "Đăng ký khai sinh cho trẻ em sinh ra trên tàu biển"
    )


def test_a_retired_version_drops_out_of_search(indexed, django_capture_on_commit_callbacks):
    version = Procedure.objects.get(code="1.001193").versions.get(status=VersionStatus.PUBLISHED)
    assert "1.001193" in codes("dang ky khai sinh")
    with django_capture_on_commit_callbacks(execute=True):
        catalog.retire(version=version, on=date(2026, 1, 1))
    assert "1.001193" not in codes("dang ky khai sinh")
