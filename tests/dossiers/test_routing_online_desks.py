"""Online dossiers go to a reception desk whose officers can accept them: the place that serves the
competent agency's commune, else the online desk of the province's center (ADR 0026)."""

import pytest
from django.core.exceptions import ValidationError

from motcua.dossiers import services
from motcua.org import services as org
from motcua.org.models import PlaceKind, ReceptionPlace
from motcua.org.roles import RoleCode
from motcua.org.selectors import can_act
from tests.dossiers.factories import at, person, staff

pytestmark = pytest.mark.django_db


def _online(world, proc, **applicant):
    return services.submit_online(
        user=world.citizen,
        procedure=proc,
        province=world.province,
        case=world.case(proc, 0),
        provided=world.documents(proc, 0),
        applicant=person(**applicant),
        at=at("2026-03-03 14:00"),
    )


def _online_desk(world):
    desk = org.add_place(
        parent=world.center,
        kind=PlaceKind.SERVICE_POINT,
        code="01.TTTT",
        name="Bộ phận tiếp nhận hồ sơ trực tuyến",
    )
    world.center.online_desk = desk
    world.center.full_clean()
    world.center.save()
    return desk


def test_a_ba_dinh_resident_s_commune_dossier_goes_to_ba_dinh_s_point_not_the_center_standing_there(world):
    # The city center stands in Ba Đình: its `commune` is where it is, not a commune it serves.
    assert world.center.commune_id == world.ba_dinh.pk
    dossier = _online(world, world.birth, commune="00004", address="Phố Đội Cấn, phường Ba Đình")
    assert dossier.agency == world.committee_ba_dinh
    assert dossier.received_place == world.point_ba_dinh
    assert can_act(world.officer, RoleCode.RECEPTION_OFFICER, dossier.received_place)


def test_a_provincial_online_dossier_goes_to_the_center_s_online_desk_whose_officer_can_accept_it(world):
    desk = _online_desk(world)
    officer = staff(RoleCode.RECEPTION_OFFICER, desk, "Tạ Thị Trực")
    dossier = _online(world, world.licence)
    assert dossier.agency == world.justice and dossier.received_place == desk
    accepted = services.accept_online(
        dossier, officer=officer, version=dossier.version, at=at("2026-03-04 08:10")
    )
    assert accepted.status == "received" and accepted.received_by == officer


def test_without_an_online_desk_the_center_itself_receives_provincial_online_dossiers(world):
    assert _online(world, world.licence).received_place == world.center


def test_an_inactive_online_desk_is_passed_over_for_the_center(world):
    desk = _online_desk(world)
    ReceptionPlace.objects.filter(pk=desk.pk).update(is_active=False)
    assert _online(world, world.licence).received_place == world.center


def test_only_a_center_chooses_an_online_desk_and_it_must_be_one_of_its_own_places(world):
    world.branch1.online_desk = world.point_ba_dinh
    with pytest.raises(ValidationError) as refused:
        world.branch1.full_clean()
    assert refused.value.message_dict["online_desk"] == [
        "Chỉ trung tâm mới chọn nơi tiếp nhận hồ sơ trực tuyến."
    ]
    world.center.online_desk = world.point_ba_dinh  # a point inside the center's tree: allowed
    world.center.full_clean()
