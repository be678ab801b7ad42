"""Admin pages: Vietnamese, published versions read-only, actions calling the services."""

from datetime import date

import pytest
from django.urls import reverse

from motcua.catalog import services
from motcua.catalog.models import CatalogAuditLog, ProcedureVersion
from tests.twofactor import verified_login


@pytest.fixture
def admin_web(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", password="x")
    verified_login(client, user)
    return client


def change_url(version):
    return reverse("admin:catalog_procedureversion_change", args=[version.pk])


def test_published_version_page_is_read_only(procedure, admin_web):
    v1 = procedure.versions.get(number=1)
    response = admin_web.get(change_url(v1))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tờ khai đăng ký khai sinh" in page
    assert 'name="name"' not in page  # no editable input for the name
    assert 'name="documents-0-name"' not in page  # nor for its documents


def test_draft_is_edited_and_published_by_the_admin_action(procedure, admin_web):
    v1 = procedure.versions.get(number=1)
    response = admin_web.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "draft_from_versions", "_selected_action": [v1.pk]},
    )
    assert response.status_code == 302
    v2 = procedure.versions.get(number=2)
    assert v2.status == "draft"
    page = admin_web.get(change_url(v2)).content.decode()
    assert 'name="name"' in page and 'name="documents-0-name"' in page

    ProcedureVersion.objects.filter(pk=v2.pk).update(valid_from=date(2026, 2, 1))
    admin_web.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish_drafts", "_selected_action": [v2.pk]},
    )
    v2.refresh_from_db()
    assert (v2.status, v2.valid_from) == ("published", date(2026, 2, 1))
    assert procedure.versions.get(number=1).valid_to == date(2026, 2, 1)
    assert CatalogAuditLog.objects.filter(version=v2, action="publish", actor__username="root").exists()


def test_overlap_error_is_shown_in_vietnamese(procedure, admin_web):
    v2 = services.create_draft(procedure=procedure, data={"name": "Bản nháp"})
    ProcedureVersion.objects.filter(pk=v2.pk).update(valid_from=date(2025, 7, 1))
    response = admin_web.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish_drafts", "_selected_action": [v2.pk]},
        follow=True,
    )
    assert "catalog.version_overlap" in response.content.decode()
    assert procedure.versions.get(number=2).status == "draft"


@pytest.mark.parametrize(
    "name",
    ["procedure", "procedureversion", "field", "provinceprocedure", "catalogauditlog"],
)
def test_changelists_render(procedure, admin_web, name):
    response = admin_web.get(reverse(f"admin:catalog_{name}_changelist"))
    assert response.status_code == 200


INLINES = ("channel_terms", "cases", "documents", "results", "legal_bases", "process_steps")


def form_data(procedure, **fields):
    data = {
        "procedure": procedure.pk,
        "name": "Thủ tục nhập qua trang quản trị",
        "level_text": "",
        "agency_kind": "commune_pc",
        "online_level": "unknown",
        "at_commune": "on",
        **fields,
    }
    for prefix in INLINES:  # inline rows left untouched
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_add_and_edit_a_draft_through_the_forms(procedure, admin_web):
    response = admin_web.post(reverse("admin:catalog_procedureversion_add"), form_data(procedure))
    assert response.status_code == 302, response.content.decode()[:2000]
    v2 = procedure.versions.get(number=2)
    assert (v2.status, v2.name, v2.created_by.username) == (
        "draft",
        "Thủ tục nhập qua trang quản trị",
        "root",
    )

    response = admin_web.post(
        change_url(v2), form_data(procedure, name="Tên đã sửa", valid_from="2026-05-01")
    )
    assert response.status_code == 302
    v2.refresh_from_db()
    assert (v2.name, v2.valid_from) == ("Tên đã sửa", date(2026, 5, 1))
    assert list(CatalogAuditLog.objects.filter(version=v2).values_list("action", flat=True)) == [
        "update_draft",
        "create_draft",
    ]

    response = admin_web.post(reverse("admin:catalog_procedureversion_add"), form_data(procedure))
    assert response.status_code == 200  # form redisplayed with the error
    assert "đã có bản nháp" in response.content.decode()


def test_review_reasons_are_explained_in_vietnamese(national, admin_web):
    version = ProcedureVersion.objects.get(procedure__code="1.003650")
    page = admin_web.get(change_url(version)).content.decode()
    assert "Thời hạn chỉ có con số, mất đơn vị (ngày/ngày làm việc/giờ). — 3" in page
