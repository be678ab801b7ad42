"""Who may act where: the helpers the dossier engine calls."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.org import selectors, services
from motcua.org.models import ReceptionPlace
from motcua.org.roles import RoleCode

from .factories import HaiPhong, Hanoi, agency, user

pytestmark = pytest.mark.django_db

OFFICER, SPECIALIST, LEADER, SUPERVISOR = (
    RoleCode.RECEPTION_OFFICER,
    RoleCode.SPECIALIST,
    RoleCode.LEADER,
    RoleCode.SUPERVISOR,
)


@pytest.fixture
def hanoi():
    return Hanoi()


def staff(role, target=None, **kwargs):
    person = user()
    services.assign_staff(
        user=person, role=role, target=target, valid_from=kwargs.pop("valid_from", date(2025, 7, 1)), **kwargs
    )
    return person


def test_an_officer_of_ba_dinh_acts_at_ba_dinhs_point_and_nowhere_else(hanoi):
    officer = staff(OFFICER, hanoi.point_ba_dinh)
    assert selectors.can_act(officer, OFFICER, hanoi.point_ba_dinh)
    assert not selectors.can_act(officer, OFFICER, hanoi.point_ngoc_ha)
    assert not selectors.can_act(officer, OFFICER, hanoi.point_hoan_kiem)
    assert not selectors.can_act(officer, OFFICER, hanoi.branch1)  # the place above is not hers
    assert not selectors.can_act(officer, LEADER, hanoi.point_ba_dinh)  # nor another role
    counter = services.add_counter(place=hanoi.point_ba_dinh)
    assert selectors.can_act(officer, OFFICER, counter)
    assert list(selectors.places_for(officer)) == [hanoi.point_ba_dinh]
    assert not selectors.agencies_for(officer).exists()


def test_a_branch_officer_acts_at_the_branch_and_its_points(hanoi):
    officer = staff(OFFICER, hanoi.branch1)
    assert selectors.can_act(officer, OFFICER, hanoi.point_ba_dinh)
    assert selectors.can_act(officer, OFFICER, hanoi.point_ngoc_ha)
    assert not selectors.can_act(officer, OFFICER, hanoi.point_hoan_kiem)
    assert not selectors.can_act(officer, OFFICER, hanoi.center)
    assert set(selectors.places_for(officer)) == {hanoi.branch1, hanoi.point_ba_dinh, hanoi.point_ngoc_ha}


def test_a_commune_officer_acts_where_the_commune_is(hanoi):
    officer = staff(OFFICER, hanoi.ba_dinh)
    assert selectors.can_act(officer, OFFICER, hanoi.point_ba_dinh)
    assert selectors.can_act(officer, OFFICER, hanoi.ba_dinh)
    assert not selectors.can_act(officer, OFFICER, hanoi.ngoc_ha)
    assert not selectors.can_act(officer, OFFICER, hanoi.point_ngoc_ha)
    assert hanoi.point_ba_dinh in selectors.places_for(officer)
    assert hanoi.point_ngoc_ha not in selectors.places_for(officer)


def test_a_supervisor_sees_the_whole_province_and_only_it(hanoi):
    haiphong = HaiPhong()
    supervisor = staff(SUPERVISOR, hanoi.province)
    assert set(selectors.places_for(supervisor)) == set(
        ReceptionPlace.objects.filter(province=hanoi.province)
    )
    assert set(selectors.agencies_for(supervisor)) == {hanoi.justice, hanoi.committee_ba_dinh}
    for target in (hanoi.point_hoan_kiem, hanoi.center, hanoi.justice, hanoi.ngoc_ha):
        assert selectors.can_act(supervisor, SUPERVISOR, target)
    assert not selectors.can_act(supervisor, SUPERVISOR, haiphong.center_thanh_dong)
    assert haiphong.center not in selectors.places_for(supervisor)


def test_a_specialist_acts_for_their_agency(hanoi):
    specialist = staff(SPECIALIST, hanoi.justice)
    assert selectors.can_act(specialist, SPECIALIST, hanoi.justice)
    assert not selectors.can_act(specialist, SPECIALIST, hanoi.committee_ba_dinh)
    assert not selectors.can_act(specialist, SPECIALIST, hanoi.point_ba_dinh)
    assert list(selectors.agencies_for(specialist)) == [hanoi.justice]
    assert not selectors.places_for(specialist).exists()
    other = staff(SPECIALIST, hanoi.committee_ba_dinh)
    leader = staff(LEADER, hanoi.justice)
    assert set(selectors.staff_who_can_act(SPECIALIST, hanoi.justice)) == {specialist}
    assert set(selectors.staff_who_can_act(LEADER, hanoi.justice)) == {leader}
    assert set(selectors.staff_who_can_act(SPECIALIST, hanoi.committee_ba_dinh)) == {other}


def test_roles_can_be_combined_and_filtered(hanoi):
    person = staff(SPECIALIST, hanoi.justice)
    services.assign_staff(
        user=person, role=LEADER, target=hanoi.committee_ba_dinh, valid_from=date(2025, 7, 1)
    )
    assert set(selectors.agencies_for(person)) == {hanoi.justice, hanoi.committee_ba_dinh}
    assert list(selectors.agencies_for(person, role=LEADER)) == [hanoi.committee_ba_dinh]
    assert {s.role for s in selectors.scopes_for(person)} == {SPECIALIST, LEADER}


def test_assignments_count_only_while_valid_and_for_active_users(hanoi):
    past = staff(OFFICER, hanoi.point_ba_dinh, valid_from=date(2025, 7, 1), valid_to=date(2025, 10, 1))
    future = staff(OFFICER, hanoi.point_ba_dinh, valid_from=date(2030, 1, 1))
    assert selectors.can_act(past, OFFICER, hanoi.point_ba_dinh, on=date(2025, 9, 30))
    assert not selectors.can_act(past, OFFICER, hanoi.point_ba_dinh, on=date(2025, 10, 1))
    assert not selectors.can_act(future, OFFICER, hanoi.point_ba_dinh)
    assert selectors.can_act(future, OFFICER, hanoi.point_ba_dinh, on=date(2030, 1, 1))
    current = staff(OFFICER, hanoi.point_ba_dinh)
    current.is_active = False
    current.save()
    assert not selectors.can_act(current, OFFICER, hanoi.point_ba_dinh)
    assert selectors.scopes_for(current) == []
    assert current not in selectors.staff_who_can_act(OFFICER, hanoi.point_ba_dinh)


def test_two_tier_provincial_staff_do_not_inherit_the_commune_centers():
    hp = HaiPhong()
    provincial = staff(OFFICER, hp.center)
    local = staff(OFFICER, hp.center_thanh_dong)
    assert not selectors.can_act(provincial, OFFICER, hp.center_thanh_dong)
    assert list(selectors.places_for(provincial)) == [hp.center]
    assert selectors.can_act(local, OFFICER, hp.center_thanh_dong)
    assert not selectors.can_act(local, OFFICER, hp.center_hai_duong)


def test_a_system_administrator_reaches_every_province(hanoi):
    hp = HaiPhong()
    admin = staff(RoleCode.SYSTEM_ADMIN)
    assert selectors.can_act(admin, RoleCode.SYSTEM_ADMIN, hp.center_hai_duong)
    assert selectors.can_act(admin, RoleCode.SYSTEM_ADMIN, hanoi.justice)
    assert selectors.places_for(admin).count() == ReceptionPlace.objects.count()


def test_a_stranger_can_do_nothing(hanoi):
    stranger = user()
    assert selectors.scopes_for(stranger) == []
    assert not selectors.can_act(stranger, OFFICER, hanoi.point_ba_dinh)
    assert not selectors.places_for(stranger).exists()
    assert not selectors.agencies_for(stranger).exists()
    with pytest.raises(TypeError):
        selectors.can_act(stranger, OFFICER, hanoi.province)  # a province is not a place to act at


def test_can_act_costs_one_query_whatever_the_number_of_assignments(hanoi):
    officer = staff(OFFICER, hanoi.point_ba_dinh)
    for _ in range(20):
        services.assign_staff(
            user=officer, role=SPECIALIST, target=agency(hanoi.province), valid_from=date(2025, 7, 1)
        )
    with CaptureQueriesContext(connection) as queries:
        assert selectors.can_act(officer, OFFICER, hanoi.point_ba_dinh)
    assert len(queries) == 1
