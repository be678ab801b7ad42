"""The admin in Vietnamese: every org page loads for a superuser, and the forms keep the invariants."""

import pytest
from django.urls import reverse

from motcua.org import services
from motcua.org.models import Branch, Counter, PlaceKind, StaffAssignment
from motcua.org.roles import RoleCode
from tests.twofactor import verified_login

from .factories import HaiPhong, Hanoi, user

pytestmark = pytest.mark.django_db

PAGES = {
    "servicecenter": "trung tâm phục vụ hành chính công",
    "branch": "chi nhánh",
    "servicepoint": "điểm phục vụ",
    "receptionplace": "nơi tiếp nhận",
    "counter": "quầy",
    "agency": "cơ quan có thẩm quyền",
    "role": "vai trò",
    "staffassignment": "phân công cán bộ",
}


@pytest.fixture
def admin_client(client):
    verified_login(client, user("quantri", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def world():
    hanoi = Hanoi()
    HaiPhong()
    services.add_counter(place=hanoi.point_ba_dinh, name="Hộ tịch")
    services.assign_staff(user=user(), role=RoleCode.RECEPTION_OFFICER, target=hanoi.point_ba_dinh)
    services.assign_staff(user=user(), role=RoleCode.SPECIALIST, target=hanoi.justice)
    services.assign_staff(user=user(), role=RoleCode.SUPERVISOR, target=hanoi.province)
    services.assign_staff(user=user(), role=RoleCode.SYSTEM_ADMIN)
    return hanoi


@pytest.mark.parametrize(("model", "title"), PAGES.items())
def test_changelists_and_add_pages_load_in_vietnamese(admin_client, world, model, title):
    response = admin_client.get(reverse(f"admin:org_{model}_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Chọn {title}" in page  # Django's "Select … to change", in Vietnamese
    assert "Tổ chức, đơn vị" in page  # the app's name in the breadcrumbs
    assert admin_client.get(reverse(f"admin:org_{model}_add")).status_code == 200


def test_filters_and_search_work(admin_client, world):
    url = reverse("admin:org_servicepoint_changelist")
    response = admin_client.get(url, {"province": world.province.pk, "q": "Ba Đình"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    response = admin_client.get(reverse("admin:org_staffassignment_changelist"), {"current": "yes"})
    assert response.context["cl"].result_count == 4


def test_change_pages_show_counters_and_assignments_inline(admin_client, world):
    response = admin_client.get(reverse("admin:org_servicepoint_change", args=[world.point_ba_dinh.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hộ tịch" in page
    assert "cán bộ được phân công" in page.lower()
    response = admin_client.get(reverse("admin:org_agency_change", args=[world.justice.pk]))
    assert response.status_code == 200


def test_adding_a_branch_in_the_admin_sets_kind_and_center(admin_client, world):
    response = admin_client.post(
        reverse("admin:org_branch_add"),
        {
            "code": "01.CN03",
            "name": "Chi nhánh số 3",
            "parent": world.center.pk,
            "province": world.province.pk,
            "address": "",
            "is_active": "on",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    branch = Branch.objects.get(code="01.CN03")
    assert branch.kind == PlaceKind.BRANCH
    assert branch.center == world.center


def test_the_admin_refuses_a_branch_under_a_branch_in_vietnamese(admin_client, world):
    response = admin_client.post(
        reverse("admin:org_branch_add"),
        {
            "code": "01.CN04",
            "name": "Chi nhánh sai",
            "parent": world.branch1.pk,
            "province": world.province.pk,
            "is_active": "on",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 200
    assert "Chi nhánh phải trực thuộc một trung tâm." in response.content.decode()
    assert not Branch.objects.filter(code="01.CN04").exists()


def test_an_assignment_added_in_the_admin_gets_its_scope(admin_client, world):
    person = user("nguyen.thi.lan")
    role = services.get_role(RoleCode.RECEPTION_OFFICER)
    response = admin_client.post(
        reverse("admin:org_staffassignment_add"),
        {"user": person.pk, "role": role.pk, "place": world.point_ngoc_ha.pk, "valid_from": "2025-07-01"},
    )
    assert response.status_code == 302
    assignment = StaffAssignment.objects.get(user=person)
    assert (assignment.scope_kind, assignment.province) == ("place", world.province)
    wrong = services.get_role(RoleCode.SPECIALIST)
    response = admin_client.post(
        reverse("admin:org_staffassignment_add"),
        {"user": person.pk, "role": wrong.pk, "place": world.point_ngoc_ha.pk, "valid_from": "2025-07-01"},
    )
    assert response.status_code == 200
    assert "không được giao phạm vi" in response.content.decode()


def test_the_changelists_do_not_query_per_row(admin_client, world, django_assert_max_num_queries):
    for n in range(30):
        services.add_counter(place=world.point_ngoc_ha, name=f"Quầy {n}")
        services.assign_staff(user=user(), role=RoleCode.RECEPTION_OFFICER, target=world.point_hoan_kiem)
    assert Counter.objects.count() > 30
    for model in ("counter", "staffassignment", "servicepoint", "agency"):
        with django_assert_max_num_queries(15):
            assert admin_client.get(reverse(f"admin:org_{model}_changelist")).status_code == 200


def _empty_inlines() -> dict:
    return {
        f"{prefix}-{key}": value
        for prefix in ("counters", "assignments")
        for key, value in (
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }
