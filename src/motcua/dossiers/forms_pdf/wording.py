"""How dates, times and counts are written on Vietnamese administrative documents (pure Python).

Decree 30/2020/NĐ-CP, Annex I: a day below 10 and a month below 3 take a leading zero
("ngày 05 tháng 02 năm 2025", but "ngày 15 tháng 3 năm 2025"). Times on the receipt are written
"08 giờ 30 phút". Every instant is shown in Vietnam's time zone, whatever zone it arrives in.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware instant")
    return moment.astimezone(VIETNAM)


def day_words(day: date | datetime) -> str:
    """ "ngày 05 tháng 11 năm 2020" (Decree 30/2020 zero padding)."""
    if isinstance(day, datetime):
        day = local(day).date()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_day(place: str, day: date | datetime) -> str:
    """The line under the national motto: "Hà Nội, ngày 05 tháng 11 năm 2020"."""
    return f"{place}, {day_words(day)}" if place else day_words(day).capitalize()


def moment_words(moment: datetime) -> str:
    """ "08 giờ 30 phút, ngày 05 tháng 11 năm 2020"."""
    at = local(moment)
    return f"{at.hour:02d} giờ {at.minute:02d} phút, {day_words(at)}"


def short_moment(moment: datetime | None) -> str:
    """Compact form for table cells: "08:30 05/11/2020"."""
    if moment is None:
        return ""
    at = local(moment)
    return f"{at:%H:%M} {at:%d/%m/%Y}"


def count_words(n: int) -> str:
    """Counts on forms are written with two digits: "01", "02", "12"."""
    return f"{n:02d}"


def honorific(sex: str | None) -> str:
    """Ông / Bà when the sex is known, the neutral "Ông/Bà" otherwise."""
    return {"male": "Ông", "female": "Bà"}.get(sex or "", "Ông/Bà")
