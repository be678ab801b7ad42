"""Report periods: a month, a quarter or a year, as local dates (start inclusive, end exclusive)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from motcua.calendar.clock import TZ


class BadPeriod(ValueError):
    code = "report.bad_period"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # exclusive
    label: str  # as printed on the report: "tháng 03/2026", "quý I/2026", "năm 2026"

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=TZ)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end, time(0), tzinfo=TZ)


def month(text: str) -> Period:
    found = re.fullmatch(r"(\d{4})-(\d{2})", text or "")
    if not found or not 1 <= int(found[2]) <= 12:
        raise BadPeriod(f"tháng không hợp lệ: {text!r} (viết YYYY-MM, ví dụ 2026-03)")
    year, m = int(found[1]), int(found[2])
    end = date(year + (m == 12), m % 12 + 1, 1)
    return Period(date(year, m, 1), end, f"tháng {m:02d}/{year}")


def quarter(text: str) -> Period:
    found = re.fullmatch(r"(\d{4})-Q([1-4])", (text or "").upper())
    if not found:
        raise BadPeriod(f"quý không hợp lệ: {text!r} (viết YYYY-Qn, ví dụ 2026-Q1)")
    year, q = int(found[1]), int(found[2])
    start = date(year, 3 * q - 2, 1)
    end = date(year + (q == 4), (3 * q) % 12 + 1, 1)
    return Period(start, end, f"quý {'I II III IV'.split()[q - 1]}/{year}")


def year(text: str) -> Period:
    if not re.fullmatch(r"\d{4}", text or ""):
        raise BadPeriod(f"năm không hợp lệ: {text!r} (viết YYYY, ví dụ 2026)")
    y = int(text)
    return Period(date(y, 1, 1), date(y + 1, 1, 1), f"năm {y}")
