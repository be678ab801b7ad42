"""Time units the time cell lost, recovered from what the same page says elsewhere (ADR 0022). Pure Python.

For a bare number N (the crawl kept "7" of "07 ngày làm việc") or an empty cell, in order:
1. the page's own text (the row's description, the steps, the conditions, the documents): "N ngày làm việc",
   "N giờ làm việc", "N ngày", "N tháng" with the same N; for an empty cell, the limit the text states after
   "thời hạn giải quyết";
2. "ngay trong ngày" / "sau 15 giờ … ngày làm việc tiếp theo" with N = 1 or no N → the same working day (the
   legal clock applies the 15:00 cut-off);
3. another channel of the same procedure with the same N and a known unit;
4. the legal basis: a law that states every limit of its procedures in working days (`WORKING_DAY_LAWS`).
"N Ngày" (calendar) becomes working days when the page says "N ngày làm việc" for that N. Whatever stays
unknown keeps its issue and is flagged for review.
"""

import re
from dataclasses import replace
from decimal import Decimal

from motcua.catalog.vocabulary import TimeUnit

from .terms import ChannelTermData

_UNITS = (
    (r"ngày làm việc", TimeUnit.WORKING_DAYS),
    (r"giờ làm việc", TimeUnit.WORKING_HOURS),
    (r"ngày(?! làm việc)", TimeUnit.CALENDAR_DAYS),
    (r"tháng", TimeUnit.MONTHS),
)
_SAME_DAY = re.compile(
    r"ngay trong (ngày|buổi)|trả kết quả (ngay )?trong ngày|sau 15 giờ[^.]{0,200}ngày làm việc tiếp theo",
    re.IGNORECASE,
)
_STATED = re.compile(
    r"thời (hạn|gian) (giải quyết|thực hiện|cấp)[^0-9.;]{0,60}?(\d{1,3})\s*\(?[^)0-9]{0,20}\)?\s*"
    r"(ngày làm việc|giờ làm việc|ngày|tháng)",
    re.IGNORECASE,
)
# Laws whose procedures' limits are all written in working days: a bare N under them is N working days.
WORKING_DAY_LAWS = {
    "60/2014/QH13": "Luật Hộ tịch 2014 (Điều 17, 22, 25, 26, 28, 29: 'ngày làm việc')",
    "123/2015/NĐ-CP": "Nghị định 123/2015/NĐ-CP hướng dẫn Luật Hộ tịch",
    "23/2015/NĐ-CP": "Nghị định 23/2015/NĐ-CP về chứng thực (Điều 21: 'ngày làm việc')",
    "68/2020/QH14": "Luật Cư trú 2020 (Điều 22, 28, 31: 'ngày làm việc')",
    "62/2021/NĐ-CP": "Nghị định 62/2021/NĐ-CP hướng dẫn Luật Cư trú",
    "59/2020/QH14": "Luật Doanh nghiệp 2020 (Điều 26, 31: 'ngày làm việc')",
}
# Fields governed by one law that states its limits in working days, for records whose legal basis the
# crawl lost: Luật Doanh nghiệp 2020 (59/2020/QH14, Điều 26, 31: "03 ngày làm việc") and its decree.
WORKING_DAY_FIELDS = {
    "Thành lập và hoạt động của doanh nghiệp": "59/2020/QH14",
    "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)": "59/2020/QH14",
    "Hộ tịch": "60/2014/QH13",
    "Chứng thực": "23/2015/NĐ-CP",
    "Cư trú": "68/2020/QH14",
}
_UNIT_WORDS = {"ngày làm việc": TimeUnit.WORKING_DAYS, "giờ làm việc": TimeUnit.WORKING_HOURS}


def _with_unit(n: Decimal, texts: list[str]) -> TimeUnit | None:
    number = rf"(?<![\d.,])0*{int(n)}(?![\d.,])"
    for pattern, unit in _UNITS:
        if any(re.search(rf"{number}\s*(?:\([^)]{{0,20}}\)\s*)?{pattern}", t, re.IGNORECASE) for t in texts):
            return unit
    return None


def _stated(texts: list[str]) -> tuple[Decimal, TimeUnit] | None:
    for text in texts:
        match = _STATED.search(text)
        if match:
            word = match.group(4).lower()
            return Decimal(match.group(3)), _UNIT_WORDS.get(
                word, TimeUnit.MONTHS if word == "tháng" else TimeUnit.CALENDAR_DAYS
            )
    return None


def _set(term: ChannelTermData, value, unit: TimeUnit, source: str) -> None:
    term.time = replace(term.time, value=value, unit=unit, issue="")
    term.time_source = source


def recover_times(terms: list[ChannelTermData], page_texts: list[str], legal_numbers=()) -> None:
    """Fill lost units in place; `page_texts` are the page's other texts (steps, conditions, documents),
    `legal_numbers` the numbers of its legal basis ("60/2014/QH13")."""
    for term in terms:
        texts = [term.description, *page_texts]
        time = term.time
        if time.issue == "time_no_unit":
            n = Decimal(re.sub(r"[.,].*$", "", time.text) or "0")
            unit = _with_unit(n, texts)
            if unit is None and n <= 1 and any(_SAME_DAY.search(t) for t in texts):
                _set(term, None, TimeUnit.SAME_DAY, "description")
            elif unit is not None:
                _set(term, n, unit, "description")
        elif time.issue == "time_missing":
            stated = _stated(texts)
            if stated:
                _set(term, stated[0], stated[1], "description")
            elif any(_SAME_DAY.search(t) for t in texts):
                _set(term, None, TimeUnit.SAME_DAY, "description")
        elif time.unit == TimeUnit.CALENDAR_DAYS and time.value is not None:
            if _with_unit(time.value, texts) == TimeUnit.WORKING_DAYS:
                _set(term, time.value, TimeUnit.WORKING_DAYS, "description")
    known = [t for t in terms if t.time.usable]
    for term in terms:
        if term.time.issue == "time_no_unit":
            n = Decimal(re.sub(r"[.,].*$", "", term.time.text) or "0")
            match = next((k for k in known if k.time.value == n and k.time.unit != TimeUnit.UNKNOWN), None)
            if match is not None:
                _set(term, n, match.time.unit, "other_channel")
        elif term.time.issue == "time_missing" and known:
            units = {(k.time.value, k.time.unit) for k in known}
            if len(units) == 1:
                value, unit = units.pop()
                _set(term, value, unit, "other_channel")
    if any(number in WORKING_DAY_LAWS for number in legal_numbers):
        for term in terms:
            if term.time.issue == "time_no_unit":
                n = Decimal(re.sub(r"[.,].*$", "", term.time.text) or "0")
                if 0 < n <= 90:
                    _set(term, n, TimeUnit.WORKING_DAYS, "legal_basis")
