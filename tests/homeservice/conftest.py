"""Home-service fixtures: the dossiers package's small Hà Nội (built once for this package, removed
afterwards), plus a working slot in the future and a request factory."""

from datetime import datetime, time, timedelta

import pytest

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.homeservice import services
from tests.dossiers.conftest import committed_world, world  # noqa: F401 (fixtures)


def next_working_slot(
    start=time(9, 0), minutes=60, after: datetime | None = None
) -> tuple[datetime, datetime]:
    """09:00–10:00 on the next working day of Hà Nội's calendar after `after` (default now)."""
    calendar = calendar_for("01")
    day = (after or datetime.now(TZ)).astimezone(TZ).date() + timedelta(days=1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    begin = datetime.combine(day, start, tzinfo=TZ)
    return begin, begin + timedelta(minutes=minutes)


def request_data(**overrides) -> dict:
    data = {
        "person_name": "Nguyễn Thị Hoa",
        "person_id_number": "001150012345",
        "person_phone": "0912 345 678",
        "requester_name": "Trần Văn Nam",
        "requester_relation": "con trai",
        "requester_phone": "0987654321",
        "reason": "elderly",
        "commune": "00004",
        "address": "Số 5 ngõ 12 Đội Cấn",
        "procedure": "9.100001",
        "preferred_days": ["1", "3"],
        "preferred_windows": ["morning"],
        "note": "Nhà có chó, gọi trước khi đến.",
    }
    return {**data, **overrides}


@pytest.fixture
def new_request(world):  # noqa: F811 (the imported fixture)
    def make(**overrides):
        return services.create_request(request_data(**overrides))

    return make
