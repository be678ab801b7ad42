"""The receipt for fees paid online (biên lai thu phí, lệ phí), as PDF: plain data in, bytes out.

Printed in Vietnamese whatever the UI language (a document the payer keeps), with the dossier code,
the payer, each fee, the amount in figures and in words, our and the gateway's transaction references.
Fonts come from the dossier forms package; the URL fetcher refuses everything else.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.template import Context, Engine
from django.utils import timezone

from motcua.dossiers.forms_pdf import render as forms_render

from .words import amount_figures, amount_words

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "receipt_templates"
FONTS = forms_render.HERE / "fonts"
_engine = Engine(dirs=[str(TEMPLATES)], autoescape=True)


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    kind: str
    amount: int


@dataclass(frozen=True)
class ReceiptData:
    unit: str
    parent: str
    dossier_code: str
    procedure: str
    payer: str
    lines: tuple[ReceiptLine, ...]
    amount: int
    reference: str
    gateway: str
    gateway_reference: str
    bank: str
    paid_at: datetime
    refunded: int = 0


def receipt_data(txn) -> ReceiptData:
    dossier = txn.dossier
    agency = dossier.agency
    return ReceiptData(
        unit=agency.name,
        parent=getattr(dossier.province, "full_name", "") or str(dossier.province),
        dossier_code=dossier.code,
        procedure=dossier.procedure_version.name,
        payer=txn.payer_name,
        lines=tuple(
            ReceiptLine(p.description or p.get_kind_display(), str(p.get_kind_display()), p.amount)
            for p in txn.payments.order_by("pk")
        ),
        amount=txn.amount,
        reference=txn.reference,
        gateway=txn.plugin.upper(),
        gateway_reference=txn.gateway_reference,
        bank=txn.bank,
        paid_at=txn.paid_at or txn.updated_at,
        refunded=txn.refunded_amount,
    )


def render_html(data: ReceiptData) -> str:
    paid = timezone.localtime(data.paid_at)
    context = {
        "r": data,
        "fonts": FONTS.as_uri(),
        "figures": amount_figures(data.amount),
        "words": amount_words(data.amount),
        "refunded": amount_figures(data.refunded) if data.refunded else "",
        "lines": [(line, amount_figures(line.amount)) for line in data.lines],
        "paid": f"{paid:%H:%M} ngày {paid:%d/%m/%Y}",
        "place_date": f"Ngày {paid.day:02d} tháng {paid.month:02d} năm {paid.year}",
    }
    html = _engine.get_template("receipt.html").render(Context(context))
    return unicodedata.normalize("NFC", html)


def render_pdf(data: ReceiptData) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = HTML(
        string=render_html(data),
        base_url=HERE.as_uri() + "/",
        url_fetcher=forms_render.resource_fetcher(FONTS, HERE),
    )
    return document.write_pdf(font_config=fonts)
