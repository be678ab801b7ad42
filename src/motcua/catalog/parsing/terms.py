"""Channels, time limits and fees ("Cách thức thực hiện") from scraped text. Pure Python.

Rules (docs/decisions/0005-procedure-catalog.md):
- "N Ngày làm việc" → working days; "N Ngày" → calendar days (the source distinguishes the two);
  "N Giờ làm việc" → working hours; "N Giờ" → hours; "N Tháng" → months; "Trong ngày" → same day;
  "Không quy định" → no time limit. "Không quá", "Tối đa", "Trong thời hạn" prefixes are dropped.
- A bare number ("7", "1", "120,000") has lost its unit in the source: kept verbatim, unit unknown,
  flagged. Prose ("Chậm nhất là ngay trước khi tàu rời cảng") likewise.
- Fees: "Miễn phí", "Không", 0 → free; an amount in VND/USD → amount; a note saying the People's
  Council / Committee of the province sets the rate → set by the province; "Không có thông tin", an
  empty cell, several conflicting amounts or a formula → unknown, flagged. Nothing is guessed.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from motcua.catalog.vocabulary import Channel, FeeKind, TimeUnit

CHANNEL_NAMES = {
    "trực tiếp": Channel.IN_PERSON,
    "trực tuyến": Channel.ONLINE,
    "dịch vụ bưu chính": Channel.POSTAL,
}
_CHANNEL_SPLIT = re.compile(r"(?:^|;\s*)(Trực tiếp|Trực tuyến|Dịch vụ bưu chính):\s*")
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_TIME_PREFIX = r"(?:không quá|tối đa|trong thời hạn|trong vòng|chậm nhất(?: là)?|trong)?\s*"
_TIME_UNITS = (
    (r"ngày làm việc", TimeUnit.WORKING_DAYS),
    (r"giờ làm việc", TimeUnit.WORKING_HOURS),
    (r"ngày", TimeUnit.CALENDAR_DAYS),
    (r"giờ", TimeUnit.HOURS),
    (r"tháng", TimeUnit.MONTHS),
)
_TIME_RE = [
    (re.compile(rf"^{_TIME_PREFIX}{_NUMBER}\s*(?:\([^)]*\)\s*)?{pattern}\.?$", re.IGNORECASE), unit)
    for pattern, unit in _TIME_UNITS
]
_SAME_DAY = re.compile(
    r"^(?:trả kết quả\s+)?(?:ngay\s+)?trong (?:ngày|ngày làm việc)(?:\.?$|\s*(?:tiếp nhận|nhận|;|,))"
    r"|^ngay (?:sau khi|khi) (?:nhận|tiếp nhận)",
    re.IGNORECASE,
)
_NOT_REGULATED = re.compile(r"^không quy định\.?$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


@dataclass(frozen=True)
class TimeLimit:
    value: Decimal | None
    unit: TimeUnit
    text: str
    issue: str = ""  # empty when machine-usable

    @property
    def usable(self) -> bool:
        return not self.issue


@dataclass(frozen=True)
class Fee:
    kind: FeeKind
    amount: int | None
    currency: str
    text: str
    issue: str = ""

    @property
    def usable(self) -> bool:
        return not self.issue


@dataclass
class ChannelTermData:
    channel: Channel
    time: TimeLimit
    fee: Fee
    description: str = ""
    extra: list[str] = field(default_factory=list)
    time_source: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    fee_tiers: list[dict] = field(default_factory=list)
    review: list[tuple[str, str, str]] = field(default_factory=list)  # (field, reason, detail)


def clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\xa0", " ")).strip()


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


def parse_time_limit(text: str | None) -> TimeLimit:
    raw = clean(text)
    if not raw or raw.lower() == "không có thông tin":
        return TimeLimit(None, TimeUnit.UNKNOWN, raw, "time_missing")
    if _SAME_DAY.match(raw):
        return TimeLimit(None, TimeUnit.SAME_DAY, raw)
    if _NOT_REGULATED.match(raw):
        return TimeLimit(None, TimeUnit.NOT_REGULATED, raw)
    for pattern, unit in _TIME_RE:
        match = pattern.match(raw)
        if match:
            return TimeLimit(_decimal(match.group(1)), unit, raw)
    if _BARE_NUMBER.match(raw):
        return TimeLimit(None, TimeUnit.UNKNOWN, raw, "time_no_unit")
    return TimeLimit(None, TimeUnit.UNKNOWN, raw, "time_unparsed")


# --- fees -----------------------------------------------------------------------------------------

_PROVINCE_SETS = re.compile(
    r"(hội đồng nhân dân|hđnd|ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s*(cấp\s*)?(các\s*)?(tỉnh|thành phố trực thuộc)",
    re.IGNORECASE,
)
_AMOUNT_CELL = re.compile(
    r"^(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(Việt Nam Đồng|VNĐ|VND|đồng|Đồng|USD)", re.IGNORECASE
)
_UNIT_ONLY_CELL = re.compile(r"^(Việt Nam Đồng|VNĐ|VND)", re.IGNORECASE)
_NOTE_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|vnđ|vnd|đ)\b", re.IGNORECASE)
_NHDANDZ_PART = re.compile(r"(Lệ phí|Phí)\s*:\s*([^\n]*)", re.IGNORECASE)
_FREE_WORDS = re.compile(r"^(miễn phí|không|không thu|không thu phí|không thu lệ phí)\b\.?", re.IGNORECASE)
_FEE_CELL_START = re.compile(
    r"^(miễn phí|không có thông tin|không phải trả|\d|việt nam đồng|vnđ|vnd|usd|phí|lệ phí)", re.IGNORECASE
)


def _amount(number: str, currency: str) -> tuple[int | None, str]:
    currency = "USD" if currency.upper() == "USD" else "VND"
    if currency == "VND":
        digits = re.sub(r"[.,]", "", number)
        return int(digits), currency
    value = _decimal(number)
    # USD amounts are whole dollars in this catalog; a fraction is kept in the text and flagged.
    return (int(value), currency) if value == value.to_integral() else (None, currency)


def _split_note(rest: str) -> tuple[str, str]:
    """'(note)description' → (note, description): the fee cell's note is a balanced parenthesis."""
    if not rest.startswith("("):
        return "", rest
    depth = 0
    for index, char in enumerate(rest):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return rest[1:index], rest[index + 1 :]
    return rest[1:], ""


def _province_sets(*texts: str) -> bool:
    return any(_PROVINCE_SETS.search(t) and re.search(r"phí|mức thu", t, re.IGNORECASE) for t in texts)


def parse_fee(text: str | None) -> tuple[Fee, str]:
    """A portal fee value (cell + optional (note) + description) → (Fee, description)."""
    raw = (text or "").replace("\xa0", " ").strip()
    if not raw:
        return Fee(FeeKind.UNKNOWN, None, "VND", raw, "fee_missing"), ""
    for prefix in ("Không có thông tin", "Miễn phí"):
        if raw.startswith(prefix):
            note, description = _split_note(raw[len(prefix) :])
            if _province_sets(note) or (prefix != "Miễn phí" and _province_sets(description)):
                return Fee(FeeKind.PROVINCE, None, "VND", clean(raw)), clean(description)
            if prefix == "Miễn phí":
                return Fee(FeeKind.FREE, 0, "VND", clean(raw)), clean(description)
            return Fee(FeeKind.UNKNOWN, None, "VND", clean(raw), "fee_no_information"), clean(description)
    match = _AMOUNT_CELL.match(raw)
    if match:
        amount, currency = _amount(match.group(1), match.group(2))
        note, description = _split_note(raw[match.end() :].lstrip())
        if amount is None:
            return Fee(FeeKind.UNKNOWN, None, currency, clean(raw), "fee_fraction"), clean(description)
        noted = {int(re.sub(r"[.,]", "", a)) for a in _NOTE_AMOUNT.findall(note)}
        if amount and amount not in noted and amount * 1000 in noted:
            # "20 VNĐ(20.000 vnđ /tờ khai)": the cell and its own note disagree by a factor 1,000.
            return Fee(FeeKind.UNKNOWN, None, currency, clean(raw), "fee_amount_conflict"), clean(description)
        kind = FeeKind.FREE if amount == 0 else FeeKind.AMOUNT
        return Fee(kind, amount, currency, clean(raw)), clean(description)
    match = _UNIT_ONLY_CELL.match(raw)
    if match:
        note, description = _split_note(raw[match.end() :].lstrip())
        amounts = {int(re.sub(r"[.,]", "", a)) for a in _NOTE_AMOUNT.findall(note)}
        if len(amounts) == 1:
            return Fee(FeeKind.AMOUNT, amounts.pop(), "VND", clean(raw)), clean(description)
        if _province_sets(note):
            return Fee(FeeKind.PROVINCE, None, "VND", clean(raw)), clean(description)
        return Fee(FeeKind.UNKNOWN, None, "VND", clean(raw), "fee_amount_in_note"), clean(description)
    if _NHDANDZ_PART.match(raw):
        return parse_fee_parts(raw), ""
    if _FREE_WORDS.match(raw):
        return Fee(FeeKind.FREE, 0, "VND", clean(raw)), ""
    return Fee(FeeKind.UNKNOWN, None, "VND", clean(raw), "fee_unparsed"), ""


def parse_fee_parts(text: str) -> Fee:
    """The .doc export's cell: 'Phí : 2.000.000 Đồng (note)' lines, possibly one 'Phí' and one 'Lệ phí'."""
    raw = clean(text)
    amounts: list[tuple[int, str]] = []
    for _label, value in _NHDANDZ_PART.findall(text):
        value = value.strip()
        if re.match(r"^(không|0)\s*(Đồng|USD)?\b", value, re.IGNORECASE):
            amounts.append((0, "VND"))
            continue
        match = re.match(r"^(\d{1,3}(?:\.\d{3})+|\d+(?:\.\d+)?)\s*(Đồng|USD)", value, re.IGNORECASE)
        if not match:
            if _province_sets(value):
                return Fee(FeeKind.PROVINCE, None, "VND", raw)
            return Fee(FeeKind.UNKNOWN, None, "VND", raw, "fee_unparsed")
        number, currency = match.groups()
        if currency.upper() == "USD":
            amount, cur = _amount(number, "USD")
        else:
            amount, cur = int(number.replace(".", "")), "VND"
        if amount is None:
            return Fee(FeeKind.UNKNOWN, None, cur, raw, "fee_fraction")
        amounts.append((amount, cur))
    paid = [(a, c) for a, c in amounts if a]
    if not amounts:
        return Fee(FeeKind.UNKNOWN, None, "VND", raw, "fee_missing")
    if not paid:
        return Fee(FeeKind.FREE, 0, "VND", raw)
    if len(paid) > 1:
        return Fee(FeeKind.UNKNOWN, None, paid[0][1], raw, "fee_several_amounts")
    return Fee(FeeKind.AMOUNT, paid[0][0], paid[0][1], raw)


# --- channel rows ---------------------------------------------------------------------------------


def split_by_channel(text: str | None) -> list[tuple[Channel | None, str]]:
    """'Trực tuyến: a; Trực tiếp: b' → [(online, a), (in_person, b)]; unsplit text → [(None, text)]."""
    text = (text or "").strip()
    parts = _CHANNEL_SPLIT.split(text)
    if len(parts) == 1 or parts[0].strip():
        return [(None, text)]
    return [(CHANNEL_NAMES[parts[i].lower()], parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def _merge_fee_fragments(rows: list[tuple[Channel | None, str]]) -> list[tuple[Channel | None, str]]:
    """A description containing 'Trực tuyến: ...' was split as if it were a row: glue it back."""
    merged: list[tuple[Channel | None, str]] = []
    for channel, value in rows:
        if merged and not _FEE_CELL_START.match(value):
            prev_channel, prev_value = merged[-1]
            merged[-1] = (prev_channel, f"{prev_value}; {value}")
        else:
            merged.append((channel, value))
    return merged


def channel_terms(time_text: str, fees_text: str, channels: list[str]) -> list[ChannelTermData]:
    """Pair time rows and fee rows by (channel, occurrence) as the portal table lists them."""
    offered = [CHANNEL_NAMES[c.lower()] for c in channels if c.lower() in CHANNEL_NAMES]
    time_rows = split_by_channel(time_text)
    fee_rows = _merge_fee_fragments(split_by_channel(fees_text))
    if time_rows[0][0] is None:
        base = time_rows[0][1]
        time_rows = [(c, base) for c in offered] if offered else [(Channel.IN_PERSON, base)]
    fees_by_channel: dict[Channel | None, list[str]] = {}
    for channel, value in fee_rows:
        fees_by_channel.setdefault(channel, []).append(value)
    seen: dict[Channel, int] = {}
    terms = []
    for channel, value in time_rows:
        occurrence = seen.get(channel, 0)
        seen[channel] = occurrence + 1
        candidates = fees_by_channel.get(channel) or fees_by_channel.get(None) or [""]
        fee_value = candidates[occurrence] if occurrence < len(candidates) else candidates[0]
        fee, description = parse_fee(fee_value)
        terms.append(ChannelTermData(channel, parse_time_limit(value), fee, description))
    return terms


def table_terms(rows: list[dict]) -> list[ChannelTermData]:
    """The .doc export's structured 'hinh_thuc_nop' table."""
    terms = []
    for row in rows:
        channel = CHANNEL_NAMES.get(clean(row.get("hinh_thuc")).lower())
        if channel is None:
            continue
        fee_text = row.get("phi_le_phi") or ""
        fee = (
            parse_fee_parts(fee_text)
            if fee_text.strip()
            else Fee(FeeKind.UNKNOWN, None, "VND", "", "fee_missing")
        )
        terms.append(
            ChannelTermData(
                channel, parse_time_limit(row.get("thoi_han_giai_quyet")), fee, clean(row.get("mo_ta"))
            )
        )
    return terms
