"""The demo plan and the name generator, without a database."""

import random

from motcua.org.agency_codes import parse
from motcua.org.demo.names import PersonName, Usernames, person_name
from motcua.org.demo.plan import Unit, build_plan
from motcua.org.models import PlaceKind
from motcua.org.roles import RoleCode, ScopeKind


def units(n_hanoi=126, n_haiphong=114):
    hanoi = [Unit("00004", "Ba Đình", "Phường Ba Đình")] + [
        Unit(f"{10 + i:05d}", f"Xã {i}", f"Xã Thử {i}") for i in range(n_hanoi - 1)
    ]
    haiphong = [Unit(f"{20000 + i:05d}", f"Đông {i}", f"Phường Đông {i}") for i in range(n_haiphong)]
    return {
        "01": (Unit("01", "Hà Nội", "Thành phố Hà Nội"), hanoi),
        "31": (Unit("31", "Hải Phòng", "Thành phố Hải Phòng"), haiphong),
    }


def test_usernames_fold_vietnamese_including_d_bar():
    assert PersonName("Đặng", "Thị", "Hằng").username_base == "dang.thi.hang"
    assert PersonName("Nguyễn", "Văn", "Đức").username_base == "nguyen.van.duc"
    names = Usernames({"nguyen.van.an"})
    assert [names.claim("nguyen.van.an") for _ in range(2)] == ["nguyen.van.an2", "nguyen.van.an3"]
    assert names.claim("le.thi.hoa") == "le.thi.hoa"


def test_names_are_deterministic_and_look_vietnamese():
    first = [person_name(random.Random(7)).full for _ in range(3)]
    again = [person_name(random.Random(7)).full for _ in range(3)]
    assert first == again
    sample = [person_name(random.Random(i)) for i in range(400)]
    families = {name.family for name in sample}
    assert "Nguyễn" in families and len(families) >= 10
    nguyen_share = sum(name.family == "Nguyễn" for name in sample) / len(sample)
    assert 0.25 < nguyen_share < 0.5  # the most common family name, by far


def test_the_plan_has_the_shape_of_both_models():
    plan = build_plan(units())
    kinds = [(p.province_code, p.kind) for p in plan.places]
    assert kinds.count(("01", PlaceKind.CENTER)) == 1
    assert kinds.count(("01", PlaceKind.BRANCH)) == 12
    assert kinds.count(("01", PlaceKind.SERVICE_POINT)) == 30 + 1  # and the center's online desk
    assert kinds.count(("01", PlaceKind.COMMUNE_POINT)) == 126
    centers = [p for p in plan.places if p.kind == PlaceKind.CENTER and p.parent_code is None]
    desks = {p.code: p for p in plan.places}
    for center in centers:  # each provincial center names its online desk, a point directly under it
        desk = desks[center.online_desk_code]
        assert desk.kind == PlaceKind.SERVICE_POINT and desk.parent_code == center.code
    assert kinds.count(("31", PlaceKind.CENTER)) == 115
    codes = [p.code for p in plan.places]
    assert len(codes) == len(set(codes))
    # Parents come before their children, so the loader can insert level by level.
    seen = set()
    for place in plan.places:
        assert place.parent_code is None or place.parent_code in seen
        seen.add(place.code)


def test_the_plan_is_deterministic_with_unique_names_and_codes():
    plan, again = build_plan(units()), build_plan(units())
    assert plan == again
    usernames = [s.username for s in plan.staff]
    assert len(usernames) == len(set(usernames))
    agency_codes = [a.code for a in plan.agencies]
    assert len(agency_codes) == len(set(agency_codes))
    assert {str(parse(code)) for code in agency_codes} == set(agency_codes)
    assert all(a.code.endswith(".H26") for a in plan.agencies if a.province_code == "01")


def test_every_place_and_agency_has_staff_and_the_accounts_are_documented():
    plan = build_plan(units())
    staffed = {s.scope.key for s in plan.staff}
    assert all(p.code in staffed for p in plan.places)
    assert all(a.code in staffed for a in plan.agencies)
    accounts = {s.username: s for s in plan.accounts}
    assert accounts["tiepnhan.badinh"].scope.key == "01.X00004"
    assert (
        accounts["tructuyen.hanoi"].scope.key == "01.TTTT"
        and accounts["tructuyen.haiphong"].scope.key == "31.TTTT"
    )
    assert accounts["giamsat.hanoi"].scope.kind == ScopeKind.PROVINCE
    assert accounts["admin"].is_superuser and accounts["admin"].role == RoleCode.SYSTEM_ADMIN
    assert all(s.account for s in accounts.values())
    assert sum(s.is_superuser for s in plan.staff) == 1


def test_the_plan_follows_the_number_of_communes():
    plan = build_plan(units(n_hanoi=40, n_haiphong=3))
    kinds = [(p.province_code, p.kind) for p in plan.places]
    assert kinds.count(("01", PlaceKind.COMMUNE_POINT)) == 40
    assert kinds.count(("01", PlaceKind.BRANCH)) == 12
    assert kinds.count(("31", PlaceKind.CENTER)) == 4
