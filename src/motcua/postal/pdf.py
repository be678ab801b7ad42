"""The hand-over record (Biên bản bàn giao hồ sơ, kết quả qua dịch vụ bưu chính) as PDF: plain data in,
bytes out, with the fonts and the safe resource fetcher of the dossier forms (dossiers/forms_pdf)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.template import Context, Engine

from motcua.dossiers.forms_pdf import render as forms_render
from motcua.dossiers.forms_pdf import wording

TEMPLATES = Path(__file__).resolve().parent / "templates"
_engine = Engine(dirs=[str(TEMPLATES)], autoescape=True)


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    phone: str
    address: str
    reference: str  # the dossier code, or the procedure for a collected dossier


@dataclass(frozen=True)
class HandoverRecord:
    code: str
    to_post: bool
    unit: str  # the reception place
    parent: str  # the center
    place_line: str  # the province, for "Hà Nội, ngày ..."
    created_at: datetime
    officer_name: str
    officer_signed_at: datetime | None
    agent_name: str
    agent_signed_at: datetime | None
    items: tuple[Item, ...]


def from_batch(batch) -> HandoverRecord:
    place = batch.place
    items = []
    for s in batch.items.select_related("dossier", "procedure").order_by("pk"):
        reference = s.dossier.code if s.dossier_id else (s.procedure.code if s.procedure_id else "")
        items.append(Item(s.code, s.name, s.phone, s.full_address, reference))
    center = place.center if place.center_id else None
    return HandoverRecord(
        code=batch.code,
        to_post=batch.direction == "to_post",
        unit=place.name,
        parent=center.name if center is not None and center.pk != place.pk else "",
        place_line=batch.province.name,
        created_at=batch.created_at,
        officer_name=(batch.officer.full_name or batch.officer.username) if batch.officer_id else "",
        officer_signed_at=batch.officer_signed_at,
        agent_name=(batch.agent.full_name or batch.agent.username) if batch.agent_id else "",
        agent_signed_at=batch.agent_signed_at,
        items=tuple(items),
    )


def render_html(record: HandoverRecord) -> str:
    context = {
        "r": record,
        "place_date": wording.place_and_day(record.place_line, record.created_at),
        "officer_at": wording.short_moment(record.officer_signed_at) if record.officer_signed_at else "",
        "agent_at": wording.short_moment(record.agent_signed_at) if record.agent_signed_at else "",
        "count": len(record.items),
    }
    html = _engine.get_template("postal_pdf/handover.html").render(Context(context))
    return unicodedata.normalize("NFC", html)


def render_pdf(record: HandoverRecord) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = forms_render.resource_fetcher()
    base = forms_render.HERE.as_uri() + "/"
    stylesheet = CSS(
        filename=str(forms_render.STYLESHEET), font_config=fonts, url_fetcher=fetcher, base_url=base
    )
    document = HTML(string=render_html(record), base_url=base, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
