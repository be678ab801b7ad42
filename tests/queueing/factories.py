"""A small Hà Nội with queues: Ba Đình's point offers Hộ tịch (A) and Đất đai (B), counter 1 serves
both, counter 2 only Đất đai; Hoàn Kiếm's point offers Hộ tịch at its one counter. An officer at each."""

from datetime import date, datetime

from motcua.calendar.clock import TZ
from motcua.catalog.models import Field
from motcua.org import services as org
from motcua.org.roles import RoleCode
from motcua.queueing.models import QueueService
from tests.org.factories import Hanoi, user

SINCE = date(2025, 7, 1)
MONDAY = date(2026, 3, 2)


def at(text: str) -> datetime:
    """'2026-03-02 09:00' as Vietnam local time."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def officer(place, name):
    person = user(full_name=name)
    org.assign_staff(user=person, role=RoleCode.RECEPTION_OFFICER, target=place, valid_from=SINCE)
    return person


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
