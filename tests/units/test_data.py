"""What the loaded map says at each date: counts, the 2026 history, legacy units and their successors."""

from collections import Counter
from datetime import date

import pytest
from django.db.models import Count, Q

from motcua.units.models import AdministrativeUnit, UnitSuccession

REFORM = date(2025, 7, 1)


def kinds(level: str, day: date) -> Counter:
    return Counter(AdministrativeUnit.objects.at(day).filter(level=level).values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("day", "provinces", "communes"),
    [
        # 1/7/2025: 28 tỉnh and 6 cities; Đồng Nai was still a tỉnh (vietnamadminunits agrees, see crosscheck)
        (REFORM, {"tinh": 28, "thanh_pho_tw": 6}, {"xa": 2621, "phuong": 687, "dac_khu": 13}),
        # the source snapshot's own date: its figures (27/7 and 2,611/697/13)
        (date(2026, 7, 25), {"tinh": 27, "thanh_pho_tw": 7}, {"xa": 2611, "phuong": 697, "dac_khu": 13}),
        # Quảng Ninh from 1/9/2026, Bắc Ninh and its 12 new wards from 20/9/2026
        (date(2026, 9, 1), {"tinh": 26, "thanh_pho_tw": 8}, {"xa": 2611, "phuong": 697, "dac_khu": 13}),
        (date(2026, 9, 20), {"tinh": 25, "thanh_pho_tw": 9}, {"xa": 2599, "phuong": 709, "dac_khu": 13}),
    ],
)
def test_counts_at_each_date(units, day, provinces, communes):
    assert kinds("province", day) == provinces
    assert kinds("commune", day) == communes
    assert kinds("district", day) == {}


def test_current_rows_are_the_latest_state(units):
    current = AdministrativeUnit.objects.current()
    assert current.provinces().count() == 34
    assert current.communes().count() == 3321
    assert not current.filter(level="district").exists()


@pytest.mark.parametrize("day", [REFORM, date(2026, 7, 25), date(2026, 10, 10)])
@pytest.mark.parametrize(("province", "expected"), [("01", 126), ("31", 114), ("79", 168)])
def test_spot_checks(units, day, province, expected):
    assert AdministrativeUnit.objects.at(day).communes().filter(province_code=province).count() == expected


def test_before_the_reform_there_were_63_provinces_696_districts_10035_communes(units):
    day = date(2025, 6, 30)
    assert AdministrativeUnit.objects.at(day).provinces().count() == 63
    assert AdministrativeUnit.objects.at(day).filter(level="district").count() == 696
    assert kinds("commune", day) == {"xa": 7692, "phuong": 1726, "thi_tran": 617}
    assert AdministrativeUnit.objects.at(day).get(code="30").full_name == "Tỉnh Hải Dương"
    # legacy start dates are a convention, and flagged as such
    assert not AdministrativeUnit.objects.at(day).filter(valid_from_exact=True).exists()


def test_quang_ninh_became_a_city_as_history_not_overwrite(units):
    rows = list(AdministrativeUnit.objects.filter(code="22", level="province").order_by("valid_from"))
    assert [(r.kind, r.full_name, r.valid_from, r.valid_to) for r in rows] == [
        ("tinh", "Tỉnh Quảng Ninh", date(2025, 1, 1), REFORM),
        ("tinh", "Tỉnh Quảng Ninh", REFORM, date(2026, 9, 1)),
        ("thanh_pho_tw", "Thành phố Quảng Ninh", date(2026, 9, 1), None),
    ]
    assert "36/2026/QH16" in rows[2].legal_basis
    assert "202/2025/QH15" in rows[1].legal_basis
    link = UnitSuccession.objects.get(predecessor=rows[1])
    assert (link.successor, link.effective_on, link.partial) == (rows[2], date(2026, 9, 1), False)
    assert AdministrativeUnit.objects.at(date(2026, 8, 31)).get(code="22") == rows[1]
    # the communes did not change: they belong to the city now
    assert (
        AdministrativeUnit.objects.current().communes().filter(province_code="22", parent=rows[2]).count()
        == 54
    )


def test_a_commune_that_became_a_ward(units):
    old, new = AdministrativeUnit.objects.filter(code="07294").exclude(valid_from=date(2025, 1, 1))
    assert (old.full_name, old.kind, old.valid_to) == ("Xã Bố Hạ", "xa", date(2026, 9, 20))
    assert (new.full_name, new.kind, new.valid_from, new.valid_to) == (
        "Phường Bố Hạ",
        "phuong",
        date(2026, 9, 20),
        None,
    )
    assert new.name_en == "Bo Ha Ward" and "388/NQ-UBTVQH16" in new.legal_basis
    assert old.parent.kind == "tinh" and new.parent.kind == "thanh_pho_tw"
    assert UnitSuccession.objects.filter(predecessor=old, successor=new).exists()


def test_dong_nai_and_its_wards_changed_before_the_snapshot(units):
    assert AdministrativeUnit.objects.at(date(2026, 4, 23)).get(code="75").kind == "tinh"
    assert AdministrativeUnit.objects.at(date(2026, 4, 24)).get(code="75").kind == "thanh_pho_tw"
    assert AdministrativeUnit.objects.at(date(2026, 4, 23)).get(code="26485").full_name == "Xã Nhơn Trạch"
    assert AdministrativeUnit.objects.at(date(2026, 4, 24)).get(code="26485").full_name == "Phường Nhơn Trạch"


def test_an_old_hai_duong_commune_maps_to_a_commune_of_hai_phong(units):
    old = AdministrativeUnit.objects.at(date(2025, 6, 30)).get(code="10510")
    assert (old.full_name, old.province_code, old.parent.full_name) == (
        "Phường Bình Hàn",
        "30",
        "Thành phố Hải Dương",
    )
    (link,) = old.successions.select_related("successor")
    assert (link.successor.full_name, link.successor.province_code) == ("Phường Thành Đông", "31")
    assert (link.partial, link.primary, link.effective_on) == (False, True, REFORM)
    assert "1669/NQ-UBTVQH15" in link.legal_basis


def test_a_divided_commune_has_partial_successors_and_one_primary(units):
    old = AdministrativeUnit.objects.at(date(2025, 6, 30)).get(code="10528")  # Phường Trần Phú, Hải Dương
    links = {
        s.successor.full_name: (s.partial, s.primary) for s in old.successions.select_related("successor")
    }
    assert links == {"Phường Lê Thanh Nghị": (True, True), "Phường Tân Hưng": (True, False)}


def test_every_legacy_unit_has_successors_and_every_new_unit_predecessors(units):
    legacy = AdministrativeUnit.objects.filter(valid_to=REFORM)
    assert not legacy.filter(successions__isnull=True).exists()
    new = AdministrativeUnit.objects.filter(valid_from=REFORM)
    assert not new.filter(predecessions__isnull=True).exists()
    divided = (
        UnitSuccession.objects.filter(predecessor__level="commune", partial=True)
        .values("predecessor")
        .annotate(primaries=Count("pk", filter=Q(primary=True)))
    )
    assert divided and {row["primaries"] for row in divided} == {1}


def test_legacy_provinces_map_onto_the_34(units):
    links = UnitSuccession.objects.filter(predecessor__level="province", effective_on=REFORM)
    pairs = set(links.values_list("predecessor__code", "successor__code"))
    assert len(pairs) == 63
    assert {old for old, new in pairs if new == "79"} == {"74", "77", "79"}  # Bình Dương, BR-VT, TP HCM
    assert {old for old, new in pairs if new == "31"} == {"30", "31"}
    assert {new for _, new in pairs} == set(
        AdministrativeUnit.objects.at(REFORM).provinces().values_list("code", flat=True)
    )


def test_every_row_has_a_parent_in_force_at_its_end(units):
    communes = AdministrativeUnit.objects.filter(level="commune", valid_from__gte=REFORM).select_related(
        "parent"
    )
    for commune in communes:
        parent = commune.parent
        assert parent.code == commune.province_code and parent.level == "province"
        if commune.valid_to is None:
            assert parent.valid_to is None
        else:
            assert parent.valid_from < commune.valid_to and (
                parent.valid_to is None or parent.valid_to >= commune.valid_to
            )
    assert not AdministrativeUnit.objects.filter(level="district", parent__isnull=True).exists()
