"""Reception: at a counter (received with a receipt, completion guidance, or refusal) and online
(submitted, then accepted or not accepted by an officer).

`provided` lists what the applicant hands in: RequiredDocument ids, or a mapping id -> (originals, copies).
A dossier missing a required document of the chosen case is never stored as received
(`dossier.checklist_incomplete`, with the full list); the officer then issues completion guidance
(form 02), which is recorded as a CounterSlip and an outbox event, not as a dossier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.catalog import selectors as catalog
from motcua.org import selectors as org
from motcua.org.models import Counter, ReceptionPlace
from motcua.units.models import AdministrativeUnit

from .. import selectors
from ..choices import Delivery, DossierChannel, SlipKind, Status
from ..errors import (
    ActionForbidden,
    ChecklistIncomplete,
    DossierInputError,
    NoteRequired,
    ProcedureNotAvailable,
)
from ..lifecycle import OFFICER, Action
from ..models import ChecklistItem, CounterSlip, Dossier
from . import base, codes, parties, planning, records, routing

COUNTER_CHANNELS = {DossierChannel.COUNTER, DossierChannel.POSTAL, DossierChannel.HOME_VISIT}


@transaction.atomic
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
    place = _place(officer, place, counter, Action.RECEIVE, at)
    version, case = _version_and_case(procedure, case, at)
    counts = _counts(provided)
    _require_complete(version, case, counts)
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
        dossier = _new_dossier(
            version=version,
            case=case,
            province=province,
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
        dossier.save()
        planning.create_steps(dossier, at=at, actor=officer)
        dossier.save(update_fields=["current_step"])
        _store_parts(dossier, version, case, counts, cleaned, submitter_data)
        planning.fee_payments(dossier, adoption, paid=paid, actor=officer, at=at)
        base.record_creation(dossier, actor=officer, action=Action.RECEIVE, at=at, note=note)
        return dossier

    return base.idempotent(officer, idempotency_key, payload, create)


@transaction.atomic
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
    place = _place(officer, place, counter, Action.RECEIVE, at)
    version, case = _version_and_case(procedure, case, at)
    missing = [d.name for d in selectors.missing_documents(version, case, _counts(provided))]
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
    place = _place(officer, place, counter, Action.RECEIVE, at)
    version, case = _version_and_case(procedure, case, at)
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


@transaction.atomic
def submit_online(
    *,
    user,
    procedure,
    province: AdministrativeUnit,
    applicant: dict,
    provided: Iterable[int] | Mapping[int, tuple[int, int]] = (),
    case=None,
    submitter: dict | None = None,
    commune: AdministrativeUnit | str | None = None,
    agency=None,
    result_delivery: str = Delivery.ONLINE,
    idempotency_key: str | None = None,
    at: datetime | None = None,
) -> Dossier:
    """An online dossier, pending acceptance; the clock starts when an officer accepts it."""
    at = at or base.now()
    if not getattr(user, "is_authenticated", False):
        raise ActionForbidden(Action.SUBMIT_ONLINE)
    version, case = _version_and_case(procedure, case, at)
    if version.online_level == "none":
        raise ProcedureNotAvailable(
            _("Thủ tục này không được cung cấp trực tuyến."), code="dossier.channel_not_offered"
        )
    counts = _counts(provided)
    _require_complete(version, case, counts)
    cleaned, submitter_data = parties.clean_applicant(applicant), parties.clean_submitter(submitter)
    payload = {
        "procedure": procedure.code,
        "case": getattr(case, "pk", None),
        "province": province.code,
        "applicant": parties.plain(cleaned),
        "submitter": parties.plain(submitter_data),
        "provided": sorted(counts.items()),
        "commune": str(getattr(commune, "code", commune) or ""),
        "agency": getattr(agency, "pk", None),
    }

    def create() -> Dossier:
        adoption = routing.adoption_for(province, procedure)
        where = routing.commune_of(cleaned, commune, province)
        chosen = routing.resolve_agency(
            version=version, adoption=adoption, province=province, commune=where, agency=agency
        )
        dossier = _new_dossier(
            version=version,
            case=case,
            province=province,
            channel=DossierChannel.ONLINE,
            agency=chosen,
            commune=where,
            status=Status.PENDING_ACCEPTANCE,
            at=at,
            received_place=routing.online_place(chosen, province),
            owner=user,
            submitted_at=at,
            result_delivery=result_delivery,
        )
        dossier.acceptance_due_at = calendar_for(province.code).acceptance_deadline(at)
        dossier.time_limit_text = planning.limit_for(version, DossierChannel.ONLINE).text
        dossier.save()
        _store_parts(dossier, version, case, counts, cleaned, submitter_data)
        planning.fee_payments(dossier, adoption, paid=None, actor=None, at=at)
        base.record_creation(dossier, actor=user, action=Action.SUBMIT_ONLINE, at=at)
        return dossier

    return base.idempotent(user, idempotency_key, payload, create)


@transaction.atomic
def accept_online(dossier, *, officer, version: int, note: str = "", at: datetime | None = None) -> Dossier:
    change = base.begin(dossier, actor=officer, action=Action.ACCEPT, version=version, note=note, at=at)
    locked = change.dossier
    locked.received_at, locked.received_by = change.at, officer
    planning.start_clock(locked, change.at)
    planning.create_steps(locked, at=change.at, actor=officer)
    late = locked.acceptance_due_at is not None and change.at > locked.acceptance_due_at
    return base.commit_change(change, details={"late_acceptance": late})


@transaction.atomic
def refuse_online(dossier, *, officer, version: int, reason: str, at: datetime | None = None) -> Dossier:
    change = base.begin(
        dossier, actor=officer, action=Action.REFUSE_ACCEPTANCE, version=version, note=reason, at=at
    )
    change.dossier.finished_at = change.at
    return base.commit_change(change)


# ---- helpers ------------------------------------------------------------------------------------------


def _place(officer, place, counter, action, at) -> ReceptionPlace:
    if counter is not None:
        if place is not None and counter.place_id != place.pk:
            raise DossierInputError(
                _("Quầy không thuộc nơi tiếp nhận đã chọn."), code="dossier.invalid_counter"
            )
        place = counter.place
    if place is None:
        raise DossierInputError(_("Cần chọn nơi tiếp nhận hoặc quầy."), code="dossier.place_required")
    if not org.can_act(officer, OFFICER, place, on=at.astimezone(TZ).date()):
        raise ActionForbidden(action)
    return place


def _version_and_case(procedure, case, at):
    version = (
        catalog.current_versions(at.astimezone(TZ).date())
        .filter(procedure=procedure)
        .select_related("procedure")
        .first()
    )
    if version is None:
        raise ProcedureNotAvailable(
            _("Thủ tục %(code)s không có phiên bản đang có hiệu lực.") % {"code": procedure.code},
            code="dossier.procedure_not_in_force",
        )
    if case is not None and case.version_id != version.pk:
        raise DossierInputError(
            _("Trường hợp hồ sơ không thuộc phiên bản thủ tục đang áp dụng."), code="dossier.invalid_case"
        )
    return version, case


def _counts(provided) -> dict[int, tuple[int, int]]:
    if isinstance(provided, Mapping):
        return {int(k): (int(v[0]), int(v[1])) for k, v in provided.items()}
    return {int(pk): (0, 0) for pk in provided}


def _require_complete(version, case, counts) -> None:
    missing = selectors.missing_documents(version, case, counts)
    if missing:
        raise ChecklistIncomplete([{"id": d.pk, "name": d.name} for d in missing])


def _new_dossier(*, version, agency, at, **fields) -> Dossier:
    day = timezone.localtime(at, TZ).date()
    return Dossier(
        code=codes.new_code(agency.code, day),
        procedure=version.procedure,
        procedure_version=version,
        document_case=fields.pop("case"),
        agency=agency,
        **{**fields, "commune": agency.commune or fields["commune"]},
    )


def _store_parts(dossier, version, case, counts, applicant, submitter) -> None:
    parties.store(dossier, applicant, submitter)
    items = [
        ChecklistItem(
            dossier=dossier,
            required_document=doc,
            position=doc.position,
            name=doc.name,
            required=doc.required,
            provided=doc.pk in counts,
            originals=counts.get(doc.pk, (0, 0))[0],
            copies=counts.get(doc.pk, (0, 0))[1],
        )
        for doc in selectors.checklist(version, case)
    ]
    ChecklistItem.objects.bulk_create(items)


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
    )
    return slip
