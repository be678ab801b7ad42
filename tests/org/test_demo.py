"""`motcua org demo`: what `make run` users find, and that a second run changes nothing."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.accounts.models import User
from motcua.org import selectors
from motcua.org.agency_codes import parse
from motcua.org.models import (
    Agency,
    AgencyKind,
    Branch,
    Counter,
    PlaceKind,
    ReceptionPlace,
    ServiceCenter,
    StaffAssignment,
)
from motcua.org.roles import RoleCode
from motcua.units.models import AdministrativeUnit
from tests.twofactor import verified_login

pytestmark = pytest.mark.django_db

COUNTED = (ReceptionPlace, Counter, Agency, User, StaffAssignment)


def run_demo() -> str:
    out = StringIO()
    call_command("org", "demo", "--force", stdout=out)
    return out.getvalue()


def communes_of(code: str) -> set[int]:
    return set(
        AdministrativeUnit.objects.current()
        .communes()
        .filter(province_code=code)
        .values_list("pk", flat=True)
    )


def test_demo_from_an_empty_database_then_again(client):
    """One scenario, so the administrative units are loaded once: first run, second run, the documented
    accounts, the invariants, and a third run after an operator's deletions and edits."""
    first = run_demo()  # loads the administrative units itself
    counts = {model: model.objects.count() for model in COUNTED}

    hanoi_places = ReceptionPlace.objects.filter(province__code="01")
    assert hanoi_places.filter(kind=PlaceKind.CENTER).get().center_model == "one_level"
    assert Branch.objects.filter(province__code="01").count() == 12
    assert hanoi_places.filter(kind=PlaceKind.SERVICE_POINT).count() == 30 + 1  # and the online desk
    center = hanoi_places.get(kind=PlaceKind.CENTER)
    assert center.online_desk.code == "01.TTTT" and center.online_desk.center_id == center.pk
    commune_points = hanoi_places.filter(kind=PlaceKind.COMMUNE_POINT)
    assert commune_points.count() == 126
    assert set(commune_points.values_list("commune_id", flat=True)) == communes_of("01")

    haiphong = ServiceCenter.objects.filter(province__code="31")
    assert haiphong.provincial_centers().get().center_model == "two_tier"
    assert haiphong.commune_centers().count() == 114
    assert set(haiphong.commune_centers().values_list("commune_id", flat=True)) == communes_of("31")

    committees = Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE)
    assert committees.filter(province__code="01").count() == 126
    assert committees.filter(province__code="31").count() == 114
    assert Agency.objects.filter(province__code="01", name="Sở Tư pháp thành phố Hà Nội").exists()

    # Every place has 2 to 10 counters; no place is empty (an online desk is a back office: none).
    desks = ReceptionPlace.objects.filter(online_desk__isnull=False).values("online_desk")
    per_place = [p.counters.count() for p in ReceptionPlace.objects.exclude(pk__in=desks)]
    assert min(per_place) >= 2 and max(per_place) <= 10

    second = run_demo()
    assert {model: model.objects.count() for model in COUNTED} == counts
    assert "Đã tạo: 0 nơi tiếp nhận, 0 quầy, 0 cơ quan, 0 cán bộ, 0 phân công" in second
    assert "Đã tạo: 286 nơi tiếp nhận" in first
    for account in ("admin", "tiepnhan.badinh", "giamsat.hanoi", "chuyenvien.tuphap", "giamsat.haiphong"):
        assert account in first and account in second

    check_documented_accounts(client)
    check_invariants()
    check_rerun_fills_in_what_was_deleted_and_leaves_the_rest()


def check_documented_accounts(client):
    assert client.login(username="tiepnhan.badinh", password="motcua-demo")
    officer = User.objects.get(username="tiepnhan.badinh")
    ba_dinh = ReceptionPlace.objects.get(kind=PlaceKind.COMMUNE_POINT, commune__code="00004")
    other = ReceptionPlace.objects.filter(kind=PlaceKind.COMMUNE_POINT).exclude(pk=ba_dinh.pk).first()
    assert selectors.can_act(officer, RoleCode.RECEPTION_OFFICER, ba_dinh)
    assert not selectors.can_act(officer, RoleCode.RECEPTION_OFFICER, other)

    supervisor = User.objects.get(username="giamsat.hanoi")
    assert set(selectors.places_for(supervisor)) == set(ReceptionPlace.objects.filter(province__code="01"))

    specialist = User.objects.get(username="chuyenvien.tuphap")
    assert [a.name for a in selectors.agencies_for(specialist)] == ["Sở Tư pháp thành phố Hà Nội"]

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert client.login(username="admin", password="motcua-demo")
    verified_login(client, admin)  # the admin site asks a superuser for the second factor (ADR 0051)
    assert client.get("/admin/org/branch/").status_code == 200
    # The generated staff share the demo password too (hashed once).
    someone = StaffAssignment.objects.filter(role__code=RoleCode.SPECIALIST).first().user
    assert someone.check_password("motcua-demo")


def check_invariants():
    # The database enforced the constraints on insert; what bulk inserts skip are the rules in clean().
    for place in ReceptionPlace.objects.select_related("parent", "province", "commune"):
        place.clean()
    codes = list(Agency.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    assert all(parse(code).level in (1, 2) for code in codes)
    for assignment in StaffAssignment.objects.select_related(
        "role", "place", "agency", "commune", "province"
    ):
        assignment.clean()
    usernames = User.objects.values_list("username", flat=True)
    assert all(re.fullmatch(r"[a-z0-9.]+", name) for name in usernames)
    assert User.objects.filter(username__regex=r"^[a-z]+\.[a-z]+\.[a-z]+[0-9]*$").count() > 1000
    names = User.objects.exclude(username="admin").values_list("full_name", flat=True)
    assert all(len(name.split()) == 3 for name in names)
    assert any(name.startswith("Nguyễn ") for name in names)


def check_rerun_fills_in_what_was_deleted_and_leaves_the_rest():
    point = ReceptionPlace.objects.get(code="01.DP07")
    StaffAssignment.objects.filter(place=point).delete()
    point.delete()
    User.objects.filter(username="giamsat.hanoi").delete()
    Counter.objects.filter(place__code="01.CN01", number=6).delete()
    renamed = ReceptionPlace.objects.get(code="01.CN02")
    renamed.name = "Chi nhánh Long Biên"
    renamed.save()

    out = run_demo()

    assert "Đã tạo: 1 nơi tiếp nhận, 5 quầy, 0 cơ quan, 1 cán bộ, 3 phân công" in out
    assert ReceptionPlace.objects.get(code="01.CN02").name == "Chi nhánh Long Biên"  # not overwritten
    assert ReceptionPlace.objects.filter(code="01.DP07").exists()


def test_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG đang tắt"):
        call_command("org", "demo")
    assert not ReceptionPlace.objects.exists()
