"""A small Hà Nội with queues: Ba Đình's point offers Hộ tịch (A) and Đất đai (B), counter 1 serves
both, counter 2 only Đất đai; Hoàn Kiếm's point offers Hộ tịch at its one counter. An officer at each."""

from datetime import date, datetime
from itertools import count

from django.contrib.auth import get_user_model

from motcua.calendar.clock import TZ
from motcua.catalog.models import Field
from motcua.org import services as org
from motcua.org.models import PlaceKind
from motcua.org.roles import RoleCode
from motcua.queueing.models import QueueService
from tests.org.factories import commune, one_level_center, province

# Our own counter: tests.org.factories' shared one numbers agency codes, whose range other apps' tests
# rely on not being used up.
_users = count(1)

SINCE = date(2025, 7, 1)
MONDAY = date(2026, 3, 2)


def at(text: str) -> datetime:
    """'2026-03-02 09:00' as Vietnam local time."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def user(**extra):
    return get_user_model().objects.create_user(username=f"quay{next(_users)}", password=None, **extra)


def officer(place, name):
    person = user(full_name=name)
    org.assign_staff(user=person, role=RoleCode.RECEPTION_OFFICER, target=place, valid_from=SINCE)
    return person


class Hanoi:
    """The city center, branches 1 and 2, and the commune points of Ba Đình (branch 1) and Hoàn Kiếm
    (branch 2), built through the org services."""

    def __init__(self):
        self.province = province("01", "Hà Nội")
        self.ba_dinh = commune(self.province, "00004", "Ba Đình")
        self.hoan_kiem = commune(self.province, "00070", "Hoàn Kiếm")
        self.center = one_level_center(self.province, commune=self.ba_dinh)
        self.branch1 = _place(self.center, PlaceKind.BRANCH, self.ba_dinh, "01.CN01", "Chi nhánh số 1")
        self.branch2 = _place(self.center, PlaceKind.BRANCH, self.hoan_kiem, "01.CN02", "Chi nhánh số 2")
        self.point_ba_dinh = _place(
            self.branch1, PlaceKind.COMMUNE_POINT, self.ba_dinh, "01.X00004", "Điểm tiếp nhận phường Ba Đình"
        )
        self.point_hoan_kiem = _place(
            self.branch2,
            PlaceKind.COMMUNE_POINT,
            self.hoan_kiem,
            "01.X00070",
            "Điểm tiếp nhận phường Hoàn Kiếm",
        )


def _place(parent, kind, unit, code, name):
    return org.add_place(parent=parent, kind=kind, code=code, name=name, commune=unit)


class QueueWorld(Hanoi):
    def __init__(self):
        super().__init__()
        self.civil = Field.objects.get_or_create(name="Hộ tịch")[0]
        self.land = Field.objects.get_or_create(name="Đất đai")[0]
        p = self.point_ba_dinh
        self.civil_ba_dinh = QueueService.objects.create(
            place=p, prefix="A", code="ho-tich", name="Hộ tịch, chứng thực", field=self.civil
        )
        self.land_ba_dinh = QueueService.objects.create(
            place=p, prefix="B", code="dat-dai", name="Đất đai", field=self.land, order=1
        )
        self.counter1 = org.add_counter(place=p)
        self.counter2 = org.add_counter(place=p, field_codes=["dat-dai"])
        self.civil_hoan_kiem = QueueService.objects.create(
            place=self.point_hoan_kiem, prefix="A", code="ho-tich", name="Hộ tịch", field=self.civil
        )
        self.counter_hoan_kiem = org.add_counter(place=self.point_hoan_kiem)
        self.officer = officer(p, "Trần Thị Bình")
        self.officer2 = officer(p, "Lê Văn Cường")
        self.officer_hoan_kiem = officer(self.point_hoan_kiem, "Phạm Thị Dung")


def person(**overrides) -> dict:
    data = {"full_name": "Nguyễn Văn An", "id_number": "001090012345", "phone": "0912345678"}
    return {**data, **overrides}
