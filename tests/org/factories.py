"""Small factories: units, places, agencies and staff built through the org services."""

from datetime import date
from itertools import count

from django.contrib.auth import get_user_model

from motcua.org import services
from motcua.org.agency_codes import AgencyCode, segment
from motcua.org.models import AgencyKind, CenterModel, PlaceKind
from motcua.units.models import AdministrativeUnit, UnitKind, UnitLevel

REFORM = date(2025, 7, 1)
_numbers = count(1)


def province(code: str = "01", name: str = "Hà Nội") -> AdministrativeUnit:
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=code,
        level=UnitLevel.PROVINCE,
        valid_to=None,
        defaults={
            "kind": UnitKind.THANH_PHO_TW,
            "name": name,
            "full_name": f"Thành phố {name}",
            "province_code": code,
            "valid_from": REFORM,
        },
    )
    return unit


def commune(parent: AdministrativeUnit, code: str, name: str, kind=UnitKind.PHUONG) -> AdministrativeUnit:
    unit, _ = AdministrativeUnit.objects.get_or_create(
        code=code,
        level=UnitLevel.COMMUNE,
        valid_to=None,
        defaults={
            "kind": kind,
            "name": name,
            "full_name": f"{UnitKind(kind).label} {name}",
            "province_code": parent.code,
            "parent": parent,
            "valid_from": REFORM,
        },
    )
    return unit


def user(username: str | None = None, **extra):
    username = username or f"canbo{next(_numbers)}"
    return get_user_model().objects.create_user(username=username, password=None, **extra)


def one_level_center(prov: AdministrativeUnit, **kwargs):
    defaults = {
        "code": f"{prov.code}.TT",
        "name": f"Trung tâm Phục vụ hành chính công {prov.full_name.lower()}",
        "center_model": CenterModel.ONE_LEVEL,
    }
    return services.create_center(province=prov, **(defaults | kwargs))


def place(parent, kind=PlaceKind.SERVICE_POINT, commune=None, code=None, name=None):
    number = next(_numbers)
    return services.add_place(
        parent=parent,
        kind=kind,
        code=code or f"{parent.province.code}.P{number}",
        name=name or f"Điểm {number}",
        commune=commune,
    )


_agency_numbers = count(1)  # apart from users and places: a code level holds only 1,035 unit numbers


def agency(prov, kind=AgencyKind.DEPARTMENT, commune=None, name=None, code=None):
    number = next(_agency_numbers)
    return services.create_agency(
        province=prov,
        kind=kind,
        code=code or str(AgencyCode("H90").child(segment(number))),
        name=name or f"Cơ quan {number}",
        commune=commune,
    )


class Hanoi:
    """A small Hà Nội: the city center, branch 1 with Ba Đình's and Ngọc Hà's commune points, branch 2 with
    Hoàn Kiếm's; the Justice department and Ba Đình's People's Committee."""

    def __init__(self):
        self.province = province("01", "Hà Nội")
        self.ba_dinh = commune(self.province, "00004", "Ba Đình")
        self.ngoc_ha = commune(self.province, "00008", "Ngọc Hà")
        self.hoan_kiem = commune(self.province, "00070", "Hoàn Kiếm")
        self.center = one_level_center(self.province, commune=self.ba_dinh)
        self.branch1 = place(self.center, PlaceKind.BRANCH, self.ba_dinh, "01.CN01", "Chi nhánh số 1")
        self.branch2 = place(self.center, PlaceKind.BRANCH, self.hoan_kiem, "01.CN02", "Chi nhánh số 2")
        self.point_ba_dinh = place(
            self.branch1, PlaceKind.COMMUNE_POINT, self.ba_dinh, "01.X00004", "Điểm tiếp nhận phường Ba Đình"
        )
        self.point_ngoc_ha = place(
            self.branch1, PlaceKind.COMMUNE_POINT, self.ngoc_ha, "01.X00008", "Điểm tiếp nhận phường Ngọc Hà"
        )
        self.point_hoan_kiem = place(
            self.branch2,
            PlaceKind.COMMUNE_POINT,
            self.hoan_kiem,
            "01.X00070",
            "Điểm tiếp nhận phường Hoàn Kiếm",
        )
        self.justice = agency(
            self.province, AgencyKind.DEPARTMENT, name="Sở Tư pháp thành phố Hà Nội", code="000.00.01.H26"
        )
        self.committee_ba_dinh = agency(
            self.province,
            AgencyKind.COMMUNE_COMMITTEE,
            self.ba_dinh,
            "Ủy ban nhân dân phường Ba Đình",
            "000.00.17.H26",
        )


class HaiPhong:
    """A two-tier Hải Phòng: the city center and the centers of Thành Đông and Hải Dương."""

    def __init__(self):
        self.province = province("31", "Hải Phòng")
        self.thanh_dong = commune(self.province, "10525", "Thành Đông")
        self.hai_duong = commune(self.province, "10532", "Hải Dương")
        self.center = services.create_center(
            province=self.province,
            code="31.TT",
            name="Trung tâm Phục vụ hành chính công thành phố Hải Phòng",
            center_model=CenterModel.TWO_TIER,
        )
        self.center_thanh_dong = place(
            self.center, PlaceKind.CENTER, self.thanh_dong, "31.TTX10525", "Trung tâm phường Thành Đông"
        )
        self.center_hai_duong = place(
            self.center, PlaceKind.CENTER, self.hai_duong, "31.TTX10532", "Trung tâm phường Hải Dương"
        )
