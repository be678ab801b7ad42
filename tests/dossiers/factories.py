"""A small Hà Nội to receive dossiers in: places, counters, agencies, staff and three procedures,
built through the org and catalog services (only the reference rows the scenarios need)."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count

from motcua.calendar.clock import TZ
from motcua.catalog import services as catalog
from motcua.org import services as org
from motcua.org.models import AgencyKind, PlaceKind
from motcua.org.roles import RoleCode
from tests.org.factories import Hanoi, agency, commune, place, user

_ids = count(1)
SINCE = date(2025, 7, 1)


def at(text: str) -> datetime:
    """'2026-02-13 10:30' as Vietnam local time."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def staff(role: RoleCode, target, name: str | None = None):
    person = user(full_name=name or f"Cán bộ {next(_ids)}")
    org.assign_staff(user=person, role=role, target=target, valid_from=SINCE)
    return person


def procedure(
    code: str,
    *,
    days: int = 3,
    level: str = "commune",
    boundary_free: bool = True,
    fee: int = 0,
    steps: list[dict] | None = None,
    online_level: str = "full",
    unit: str = "working_days",
    agency_name: str = "Sở Tư pháp",
):
    """A published procedure with two required documents and an optional one; two cases."""
    data = {
        "name": f"Thủ tục thử nghiệm {code}",
        "field": "Hộ tịch",
        f"at_{level}": True,
        "agency_kind": "commune_pc" if level == "commune" else "province_department",
        "agency_name": "" if level == "commune" else agency_name,
        "boundary_free": boundary_free,
        "online_level": online_level,
        "channel_terms": [
            {
                "channel": channel,
                "time_value": str(days),
                "time_unit": unit,
                "fee_kind": "amount" if fee else "free",
                "fee_amount": fee,
            }
            for channel in ("in_person", "online", "postal")
        ],
        "cases": ["Đăng ký đúng hạn", "Đăng ký quá hạn"],
        "documents": [
            {"name": "Tờ khai", "originals": 1, "copies": 0, "case": None},
            {"name": "Giấy chứng sinh", "originals": 1, "copies": 0, "case": 0},
            {"name": "Văn bản xác nhận cư trú", "originals": 0, "copies": 1, "case": 1},
            {"name": "Giấy tờ khác (nếu có)", "originals": 0, "copies": 1, "case": None, "required": False},
        ],
        "process_steps": steps or [],
    }
    proc = catalog.create_procedure(code=code)
    draft = catalog.create_draft(procedure=proc, data=data)
    catalog.publish(version=draft, valid_from=SINCE)
    return proc


def person(**overrides) -> dict:
    data = {
        "kind": "person",
        "full_name": "Nguyễn Văn An",
        "id_number": "001090012345",  # Hà Nội, male, born 1990
        "birth_date": "1990-05-17",
        "sex": "male",
        "phone": "0912345678",
        "email": "an@example.vn",
        "address": "Thôn Đông, xã Sóc Sơn",
        "commune": "00376",
    }
    return {**data, **overrides}


class World(Hanoi):
    """tests.org.factories.Hanoi plus Sóc Sơn (its point and People's Committee), counters, staff and
    three procedures adopted by the city: commune-level boundary-free (3 days), commune-level bound to
    the commune (2 days) and province-level at the Justice department (5 days, 100,000 đ)."""

    def __init__(self):
        super().__init__()
        self.soc_son = commune(self.province, "00376", "Sóc Sơn", kind="xa")
        self.branch_soc_son = place(self.center, PlaceKind.BRANCH, self.soc_son, "01.CN12", "Chi nhánh số 12")
        self.point_soc_son = place(
            self.branch_soc_son,
            PlaceKind.COMMUNE_POINT,
            self.soc_son,
            "01.X00376",
            "Điểm tiếp nhận xã Sóc Sơn",
        )
        self.counter1 = org.add_counter(place=self.point_ba_dinh)
        self.counter2 = org.add_counter(place=self.point_ba_dinh)
        self.committee_soc_son = agency(
            self.province,
            AgencyKind.COMMUNE_COMMITTEE,
            self.soc_son,
            "Ủy ban nhân dân xã Sóc Sơn",
            "000.00.12.H26",
        )
        self.officer = staff(RoleCode.RECEPTION_OFFICER, self.point_ba_dinh, "Trần Thị Bình")
        self.officer2 = staff(RoleCode.RECEPTION_OFFICER, self.point_ba_dinh, "Lê Văn Cường")
        self.officer_soc_son = staff(RoleCode.RECEPTION_OFFICER, self.point_soc_son, "Phạm Thị Dung")
        self.specialist = staff(RoleCode.SPECIALIST, self.committee_soc_son, "Hoàng Văn Em")
        self.specialist2 = staff(RoleCode.SPECIALIST, self.committee_soc_son, "Vũ Thị Giang")
        self.leader = staff(RoleCode.LEADER, self.committee_soc_son, "Đỗ Văn Hùng")
        self.justice_specialist = staff(RoleCode.SPECIALIST, self.justice, "Bùi Thị Lan")
        self.justice_leader = staff(RoleCode.LEADER, self.justice, "Ngô Văn Minh")
        self.supervisor = staff(RoleCode.SUPERVISOR, self.province, "Đinh Thị Nga")
        self.citizen = user(username=f"congdan{next(_ids)}", full_name="Nguyễn Văn An")
        self.birth = procedure("9.100001", days=3)
        self.residence = procedure("9.100002", days=2, boundary_free=False)
        self.licence = procedure("9.100003", days=5, level="province", boundary_free=True, fee=100_000)
        for proc in (self.birth, self.residence, self.licence):
            catalog.adopt(province=self.province, procedure=proc, active=True)

    def version(self, proc):
        return proc.versions.get()

    def documents(self, proc, case_index: int | None = 0) -> list[int]:
        """Ids of every required document for a case (index into the version's cases)."""
        version = self.version(proc)
        case = self.case(proc, case_index)
        return [
            d.pk
            for d in version.documents.all()
            if d.required and d.case_id in (None, getattr(case, "pk", None))
        ]

    def case(self, proc, index: int | None = 0):
        return None if index is None else self.version(proc).cases.order_by("position")[index]
