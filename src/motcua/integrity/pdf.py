"""The evidence of a case as a PDF for an inspection (WeasyPrint, the forms' embedded fonts only)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from django.template import Context, Engine
from django.utils import timezone

from motcua.dossiers.forms_pdf import render as forms_render

from . import wording

HERE = Path(__file__).resolve().parent
FONTS = forms_render.HERE / "fonts"
_engine = Engine(dirs=[str(HERE / "pdf_templates")], autoescape=True)


def render_html(case, *, sentences, dossiers, tickets, events) -> str:
    now = timezone.localtime()
    context = {
        "case": case,
        # The subject masked as on the review queue: an inspection reads the evidence, not the number
        # (the full number is on the case page, for the supervisor who must verify it; ADR 0053).
        "shown_value": wording.masked(case.kind, case.value),
        "fonts": FONTS.as_uri(),
        "sentences": sentences,
        "dossiers": [
            {
                "code": d.code,
                "day": timezone.localtime(d.received_at or d.submitted_at).strftime("%d/%m/%Y %H:%M")
                if (d.received_at or d.submitted_at)
                else "",
                "procedure": d.procedure_version.name,
                "applicant": getattr(getattr(d, "applicant", None), "full_name", ""),
                "address": getattr(getattr(d, "applicant", None), "address", ""),
                "submitter": getattr(getattr(d, "submitter", None), "full_name", "")
                if hasattr(d, "submitter")
                else "",
                "place": d.received_place.name if d.received_place_id else "",
            }
            for d in dossiers
        ],
        "tickets": [
            {
                "number": t.number,
                "day": t.day.strftime("%d/%m/%Y"),
                "name": t.full_name,
                "place": t.place.name,
                "status": t.get_status_display(),
            }
            for t in tickets
        ],  # fmt: skip
        "events": [
            {
                "at": timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M"),
                "action": e.get_action_display(),
                "actor": e.actor_name,
                "score": e.score,
                "reason": e.reason,
            }
            for e in events
        ],  # fmt: skip
        "made": now.strftime("%H:%M ngày %d/%m/%Y"),
    }
    html = _engine.get_template("evidence.html").render(Context(context))
    return unicodedata.normalize("NFC", html)


def render_pdf(case, **details) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(
        string=render_html(case, **details),
        base_url=HERE.as_uri() + "/",
        url_fetcher=forms_render.resource_fetcher(FONTS),
    )
    return document.write_pdf(font_config=FontConfiguration())
