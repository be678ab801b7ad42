"""Online reception: submitted (pending acceptance, a code at once), then accepted by an officer of the
handling place (the clock starts) or not accepted with reasons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.calendar.selectors import calendar_for
from motcua.core.fast import rows
from motcua.units.models import AdministrativeUnit

from .. import reference
from ..choices import Delivery, DossierChannel, Status
from ..errors import ActionForbidden, DossierInputError, ProcedureNotAvailable
from ..lifecycle import Action
from ..models import Dossier
from . import base, parties, planning, routing
from .intake import counts_of, new_dossier, require_complete, store_parts, version_and_case

# "Một phần": a step of the procedure is done in person (typically taking the paper result), so the
# electronic result is not offered; "toàn trình" and procedures the catalog has not classified offer it.
NO_ELECTRONIC_RESULT = frozenset({"partial", "none"})


def result_deliveries(version) -> tuple[str, ...]:
    """How the applicant of an online dossier for `version` may receive the result (Decree 45/2020,
    Art. 21: an electronic result on the applicant's account where the procedure is fully online)."""
    paper = (Delivery.COUNTER.value, Delivery.POSTAL.value)
    if version.online_level in NO_ELECTRONIC_RESULT:
        return paper
    return (Delivery.ONLINE.value, *paper)


@transaction.atomic
@reference.pinned()  # one stamp read for every cached lookup of the service
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
    version, case = version_and_case(procedure, case, at)
    if version.online_level == "none":
        raise ProcedureNotAvailable(
            _("Thủ tục này không được cung cấp trực tuyến."), code="dossier.channel_not_offered"
        )
    if result_delivery not in result_deliveries(version):
        raise DossierInputError(
            _(
                "Thủ tục này không trả kết quả bản điện tử; hãy chọn nhận tại nơi giải quyết hoặc qua bưu chính."
            ),
            code="dossier.delivery_not_offered",
        )
    counts = counts_of(provided)
    require_complete(version, case, counts)
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
        dossier = new_dossier(
            version=version,
            case=case,
            province=province,
            applicant_name_folded=parties.folded_name(cleaned),
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
        with rows.deferred():  # the new rows in one statement per table (ADR 0019)
            rows.insert(dossier)
            store_parts(dossier, version, case, counts, cleaned, submitter_data)
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
