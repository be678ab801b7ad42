"""Reception at a counter (also postal and home-visit dossiers): received with a receipt (form 01),
completion guidance (form 02) or refusal (form 03).

`provided` lists what the applicant hands in: RequiredDocument ids, or a mapping id -> (originals, copies).
A dossier missing a required document of the chosen case is never stored as received
(`dossier.checklist_incomplete`, with the full list); the officer then issues completion guidance,
which is recorded as a CounterSlip and an outbox event, not as a dossier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.fast import rows
from motcua.org.models import Counter, ReceptionPlace
from motcua.units.models import AdministrativeUnit

from .. import reference, selectors
from ..choices import Delivery, DossierChannel, SlipKind, Status
from ..errors import DossierInputError, NoteRequired
from ..lifecycle import Action
from ..models import CounterSlip, Dossier
from . import base, parties, planning, records, routing
from .intake import (
    counts_of,
    new_dossier,
    reception_place,
    require_complete,
    store_parts,
    version_and_case,
)

COUNTER_CHANNELS = {DossierChannel.COUNTER, DossierChannel.POSTAL, DossierChannel.HOME_VISIT}


@transaction.atomic
@reference.pinned()  # one stamp read for every cached lookup of the service
def receive_at_counter(
    *,
    officer,
    place: ReceptionPlace | None = None,
    counter: Counter | None = None,
    procedure,
    applicant: dict,
    provided: Iterable[int] | Mapping[int, tuple[int, int]] = (),
    case=None,
    submitter: dict | None = None,
    channel: str = DossierChannel.COUNTER,
    commune: AdministrativeUnit | str | None = None,
    agency=None,
    result_delivery: str = Delivery.COUNTER,
    paid: dict | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Receive a complete dossier (form 01): code, receipt, due moment with the counter cut-off."""
    at = at or base.now()
    if channel not in COUNTER_CHANNELS:
        raise DossierInputError(
            _("Hình thức tiếp nhận tại quầy không hợp lệ."), code="dossier.invalid_channel"
        )
    place = reception_place(officer, place, counter, Action.RECEIVE, at)
    version, case = version_and_case(procedure, case, at)
    counts = counts_of(provided)
    require_complete(version, case, counts)
    cleaned, submitter_data = parties.clean_applicant(applicant), parties.clean_submitter(submitter)
    payload = {
        "procedure": procedure.code,
        "case": getattr(case, "pk", None),
        "place": place.pk,
        "channel": channel,
        "applicant": parties.plain(cleaned),
        "submitter": parties.plain(submitter_data),
        "provided": sorted(counts.items()),
        "commune": str(getattr(commune, "code", commune) or ""),
        "agency": getattr(agency, "pk", None),
    }

    def create() -> Dossier:
        province = place.province
        adoption = routing.adoption_for(province, procedure)
        where = routing.commune_of(cleaned, commune, province)
        chosen = routing.resolve_agency(
            version=version, adoption=adoption, province=province, commune=where, agency=agency
        )
        routing.check_boundary(version=version, adoption=adoption, place=place, agency=chosen)
        dossier = new_dossier(
            version=version,
            case=case,
            province=province,
            applicant_name_folded=parties.folded_name(cleaned),
            channel=channel,
            agency=chosen,
            commune=where,
            status=Status.RECEIVED,
            at=at,
            received_place=place,
            counter=counter,
            received_by=officer,
            received_at=at,
            result_delivery=result_delivery,
        )
        planning.start_clock(dossier, at)
        with rows.deferred():  # the eight new rows in one statement per table (ADR 0019)
            rows.insert(dossier)
            planning.create_steps(dossier, at=at, actor=officer)
            store_parts(dossier, version, case, counts, cleaned, submitter_data)
            planning.fee_payments(dossier, adoption, paid=paid, actor=officer, at=at)
            base.record_creation(dossier, actor=officer, action=Action.RECEIVE, at=at, note=note)
        return dossier

    return base.idempotent(officer, idempotency_key, payload, create)


@transaction.atomic
@reference.pinned()  # one stamp read for every cached lookup of the service
def issue_completion_guidance(
    *,
    officer,
    procedure,
    applicant_name: str,
    place: ReceptionPlace | None = None,
    counter: Counter | None = None,
    provided: Iterable[int] | Mapping[int, tuple[int, int]] = (),
    case=None,
    extra_items: Iterable[str] = (),
    applicant_id_number: str = "",
    applicant_phone: str = "",
    note: str = "",
    at: datetime | None = None,
) -> CounterSlip:
    """Form 02: everything missing, listed at once. No dossier is stored; the slip and an event are."""
    at = at or base.now()
    place = reception_place(officer, place, counter, Action.RECEIVE, at)
    version, case = version_and_case(procedure, case, at)
    missing = [d.name for d in selectors.missing_documents(version, case, counts_of(provided))]
    items = missing + [i.strip() for i in extra_items if i and i.strip()]
    if not items:
        raise DossierInputError(
            _("Hồ sơ đã đủ thành phần: hãy tiếp nhận hồ sơ."), code="dossier.checklist_complete"
        )
    return _slip(
        SlipKind.COMPLETION_GUIDANCE,
        officer,
        place,
        counter,
        version,
        case,
        applicant_name,
        applicant_id_number,
        applicant_phone,
        items,
        note,
        at,
    )


@transaction.atomic
@reference.pinned()  # one stamp read for every cached lookup of the service
def refuse_at_counter(
    *,
    officer,
    procedure,
    applicant_name: str,
    reasons: Iterable[str],
    place: ReceptionPlace | None = None,
    counter: Counter | None = None,
    case=None,
    applicant_id_number: str = "",
    applicant_phone: str = "",
    at: datetime | None = None,
) -> CounterSlip:
    """Form 03: refused with reasons (not within the competence, not a procedure of the province...)."""
    at = at or base.now()
    place = reception_place(officer, place, counter, Action.RECEIVE, at)
    version, case = version_and_case(procedure, case, at)
    items = [r.strip() for r in reasons if r and r.strip()]
    if not items:
        raise NoteRequired("refuse_at_counter")
    return _slip(
        SlipKind.REFUSAL,
        officer,
        place,
        counter,
        version,
        case,
        applicant_name,
        applicant_id_number,
        applicant_phone,
        items,
        "",
        at,
    )


def _slip(
    kind, officer, place, counter, version, case, name, id_number, phone, items, note, at
) -> CounterSlip:
    if not (name or "").strip():
        raise DossierInputError(_("Cần ghi họ tên người yêu cầu."), code="dossier.invalid_applicant")
    slip = CounterSlip.objects.create(
        kind=kind,
        issued_at=at,
        issued_by=officer,
        place=place,
        counter=counter,
        procedure_version=version,
        document_case=case,
        applicant_name=name.strip(),
        applicant_id_number=id_number.strip(),
        applicant_phone=phone.strip(),
        items=items,
        note=note,
    )
    topic = "counter.guidance_issued" if kind == SlipKind.COMPLETION_GUIDANCE else "counter.refused"
    records.emit(
        topic,
        {
            "slip": slip.pk,
            "kind": kind,
            "place": place.code,
            "procedure_code": version.procedure.code,
            "items": len(items),
            "at": at.isoformat(),
        },
        aggregate_id=slip.pk,
        at=at,
    )
    return slip
