"""Which forms a dossier has now, and each one built from the dossier: one rule for the API's PDF
endpoint and the officer's dossier page (a link is shown exactly when its PDF exists).

01 once received; 02 once a supplement was requested; 03 when acceptance was refused; 04 once an apology
letter exists; 05 when withdrawn or stopped; 06 always (the tracking sheet).
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import ApologyLetter, SupplementRequest
from . import adapters
from .context import RefusalForm
from .render import FORMS

TITLES = {spec.number: spec.title for spec in FORMS.values()}
ENDED = ("withdrawn", "stopped")


def available(dossier) -> list[str]:
    """The numbers of the forms `build` can make for this dossier, in order (one query at most)."""
    found = []
    if dossier.received_at:
        found.append("01")
    if dossier.supplement_count:
        found.append("02")
    if dossier.status == "not_accepted":
        found.append("03")
    if ApologyLetter.objects.filter(dossier_id=dossier.pk).exists():
        found.append("04")
    if dossier.status in ENDED:
        found.append("05")
    found.append("06")
    return found


def build(number: str, dossier, tracking_url: Callable[[], str]):
    """Form `number` of the dossier as plain data for render_pdf; None when the dossier has none."""
    if number == "01" and dossier.received_at:
        return adapters.receipt(dossier, tracking_url())
    if number == "02":
        found = SupplementRequest.objects.filter(dossier=dossier).order_by("-requested_at", "-pk").first()
        return adapters.supplement(found) if found else None
    if number == "03" and dossier.status == "not_accepted":
        return _refusal(dossier)
    if number == "04":
        letter = ApologyLetter.objects.filter(dossier=dossier).select_related("agency").first()
        return adapters.apology(letter) if letter else None
    if number == "05" and dossier.status in ENDED:
        return adapters.stop_notice(dossier)
    if number == "06":
        return adapters.tracking_sheet(dossier)
    return None


def _refusal(dossier) -> RefusalForm:
    entry = dossier.tracking.filter(action="refuse_acceptance").order_by("-at").first()
    version = dossier.procedure_version
    return RefusalForm(
        issuer=adapters.issuer_for_agency(dossier.agency),
        applicant=adapters.person(dossier.applicant),
        procedure_name=f"{version.name} (thủ tục {dossier.procedure.code})",
        reasons=(entry.note,) if entry else (),
        issued_at=entry.at if entry else dossier.updated_at,
        dossier_code=dossier.code,
        officer_name=entry.actor_name if entry else "",
    )
