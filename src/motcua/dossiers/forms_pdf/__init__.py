"""The dossier forms of Circular 03/2025/TT-VPCP as PDF: receipt (01), completion request (02),
refusal (03), apology and new appointment (04), stop notice (05), tracking sheet (06).

Build a form from plain data (context.py) or from a dossier (adapters.py), then `render_pdf(form)`.
"""

from .render import FORMS, render_html, render_pdf

__all__ = ["FORMS", "render_html", "render_pdf"]
