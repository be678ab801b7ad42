"""Fees read from their notes (ADR 0022). Pure Python. Runs after `terms.channel_terms`:

- "áp dụng mức phí X đồng … từ ngày A đến hết ngày B" / "Miễn phí từ ngày A đến B": the row becomes
  terms with validity windows — the reduced (or free) rate for [A, B], the cell's rate before A (when A is
  after the catalog's start) and after B. A dossier is charged by its submission date.
- "Miễn phí(150.000 đồng/giấy)": the cell lost the amount, the note keeps it → that amount (flagged, the
  source contradicts itself); several amounts → unknown, the tiers kept, flagged; a note saying the
  provincial People's Council sets the rate → set by the province.
- Per-page tiers ("2.000 đồng/trang … từ trang thứ ba 1.000 đồng/trang") → `fee_tiers`, the first tier
  as the amount.
- An amount below 1,000 đồng is implausible: free when the note says the channel is exempt ("được miễn"),
  otherwise unknown and flagged.
"""

import re
from dataclasses import replace
from datetime import date, timedelta

from motcua.catalog.vocabulary import FeeKind

from .terms import ChannelTermData

CATALOG_START = date(2025, 7, 1)
MIN_PLAUSIBLE_VND = 1000
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_REDUCED = re.compile(
    rf"áp dụng mức (?:thu|phí|lệ phí)?\s*(?:là\s*)?(\d{{1,3}}(?:[.,]\d{{3}})+|\d+)\s*(?:đồng|đ)\b[^()]{{0,80}}?"
    rf"(?:kể\s*)?từ ngày\s*{_DATE}\s*đến\s*(?:hết\s*)?(?:ngày\s*)?{_DATE}",
    re.IGNORECASE,
)
# "Kể từ ngày 01/12/2023 đến hết ngày 31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần cấp"
_REDUCED_AFTER = re.compile(
    rf"(?:kể\s*)?từ ngày\s*{_DATE}\s*đến\s*(?:hết\s*)?(?:ngày\s*)?{_DATE}\s*,?\s*áp dụng mức (?:thu\s*)?"
    rf"(?:lệ phí|phí)?\s*(?:là\s*)?(\d{{1,3}}(?:[.,]\d{{3}})+|\d+)\s*(?:đồng|đ)\b",
    re.IGNORECASE,
)
_ONLINE_ONLY = re.compile(r"trực tuyến[^.;]{0,80}$", re.IGNORECASE)
_FREE_WINDOW = re.compile(
    rf"miễn(?: phí| lệ phí)?[^()]{{0,40}}?(?:kể\s*)?từ ngày\s*{_DATE}\s*đến\s*(?:hết\s*)?(?:ngày\s*)?{_DATE}",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d{4,})\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
_PER_PAGE = re.compile(
    r"([^;.,()]{0,60}?)(\d{1,3}(?:[.,]\d{3})+|\d+)\s*đồng\s*/\s*trang([^;.()]{0,60})", re.IGNORECASE
)
_EXEMPT = re.compile(r"được miễn|miễn (lệ phí|phí)", re.IGNORECASE)
_DATED = re.compile(r"(đến hết ngày|kể từ ngày|từ ngày)\s*\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE)
_PROVINCE = re.compile(r"(hội đồng nhân dân|hđnd)[^.;]{0,30}(tỉnh|thành phố)", re.IGNORECASE)


def _day(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _vnd(number: str) -> int:
    return int(re.sub(r"[.,]", "", number))


def _fee(term: ChannelTermData, kind: FeeKind, amount: int | None) -> ChannelTermData:
    return replace(term, fee=replace(term.fee, kind=kind, amount=amount, issue=""), review=list(term.review))


def _unknown(term: ChannelTermData, code: str) -> ChannelTermData:
    """An unreadable fee carries its issue like any other (the import's statistics count it)."""
    return replace(
        term, fee=replace(term.fee, kind=FeeKind.UNKNOWN, amount=None, issue=code), review=list(term.review)
    )


def _window(term: ChannelTermData, start: date | None, end: date | None) -> ChannelTermData:
    copy = replace(term, review=list(term.review))
    copy.valid_from, copy.valid_until = start, end
    return copy


def _note_amounts(text: str) -> list[int]:
    return list(dict.fromkeys(_vnd(a) for a in _AMOUNT.findall(text)))


def _read_note(term: ChannelTermData) -> ChannelTermData:
    """The cell's own rate, corrected by what its note says."""
    fee, text = term.fee, term.fee.text
    pages = list(_PER_PAGE.finditer(text))
    if len(pages) >= 2:
        tiers = [{"label": m.group(0).strip(" :;,-"), "amount": _vnd(m.group(2))} for m in pages]
        term = _fee(term, FeeKind.AMOUNT, tiers[0]["amount"])
        term.fee_tiers = tiers
        return term
    if fee.issue == "fee_amount_conflict" and len(_note_amounts(text)) == 1:
        # "135 VNĐ(Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.)": the cell lost its thousands
        term = _fee(term, FeeKind.AMOUNT, _note_amounts(text)[0])
        term.review.append(("fee", "fee_read_from_note", text))
        return term
    if fee.kind == FeeKind.FREE and text.lower().startswith("miễn phí") and len(text) > len("miễn phí"):
        note = _REDUCED_AFTER.sub("", _REDUCED.sub("", _FREE_WINDOW.sub("", text)))
        amounts = _note_amounts(note)
        if _PROVINCE.search(note) and not amounts:
            return _fee(term, FeeKind.PROVINCE, None)
        if len(amounts) == 1:
            term = _fee(term, FeeKind.AMOUNT, amounts[0])
            term.review.append(("fee", "fee_read_from_note", text))
            return term
        if len(amounts) > 1:
            term = _unknown(term, "fee_several_amounts")
            term.fee_tiers = [{"label": "", "amount": a} for a in amounts]
            return term
    if fee.kind == FeeKind.AMOUNT and fee.currency == "VND" and fee.amount and fee.amount < MIN_PLAUSIBLE_VND:
        if _EXEMPT.search(text) and not _REDUCED.search(text):
            return _fee(term, FeeKind.FREE, 0)
        term = _unknown(term, "fee_implausible")
    return term


def refine_fees(terms: list[ChannelTermData]) -> list[ChannelTermData]:
    refined: list[ChannelTermData] = []
    for term in terms:
        text = term.fee.text
        dated = _REDUCED.search(text)
        after = _REDUCED_AFTER.search(text) if not dated else None
        if after and _ONLINE_ONLY.search(text[: after.start()]) and term.channel != "online":
            after = None  # "Trường hợp … nộp hồ sơ theo hình thức trực tuyến: Kể từ ngày …": online only
        free = _FREE_WINDOW.search(text) if not (dated or after) else None
        base = _read_note(term)
        window = None
        if dated:
            window = (_day(*dated.groups()[1:4]), _day(*dated.groups()[4:7]))
            reduced = _fee(term, FeeKind.AMOUNT, _vnd(dated.group(1)))
        elif after:
            window = (_day(*after.groups()[0:3]), _day(*after.groups()[3:6]))
            reduced = _fee(term, FeeKind.AMOUNT, _vnd(after.group(7)))
        elif free:
            window = (_day(*free.groups()[0:3]), _day(*free.groups()[3:6]))
            reduced = _fee(term, FeeKind.FREE, 0)
        if not window or None in window or window[0] > window[1]:
            if _DATED.search(text) and not base.review and not base.fee.issue:
                base.review.append(("fee", "fee_dated_unread", text))
            refined.append(base)
            continue
        if (dated or after) and base.fee.kind == FeeKind.FREE:
            # "Miễn phí((áp dụng mức phí X … đến hết ngày B))": the cell lost the full rate.
            base = _unknown(base, "fee_after_window_unknown")
        start, end = window
        reduced.fee_tiers, reduced.review = [], []
        if start > CATALOG_START:
            refined.append(_window(base, None, start - timedelta(days=1)))
        refined.append(_window(reduced, start, end))
        refined.append(_window(base, end + timedelta(days=1), None))
    return refined
