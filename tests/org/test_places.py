"""Reception places: the tree's invariants, as the services and the database enforce them."""

import pytest
from django.db import IntegrityError, transaction

from motcua.core.errors import Conflict, InvalidInput
from motcua.org import services
from motcua.org.models import (
    Branch,
    CenterModel,
    Counter,
    PlaceKind,
    ReceptionPlace,
    ServiceCenter,
    ServicePoint,
)

from .factories import HaiPhong, Hanoi, commune, place, province

pytestmark = pytest.mark.django_db


def test_places_know_their_center_and_province_without_being_told():
    hanoi = Hanoi()
    assert hanoi.point_ba_dinh.center == hanoi.center
    assert hanoi.branch1.center == hanoi.center
    assert hanoi.center.center is None
    assert hanoi.point_ba_dinh.province == hanoi.province
    assert set(ReceptionPlace.objects.of_province(hanoi.province)) == {
        hanoi.center,
        hanoi.branch1,
        hanoi.branch2,
        hanoi.point_ba_dinh,
        hanoi.point_ngoc_ha,
        hanoi.point_hoan_kiem,
    }


def test_proxies_read_and_create_their_own_kind():
    hanoi = Hanoi()
    assert set(Branch.objects.all()) == {hanoi.branch1, hanoi.branch2}
    assert set(ServicePoint.objects.all()) == {
        hanoi.point_ba_dinh,
        hanoi.point_ngoc_ha,
        hanoi.point_hoan_kiem,
    }
    assert list(ServiceCenter.objects.all()) == [hanoi.center]
    point = ServicePoint.objects.create(code="01.DP01", name="Điểm phục vụ số 1", parent=hanoi.branch2)
    assert point.kind == PlaceKind.SERVICE_POINT
    assert point.center == hanoi.center
    assert point.province == hanoi.province


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda h: place(h.branch1, PlaceKind.BRANCH), "org.invalid_parent"),  # branch under a branch
        (
            lambda h: place(h.point_ba_dinh, PlaceKind.SERVICE_POINT),
            "org.invalid_parent",
        ),  # point under point
        (lambda h: place(h.branch1, PlaceKind.COMMUNE_POINT), "org.commune_required"),
        (lambda h: place(h.center, PlaceKind.CENTER, h.ngoc_ha), "org.not_two_tier"),  # one-level center
    ],
)
def test_the_tree_refuses_impossible_shapes(make, code):
    hanoi = Hanoi()
    with pytest.raises(InvalidInput) as caught:
        make(hanoi)
    assert caught.value.code == code
    assert caught.value.message  # Vietnamese text for the officer


def test_a_place_serves_only_communes_of_its_province():
    hanoi = Hanoi()
    elsewhere = commune(province("31", "Hải Phòng"), "11311", "Lê Chân")
    with pytest.raises(InvalidInput) as caught:
        place(hanoi.branch1, PlaceKind.COMMUNE_POINT, elsewhere)
    assert caught.value.code == "org.commune_outside_province"


def test_one_provincial_center_per_province():
    hanoi = Hanoi()
    with pytest.raises(Conflict) as caught:
        services.create_center(
            province=hanoi.province,
            code="01.TT2",
            name="Trung tâm thứ hai",
            center_model=CenterModel.ONE_LEVEL,
        )
    assert caught.value.code == "org.center_exists"
    # And the database says the same to code that skips the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionPlace.objects.bulk_create(
            [
                ReceptionPlace(
                    code="01.TT3",
                    kind=PlaceKind.CENTER,
                    name="x",
                    center_model=CenterModel.ONE_LEVEL,
                    province=hanoi.province,
                )
            ]
        )


def test_two_tier_commune_centers_are_centers_of_their_own():
    hp = HaiPhong()
    assert hp.center_thanh_dong.kind == PlaceKind.CENTER
    assert hp.center_thanh_dong.is_commune_center
    assert hp.center_thanh_dong.center_model == CenterModel.TWO_TIER
    assert hp.center_thanh_dong.center is None
    # The provincial center's own tree does not swallow the commune centers.
    assert list(ReceptionPlace.objects.within(hp.center)) == [hp.center]
    assert set(ReceptionPlace.objects.commune_centers()) == {hp.center_thanh_dong, hp.center_hai_duong}
    # A commune center may have its own points.
    point = place(hp.center_thanh_dong, PlaceKind.SERVICE_POINT, hp.thanh_dong)
    assert point.center == hp.center_thanh_dong


def test_one_commune_center_per_commune():
    hp = HaiPhong()
    with pytest.raises(InvalidInput) as caught:
        place(hp.center, PlaceKind.CENTER, hp.thanh_dong, "31.TTX-bis", "Trung tâm thứ hai")
    assert caught.value.code == "org.commune_center_exists"
    assert "đã có trung tâm cấp xã" in caught.value.message
    twin = ReceptionPlace(
        code="31.TTX-ter",
        kind=PlaceKind.CENTER,
        name="x",
        parent=hp.center,
        center_model=CenterModel.TWO_TIER,
        province=hp.province,
        commune=hp.thanh_dong,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionPlace.objects.bulk_create([twin])


def test_a_non_center_without_a_center_breaks_a_database_constraint():
    hanoi = Hanoi()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionPlace.objects.filter(pk=hanoi.branch1.pk).update(center=None)


def test_within_a_branch_are_the_branch_and_its_points():
    hanoi = Hanoi()
    assert set(ReceptionPlace.objects.within(hanoi.branch1)) == {
        hanoi.branch1,
        hanoi.point_ba_dinh,
        hanoi.point_ngoc_ha,
    }
    assert ReceptionPlace.objects.within(hanoi.center).count() == 6


def test_counters_are_numbered_per_place():
    hanoi = Hanoi()
    first = services.add_counter(place=hanoi.point_ba_dinh, name="Hộ tịch")
    second = services.add_counter(place=hanoi.point_ba_dinh, is_priority=True)
    other = services.add_counter(place=hanoi.point_ngoc_ha)
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert str(first) == "Quầy số 1 – Điểm tiếp nhận phường Ba Đình"
    with pytest.raises(Conflict) as caught:
        services.add_counter(place=hanoi.point_ba_dinh, number=2)
    assert caught.value.code == "org.counter_exists"
    with pytest.raises(InvalidInput) as caught:
        services.add_counter(place=hanoi.point_ba_dinh, field_codes=["", 3])
    assert caught.value.code == "org.invalid_field_codes"
    services.add_counter(place=hanoi.point_ba_dinh, field_codes=["HT", "CT"])
    assert Counter.objects.filter(place=hanoi.point_ba_dinh).count() == 3
