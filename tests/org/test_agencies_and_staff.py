"""Agencies and staff assignments: what the services accept and refuse."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.org import services
from motcua.org.models import AgencyKind, Role, StaffAssignment
from motcua.org.roles import RoleCode, ScopeKind

from .factories import Hanoi, agency, commune, province, user

pytestmark = pytest.mark.django_db


def test_the_roles_are_data_from_the_migrations():
    assert set(Role.objects.values_list("code", flat=True)) == {code.value for code in RoleCode}
    officer = Role.objects.get(code=RoleCode.RECEPTION_OFFICER)
    assert officer.name == "Cán bộ tiếp nhận"
    assert officer.allowed_scopes == [ScopeKind.PLACE, ScopeKind.COMMUNE]


def test_ensure_roles_keeps_an_operators_renaming():
    Role.objects.filter(code=RoleCode.LEADER).update(name="Lãnh đạo đơn vị")
    Role.objects.filter(code=RoleCode.SUPERVISOR).delete()
    roles = services.ensure_roles()
    assert roles[RoleCode.LEADER].name == "Lãnh đạo đơn vị"
    assert roles[RoleCode.SUPERVISOR].name == "Giám sát"
    with pytest.raises(NotFound):
        services.get_role("chairman")


def test_agency_codes_are_validated_normalised_and_unique():
    hanoi = province()
    justice = services.create_agency(
        province=hanoi, kind=AgencyKind.DEPARTMENT, code=" 000.00.01.h26", name="Sở Tư pháp"
    )
    assert justice.code == "000.00.01.H26"
    assert justice.parsed_code.level == 2
    with pytest.raises(InvalidInput) as caught:
        services.create_agency(province=hanoi, kind=AgencyKind.DEPARTMENT, code="000.00.01.H26", name="Trùng")
    assert caught.value.code == "org.unique"
    with pytest.raises(InvalidInput) as caught:
        services.create_agency(province=hanoi, kind=AgencyKind.DEPARTMENT, code="000.07.00.H26", name="Lỗi")
    assert caught.value.code == "org.agency_code_gap"
    assert "cấp trên" in caught.value.message


def test_commune_agencies_need_a_commune_of_their_province():
    hanoi = province()
    with pytest.raises(InvalidInput) as caught:
        agency(hanoi, AgencyKind.COMMUNE_COMMITTEE)
    assert caught.value.code == "org.commune_required"
    foreign = commune(province("31", "Hải Phòng"), "11311", "Lê Chân")
    with pytest.raises(InvalidInput) as caught:
        agency(hanoi, AgencyKind.COMMUNE_COMMITTEE, foreign)
    assert caught.value.code == "org.commune_outside_province"


def test_the_scope_kind_and_province_follow_from_the_target():
    h = Hanoi()
    officer = services.assign_staff(user=user(), role=RoleCode.RECEPTION_OFFICER, target=h.point_ba_dinh)
    assert (officer.scope_kind, officer.province) == (ScopeKind.PLACE, h.province)
    specialist = services.assign_staff(user=user(), role=RoleCode.SPECIALIST, target=h.justice)
    assert (specialist.scope_kind, specialist.province) == (ScopeKind.AGENCY, h.province)
    local = services.assign_staff(user=user(), role=RoleCode.RECEPTION_OFFICER, target=h.ba_dinh)
    assert (local.scope_kind, local.province) == (ScopeKind.COMMUNE, h.province)
    supervisor = services.assign_staff(user=user(), role=RoleCode.SUPERVISOR, target=h.province)
    assert (supervisor.scope_kind, supervisor.province) == (ScopeKind.PROVINCE, h.province)
    admin = services.assign_staff(user=user(), role=RoleCode.SYSTEM_ADMIN)
    assert (admin.scope_kind, admin.province) == (ScopeKind.SYSTEM, None)
    assert str(officer).endswith("Điểm tiếp nhận phường Ba Đình")


@pytest.mark.parametrize(
    ("role", "target"),
    [
        (RoleCode.SPECIALIST, "point_ba_dinh"),  # specialists work for an agency
        (RoleCode.RECEPTION_OFFICER, "justice"),  # officers work at a place
        (RoleCode.CATALOG_ADMIN, "branch1"),
        (RoleCode.SUPERVISOR, None),  # only system administrators get the whole system
    ],
)
def test_a_role_only_gets_the_scopes_it_allows(role, target):
    h = Hanoi()
    with pytest.raises(InvalidInput) as caught:
        services.assign_staff(user=user(), role=role, target=getattr(h, target) if target else None)
    assert caught.value.code == "org.scope_not_allowed"
    assert not StaffAssignment.objects.exists()


def test_the_same_assignment_cannot_overlap_itself():
    h = Hanoi()
    person = user()
    services.assign_staff(
        user=person,
        role=RoleCode.SPECIALIST,
        target=h.justice,
        valid_from=date(2025, 7, 1),
        valid_to=date(2026, 1, 1),
    )
    with pytest.raises(Conflict) as caught:
        services.assign_staff(
            user=person, role=RoleCode.SPECIALIST, target=h.justice, valid_from=date(2025, 12, 1)
        )
    assert caught.value.code == "org.assignment_exists"
    # Back-to-back is fine: the first one ends when the second starts.
    services.assign_staff(
        user=person, role=RoleCode.SPECIALIST, target=h.justice, valid_from=date(2026, 1, 1)
    )
    # The same person may hold another role in the same place.
    services.assign_staff(user=person, role=RoleCode.LEADER, target=h.justice, valid_from=date(2025, 7, 1))


def test_ending_an_assignment_keeps_it_as_history():
    h = Hanoi()
    assignment = services.assign_staff(
        user=user(), role=RoleCode.SPECIALIST, target=h.justice, valid_from=date(2025, 7, 1)
    )
    ended = services.end_assignment(assignment, on=date(2025, 9, 1))
    assert ended.valid_to == date(2025, 9, 1)
    assert StaffAssignment.objects.valid_on(date(2025, 8, 31)).filter(pk=assignment.pk).exists()
    assert not StaffAssignment.objects.valid_on(date(2025, 9, 1)).filter(pk=assignment.pk).exists()
    with pytest.raises(InvalidInput) as caught:
        services.end_assignment(
            services.assign_staff(
                user=user(), role=RoleCode.LEADER, target=h.justice, valid_from=date(2025, 7, 1)
            ),
            on=date(2025, 7, 1),
        )
    assert caught.value.code == "org.invalid_window"


def test_the_database_refuses_an_inconsistent_scope():
    h = Hanoi()
    assignment = services.assign_staff(user=user(), role=RoleCode.RECEPTION_OFFICER, target=h.point_ba_dinh)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffAssignment.objects.filter(pk=assignment.pk).update(agency=h.justice)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffAssignment.objects.filter(pk=assignment.pk).update(scope_kind=ScopeKind.SYSTEM)
