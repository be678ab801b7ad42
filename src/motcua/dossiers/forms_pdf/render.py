"""Forms to HTML and PDF: plain data in, bytes out (no database).

Each form is registered once in FORMS with its number and title (Circular 03/2025/TT-VPCP, Annex I,
guiding Decree 118/2025/NĐ-CP). The printed text is the prescribed Vietnamese text of a legal form, so
it is not translated with the UI language. Fonts and the stylesheet come from this package only: the
URL fetcher refuses anything else, so user data can never make the renderer read a file or the network.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import segno
from django.template import Context, Engine

from . import wording
from .context import (
    ApologyForm,
    Person,
    ReceiptForm,
    RefusalForm,
    StopNoticeForm,
    SupplementForm,
    TrackingSheetForm,
)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STYLESHEET = TEMPLATES / "forms_pdf" / "forms.css"


@dataclass(frozen=True)
class FormSpec:
    number: str
    title: str
    template: str


FORMS: dict[type, FormSpec] = {
    ReceiptForm: FormSpec("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "01_receipt.html"),
    SupplementForm: FormSpec("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "02_supplement.html"),
    RefusalForm: FormSpec("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "03_refusal.html"),
    ApologyForm: FormSpec("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "04_apology.html"),
    StopNoticeForm: FormSpec("05", "Thông báo dừng giải quyết hồ sơ", "05_stop.html"),
    TrackingSheetForm: FormSpec("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "06_tracking.html"),
}

_engine = Engine(dirs=[str(TEMPLATES)], autoescape=True)
# WeasyPrint reports every rendering step at INFO: noise in the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def qr_data_uri(url: str) -> str:
    """The tracking URL as a QR code (SVG, error correction M), embedded in the page."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def _addressee(person: Person) -> str:
    if person.is_organisation:
        return person.full_name
    return f"{wording.honorific(person.sex)} {person.full_name}"


def _you(person: Person) -> str:
    return "Quý tổ chức" if person.is_organisation else wording.honorific(person.sex)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _view(form) -> dict:
    """Formatted strings for the template: dates in words, the QR image, forms of address."""
    v: dict = {}
    if hasattr(form, "applicant"):
        v["you"] = _you(form.applicant)
        v["addressee"] = _addressee(form.applicant)
    if isinstance(form, ReceiptForm):
        v["received"] = wording.moment_words(form.received_at)
        v["appointment"] = (
            wording.moment_words(form.appointment_at) if form.appointment_at else "không quy định thời hạn"
        )
        v["copies"] = wording.count_words(form.copies_of_dossier)
        v["qr"] = qr_data_uri(form.tracking_url)
        v["submitter_name"] = (form.submitter or form.applicant).full_name
    elif isinstance(form, ApologyForm):
        v["received_day_cap"] = _cap(wording.day_words(form.received_at))
        v["previous"] = wording.moment_words(form.previous_appointment)
        v["new"] = wording.moment_words(form.new_appointment)
    elif isinstance(form, StopNoticeForm):
        v["received_day_cap"] = _cap(wording.day_words(form.received_at))
        v["stopped"] = wording.moment_words(form.stopped_at)
        if form.requested_at:
            v["requested"] = True
            v["requested_cap"] = _cap(wording.day_words(form.requested_at))
    elif isinstance(form, TrackingSheetForm):
        v["received"] = wording.moment_words(form.received_at)
        v["appointment"] = (
            wording.moment_words(form.appointment_at) if form.appointment_at else "không quy định thời hạn"
        )
        v["cooperating"] = "; ".join(form.cooperating_agencies)
        v["rows"] = [
            {
                "giver": row.giver,
                "receiver": row.receiver,
                "at": wording.short_moment(row.at),
                "due": wording.short_moment(row.step_due_at),
                "timeliness": row.timeliness,
                "note": "; ".join(x for x in (row.action, row.note) if x),
            }
            for row in form.rows
        ]
    return v


def spec_for(form) -> FormSpec:
    try:
        return FORMS[type(form)]
    except KeyError:
        raise TypeError(f"not a form: {type(form).__name__}") from None


def render_html(form) -> str:
    spec = spec_for(form)
    issued = getattr(form, "issued_at", None) or form.received_at
    context = {
        "f": form,
        "v": _view(form),
        "number": spec.number,
        "title": spec.title,
        "code": getattr(form, "dossier_code", ""),
        "issuer": form.issuer,
        "place_date": wording.place_and_day(form.issuer.place, issued),
    }
    html = _engine.get_template(f"forms_pdf/{spec.template}").render(Context(context))
    # Text typed on another system may arrive decomposed (NFD): print and extract it composed.
    return unicodedata.normalize("NFC", html)


def resource_fetcher(*roots: Path):
    """Only files under `roots` (default: this package, fonts included) and inline data: never the
    network, never another path. A missing font or image stops the rendering instead of printing a
    document in a fallback font. The receipt, the report and the evidence PDFs use it too."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    allowed = roots or (HERE,)

    class PackageOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in allowed):
                    raise ValueError(f"blocked resource: {url[:80]}")
            return super().fetch(url, headers)

    return PackageOnly(allowed_protocols={"file", "data"}, fail_on_errors=True)


def render_pdf(form) -> bytes:
    """The form as PDF bytes (A4, fonts embedded)."""
    # Imported here: WeasyPrint loads Pango at import, which only PDF rendering needs.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = resource_fetcher()
    base = HERE.as_uri() + "/"
    stylesheet = CSS(filename=str(STYLESHEET), font_config=fonts, url_fetcher=fetcher, base_url=base)
    document = HTML(string=render_html(form), base_url=base, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
