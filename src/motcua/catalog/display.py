"""What a procedure says, in plain words for the public pages: time limits, fees, counts.

The catalog keeps each time limit and fee both parsed (value + unit, kind + amount) and verbatim; a page
shows the parsed form as a short phrase ("3 ngày làm việc", "50.000 đồng") and falls back to the verbatim
text, with a note, where the source could not be parsed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Channel, FeeKind, TimeUnit


@dataclass(frozen=True)
class Phrase:
    text: str
    verbatim: str = ""  # the source text, shown when it says more than `text`
    note: str = ""  # why the source is shown as it is
    as_published: bool = False  # `text` is the source text itself: it could not be read


CHANNEL_LABELS = {
    Channel.IN_PERSON: lambda: _("Nộp trực tiếp"),
    Channel.ONLINE: lambda: _("Nộp trực tuyến"),
    Channel.POSTAL: lambda: _("Gửi qua bưu chính"),
}


def channel_label(channel: str) -> str:
    label = CHANNEL_LABELS.get(channel)
    return label() if label else channel


def level_labels(levels) -> list[str]:
    names = {
        "ministry": _("Cấp bộ"),
        "province": _("Cấp tỉnh"),
        "commune": _("Cấp xã"),
        "other": _("Cơ quan khác"),
    }
    return [names[level] for level in levels if level in names]


def number(value) -> str:
    """1.00 → "1", 0.5 → "0,5" (Vietnamese) / "0.5" (English), 50000 → "50.000" / "50,000".

    Grouped by hand: Django's Vietnamese formats have no NUMBER_GROUPING, so they never group."""
    value = Decimal(value)
    text = f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"
    decimal, thousands = formats.get_format("DECIMAL_SEPARATOR"), formats.get_format("THOUSAND_SEPARATOR")
    return "".join({",": thousands, ".": decimal}.get(ch, ch) for ch in text)


def _counted(unit: str, value) -> str:
    n = number(value)
    count = int(value) if value == int(value) else 2  # plural form for fractions ("0.5 days")
    forms = {
        TimeUnit.WORKING_DAYS: ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", count),
        TimeUnit.WORKING_HOURS: ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", count),
        TimeUnit.CALENDAR_DAYS: ngettext("%(n)s ngày", "%(n)s ngày", count),
        TimeUnit.HOURS: ngettext("%(n)s giờ", "%(n)s giờ", count),
        TimeUnit.MONTHS: ngettext("%(n)s tháng", "%(n)s tháng", count),
    }
    return forms[unit] % {"n": n}


def time_limit(term) -> Phrase:
    """A channel term's time limit: "3 ngày làm việc", "Trong ngày", or the source text with a note."""
    unit, value, source = term.time_unit, term.time_value, " ".join((term.time_text or "").split())
    if unit == TimeUnit.SAME_DAY:
        return Phrase(_("Trong ngày"))
    if unit == TimeUnit.NOT_REGULATED:
        return Phrase(_("Không quy định thời hạn"))
    if value is not None and unit not in (TimeUnit.UNKNOWN, TimeUnit.NOT_REGULATED, TimeUnit.SAME_DAY):
        return Phrase(_counted(unit, value), verbatim=_extra(source, lambda: _counted(unit, value)))
    if source:
        return Phrase(
            source,
            note=_("Ghi theo văn bản công bố, không nói rõ đơn vị (ngày làm việc hay ngày lịch)."),
            as_published=True,
        )
    return Phrase(_("Chưa có thông tin"), note=_("Hãy hỏi tại nơi nộp hồ sơ."))


def amount(value: int, currency: str = "VND") -> str:
    if currency and currency != "VND":  # a few visa and permit fees are set in US dollars
        return f"{number(value)} {currency}"
    return _("%(amount)s đồng") % {"amount": number(value)}


def fee(term, adoption=None) -> Phrase:
    """A channel term's fee; a province that set its own fee when adopting the procedure wins."""
    if adoption is not None and adoption.fee_kind:
        return _fee(adoption.fee_kind, adoption.fee_amount, adoption.fee_note)
    return _fee(term.fee_kind, term.fee_amount, term.fee_text, term.fee_currency)


def _fee(kind: str, value: int | None, text: str, currency: str = "VND") -> Phrase:
    source = " ".join((text or "").split())
    if kind == FeeKind.FREE:
        return Phrase(_("Miễn phí"), verbatim=_extra(source, lambda: _("Miễn phí")))
    if kind == FeeKind.AMOUNT and value:
        return Phrase(amount(value, currency), verbatim=_extra(source, lambda: amount(value, currency)))
    if kind == FeeKind.PROVINCE:
        return Phrase(_("Theo quy định của HĐND tỉnh"), verbatim=source)
    if source:
        return Phrase(source, note=_("Ghi theo văn bản công bố (chưa tách được mức thu)."), as_published=True)
    return Phrase(_("Chưa có thông tin"), note=_("Hãy hỏi tại nơi nộp hồ sơ."))


CURRENCY_WORDS = ("việtnamđồng", "vnđ", "vnd", "đồng", "usd")


def _folded(text: str) -> str:
    """Letters and digits only, currency words dropped: "500,000 Việt Nam Đồng" → "500000"."""
    folded = "".join(ch for ch in text.lower() if ch.isalnum())
    for word in CURRENCY_WORDS:
        folded = folded.replace(word, "")
    return folded


def _extra(source: str, phrase) -> str:
    """The source text when it says more than the plain phrase (conditions, exemptions, several rates).
    Compared with the Vietnamese phrase, so an English page does not repeat "1 Ngày làm việc"."""
    with translation.override("vi"):
        plain = phrase()
    if _folded(source) in {"", _folded(plain), "0", "không"}:
        return ""
    return source


def copies(document) -> list[str]:
    """ "1 bản chính", "2 bản sao" for a required document (nothing for a note without counts);
    "Mang bản chính để xuất trình" for a paper shown and handed back, which is not handed in."""
    if getattr(document, "presented", False):
        return [_("Mang bản chính để xuất trình, không phải nộp")]
    parts = []
    if document.originals:
        parts.append(
            ngettext("%(n)s bản chính", "%(n)s bản chính", document.originals) % {"n": document.originals}
        )
    if document.copies:
        parts.append(ngettext("%(n)s bản sao", "%(n)s bản sao", document.copies) % {"n": document.copies})
    return parts
