"""One Hà Nội (and a corner of Hải Phòng) for the whole privilege matrix, built once, outside any test
transaction, and removed afterwards (tests/snapshots.py), with one signed-in session per role.

Four dossiers, each with an applicant whose ID number, phone and address appear nowhere else:
- `ba_dinh`: received at Ba Đình's point, for Sóc Sơn's People's Committee (the reception officer's,
  the specialist's and the leader's own);
- `soc_son`: received at Sóc Sơn's point, for the Justice department (another unit for all three);
- `hai_phong`: received in Hải Phòng (another province for the supervisor and the system administrator);
- `online`: submitted online by the citizen (the citizen's own), for Sóc Sơn's People's Committee.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client

from motcua.accounts.models import Session
from motcua.catalog import services as catalog
from motcua.dossiers import services
from motcua.org.models import AgencyKind
from motcua.org.roles import RoleCode
from motcua.org.services import ensure_roles
from tests import snapshots
from tests.dossiers.factories import World, at, person, staff
from tests.org.factories import HaiPhong, agency
from tests.twofactor import verified_login

TOUCHED_APPS = (
    "documents", "dossiers", "search", "catalog", "calendar", "org", "units", "accounts", "notifications", "webhooks",
    "nationalportal", "axes", "otp_totp",
)  # fmt: skip

ROLES = ("anon", "cit", "rec", "spe", "lea", "sup", "cat", "pos", "adm")
SECOND_FACTOR = {"sup", "adm"}


@dataclass
class Applicant:
    id_number: str
    phone: str
    address: str

    @property
    def street(self) -> str:
        """The address's own token (ASCII: found the same in HTML, JSON and text)."""
        return self.address.split(" ")[3].rstrip(",")


@dataclass
class Matrix:
    world: World
    dossiers: dict[str, object] = field(default_factory=dict)
    applicants: dict[str, Applicant] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role in self.cookies:
            client.cookies["sessionid"] = self.cookies[role]
        return client


def _applicant(number: str, phone: str, street: str) -> dict:
    return person(id_number=number, phone=phone, address=f"{street}, xã Sóc Sơn")


def build() -> Matrix:
    world = World()
    m = Matrix(world)
    hai_phong = HaiPhong()
    hp_committee = agency(
        hai_phong.province,
        AgencyKind.COMMUNE_COMMITTEE,
        hai_phong.thanh_dong,
        "Ủy ban nhân dân phường Thành Đông",
    )
    hp_officer = staff(RoleCode.RECEPTION_OFFICER, hai_phong.center_thanh_dong, "Cán bộ Hải Phòng")
    catalog.adopt(province=hai_phong.province, procedure=world.birth, active=True)
    m.users = {
        "cit": world.citizen,
        "rec": world.officer,
        "spe": world.specialist,
        "lea": world.leader,
        "sup": world.supervisor,
        "cat": staff(RoleCode.CATALOG_ADMIN, world.province, "Quản trị danh mục Hà Nội"),
        "pos": staff(RoleCode.POSTAL_AGENT, world.point_ba_dinh, "Nhân viên bưu chính"),
        "adm": staff(RoleCode.SYSTEM_ADMIN, world.province, "Quản trị hệ thống Hà Nội"),
    }
    plans = {
        "ba_dinh": ("001090000111", "0911000111", "Số 11 ngõ K9111"),
        "soc_son": ("001090000222", "0911000222", "Số 22 ngõ K9222"),
        "hai_phong": ("031090000333", "0911000333", "Số 33 ngõ K9333"),
        "online": ("001090000444", "0911000444", "Số 44 ngõ K9444"),
    }
    for key, (number, phone, street) in plans.items():
        m.applicants[key] = Applicant(number, phone, f"{street}, xã Sóc Sơn")
    proc = world.birth
    common = {"case": world.case(proc, 0), "provided": world.documents(proc, 0), "at": at("2026-03-02 09:00")}
    m.dossiers["ba_dinh"] = services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=proc,
        applicant=_applicant(*plans["ba_dinh"]),
        **common,
    )
    licence = world.licence
    m.dossiers["soc_son"] = services.receive_at_counter(
        officer=world.officer_soc_son,
        place=world.point_soc_son,
        procedure=licence,
        case=world.case(licence, 0),
        provided=world.documents(licence, 0),
        applicant=_applicant(*plans["soc_son"]),
        at=at("2026-03-02 09:30"),
    )
    m.dossiers["hai_phong"] = services.receive_at_counter(
        officer=hp_officer,
        place=hai_phong.center_thanh_dong,
        procedure=proc,
        applicant=person(
            id_number=plans["hai_phong"][0],
            phone=plans["hai_phong"][1],
            address=m.applicants["hai_phong"].address,
            commune=hai_phong.thanh_dong.code,
        ),
        **common,
    )
    m.dossiers["online"] = services.submit_online(
        user=world.citizen,
        procedure=proc,
        province=world.province,
        applicant=_applicant(*plans["online"]),
        **common,
    )
    assert m.dossiers["hai_phong"].agency_id == hp_committee.pk
    for role, person_ in m.users.items():
        client = verified_login(Client(), person_) if role in SECOND_FACTOR else Client()
        if role not in SECOND_FACTOR:
            client.force_login(person_)
        m.cookies[role] = client.cookies["sessionid"].value
    return m


@pytest.fixture(scope="package")
def committed_matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = snapshots.last_ids(TOUCHED_APPS)
        with transaction.atomic():
            ensure_roles()
            built = build()
    yield built
    with django_db_blocker.unblock(), transaction.atomic():
        Session.objects.filter(user__in=list(built.users.values())).delete()
        snapshots.delete_newer(before)


@pytest.fixture
def matrix(committed_matrix, db):
    return committed_matrix


@pytest.fixture(scope="module", autouse=True)
def _forget_the_throttles():
    """The matrix opens every door as nine roles from one address: the rate limits it used up (booking,
    tracking…) must not refuse the next package's first requests."""
    yield
    from django.core.cache import cache

    cache.clear()
