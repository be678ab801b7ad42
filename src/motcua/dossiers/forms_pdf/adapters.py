"""Dossier rows to form data (reads only). Each function returns a context.py dataclass for render_pdf.

The issuing body printed top-left is the reception place for forms 01-03 (under its center, or under
the province People's Committee for a center itself) and the agency at fault for forms 04-05.
"""

from __future__ import annotations

from django.utils import timezone

from motcua.dossiers import lifecycle
from motcua.dossiers.models import ApologyLetter, CounterSlip, Dossier, SupplementRequest

from ..papers import papers  # the documents app's (the receipt's notes and number)
from .context import (
    ApologyForm,
    DocumentLine,
    Issuer,
    Person,
    ReceiptForm,
    RefusalForm,
    StopNoticeForm,
    SupplementForm,
    TrackingRow,
    TrackingSheetForm,
)


def _committee(province) -> str:
    return f"UBND {province.full_name}" if province else ""


def _place_name(unit, province) -> str:
    return (unit or province).name if (unit or province) else ""


def issuer_for_place(place, number: str = "") -> Issuer:
    center = getattr(place, "center", None)
    parent = center.name if center and center.pk != place.pk else _committee(place.province)
    return Issuer(
        unit=place.name, parent=parent, place=_place_name(place.commune, place.province), number=number
    )


def issuer_for_agency(agency, number: str = "") -> Issuer:
    parent = agency.parent.name if agency.parent_id else _committee(agency.province)
    return Issuer(
        unit=agency.name, parent=parent, place=_place_name(agency.commune, agency.province), number=number
    )


def _issuer(dossier: Dossier, number: str = "") -> Issuer:
    return (
        issuer_for_place(dossier.received_place, number)
        if dossier.received_place_id
        else issuer_for_agency(dossier.agency, number)
    )


def person(applicant) -> Person:
    organisation = applicant.kind == "organisation"
    return Person(
        full_name=applicant.full_name,
        id_number=(applicant.tax_code if organisation else applicant.id_number) or "",
        address=applicant.address,
        phone=applicant.phone,
        email=applicant.email,
        sex=applicant.sex,
        is_organisation=organisation,
    )


def _procedure_name(version) -> str:
    return f"{version.name} (thủ tục {version.procedure.code})"


def _counts(item) -> tuple[int, int]:
    """Originals and copies handed in; when the officer ticked the line without counting, the numbers
    the procedure asks for (the dossier was accepted as complete)."""
    if item.originals or item.copies or item.required_document is None:
        return item.originals, item.copies
    return item.required_document.originals, item.required_document.copies


def receipt(dossier: Dossier, tracking_url: str) -> ReceiptForm:
    """Form 01. `tracking_url` is the public tracking page with its second factor (built by the caller).
    The first printing gives the receipt its number in the center's series of the year."""
    notes = papers().notes(dossier)
    items = list(
        dossier.checklist.filter(provided=True).select_related("required_document").order_by("position")
    )

    def shown(item) -> bool:
        return item.required_document is not None and item.required_document.presented

    lines = tuple(
        DocumentLine(item.name, *_counts(item), notes.get(item.required_document_id, ""))
        for item in items
        if not shown(item)
    )
    submitter = getattr(dossier, "submitter", None)
    place = dossier.received_place
    return ReceiptForm(
        issuer=_issuer(dossier, papers().receipt_number(dossier)),
        dossier_code=dossier.code,
        applicant=person(dossier.applicant),
        procedure_name=_procedure_name(dossier.procedure_version),
        documents=lines,
        presented=tuple(item.name for item in items if shown(item)),
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at or dossier.due_at,
        time_limit_text=dossier.time_limit_text or "không quy định",
        tracking_url=tracking_url,
        result_place=(
            dossier.get_result_delivery_display()
            if dossier.result_delivery != "counter" or place is None
            else f"{place.name}{', ' + place.address if place.address else ''}"
        ),
        handling_agency=dossier.agency.name,
        submitter=person(submitter) if submitter else None,
        received_by=str(dossier.received_by) if dossier.received_by_id else "",
        channel_label=dossier.get_channel_display(),
    )


def supplement(request: SupplementRequest) -> SupplementForm:
    """Form 02 for a supplement asked during processing (the agency's request)."""
    dossier = request.dossier
    officer = request.requested_by
    return SupplementForm(
        issuer=issuer_for_agency(dossier.agency),
        applicant=person(dossier.applicant),
        procedure_name=_procedure_name(dossier.procedure_version),
        items=tuple(request.items),
        issued_at=request.requested_at,
        reason=request.reason,
        dossier_code=dossier.code,
        officer_name=str(officer) if officer else "",
        contact_phone=dossier.agency.phone,
    )


def _slip_person(slip: CounterSlip) -> Person:
    return Person(
        full_name=slip.applicant_name, id_number=slip.applicant_id_number, phone=slip.applicant_phone
    )


def counter_slip(slip: CounterSlip) -> SupplementForm | RefusalForm:
    """Form 02 (completion guidance) or 03 (refusal) given at the counter, where no dossier is stored."""
    common = {
        "issuer": issuer_for_place(slip.place),
        "applicant": _slip_person(slip),
        "procedure_name": _procedure_name(slip.procedure_version),
        "issued_at": slip.issued_at,
        "officer_name": str(slip.issued_by),
    }
    if slip.kind == "refusal":
        return RefusalForm(reasons=tuple(slip.items), **common)
    return SupplementForm(items=tuple(slip.items), reason=slip.note, contact_phone=slip.place.phone, **common)


def apology(letter: ApologyLetter) -> ApologyForm:
    """Form 04, signed by the agency at fault."""
    dossier = letter.dossier
    return ApologyForm(
        issuer=issuer_for_agency(letter.agency),
        applicant=person(dossier.applicant),
        dossier_code=dossier.code,
        procedure_name=_procedure_name(dossier.procedure_version),
        received_at=dossier.received_at,
        previous_appointment=letter.previous_appointment or dossier.due_at,
        new_appointment=letter.new_appointment,
        reason=letter.reason,
        issued_at=letter.issued_at,
    )


def stop_notice(dossier: Dossier) -> StopNoticeForm:
    """Form 05 for a withdrawn or stopped dossier, from its tracking line."""
    actions = {lifecycle.Action.WITHDRAW.value, lifecycle.Action.STOP.value}
    entry = dossier.tracking.filter(action__in=actions).order_by("-at", "-id").first()
    if entry is None:
        raise ValueError(f"dossier {dossier.code} was neither withdrawn nor stopped")
    withdrawn = entry.action == lifecycle.Action.WITHDRAW
    place = dossier.received_place
    return StopNoticeForm(
        issuer=issuer_for_agency(dossier.agency),
        applicant=person(dossier.applicant),
        dossier_code=dossier.code,
        procedure_name=_procedure_name(dossier.procedure_version),
        received_at=dossier.received_at or dossier.submitted_at,
        stopped_at=entry.at,
        reason=entry.note or ("Người yêu cầu rút hồ sơ." if withdrawn else ""),
        issued_at=entry.at,
        requested_at=entry.at if withdrawn else None,
        return_place=place.name if place else "",
    )


def _party(name: str, agency) -> str:
    if name and agency:
        return f"{name} ({agency.name})"
    return name or (agency.name if agency else "")


def tracking_sheet(dossier: Dossier, *, at=None) -> TrackingSheetForm:
    """Form 06. A line is judged against the due of the step it ended (the one in force before it)."""
    entries = list(dossier.tracking.select_related("from_agency", "to_agency").order_by("at", "id"))
    rows = []
    due_before = None
    for entry in entries:
        label = lifecycle.TRANSITIONS[lifecycle.Action(entry.action)].label
        receiver = _party(entry.step_name, entry.to_agency)
        rows.append(
            TrackingRow(
                at=entry.at,
                giver=_party(entry.actor_name, entry.from_agency),
                receiver=receiver,
                action=label,
                step_due_at=due_before,
                note=entry.note,
            )
        )
        due_before = entry.step_due_at
    return TrackingSheetForm(
        issuer=_issuer(dossier),
        dossier_code=dossier.code,
        applicant=person(dossier.applicant),
        procedure_name=_procedure_name(dossier.procedure_version),
        handling_agency=dossier.agency.name,
        received_at=dossier.received_at or dossier.submitted_at,
        appointment_at=dossier.appointment_at or dossier.due_at,
        rows=tuple(rows),
        issued_at=at or timezone.now(),
    )
