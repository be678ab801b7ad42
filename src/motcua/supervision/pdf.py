"""The results report as PDF (WeasyPrint, fonts embedded from the dossier forms package, nothing else
fetched: the pattern of payments/receipt.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from django.template import Context, Engine

from motcua.dossiers.forms_pdf import render as forms_render

from .results import Report
from .xlsx import period_text

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "report_templates"
FONTS = forms_render.HERE / "fonts"
_engine = Engine(dirs=[str(TEMPLATES)], autoescape=True)


def render_html(report: Report) -> str:
    context = {
        "r": report,
        "fonts": FONTS.as_uri(),
        "period": period_text(report),
        "columns": range(1, 15),
        "sections": [
            ("Theo cơ quan giải quyết", "Cơ quan giải quyết", report.by_agency),
            ("Theo lĩnh vực", "Lĩnh vực", report.by_field),
        ],
    }
    return unicodedata.normalize("NFC", _engine.get_template("results.html").render(Context(context)))


def results_pdf(report: Report) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(
        string=render_html(report),
        base_url=HERE.as_uri() + "/",
        url_fetcher=forms_render.resource_fetcher(FONTS, HERE),
    )
    return document.write_pdf(font_config=FontConfiguration())
