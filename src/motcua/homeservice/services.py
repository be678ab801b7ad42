"""Writes of home service: one function per use case, one transaction each, through the write kernel
(core/kernel.py): the request row locked, the version the caller saw checked, one audit row
(HomeServiceEvent) and one outbox event (homeservice/events.py) per change.

The person asks (`create_request`); a supervisor of the province assigns an officer and a slot
(`schedule`); the officer receives the dossier on the spot through the counter reception service and
the workspace sends them back here (`link_received_dossier`), or records why nothing was received
(`record_visit`); a request may be cancelled or declared not possible, with a reason.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.catalog.models import Procedure
from motcua.core import kernel
from motcua.core.fast import rows
from motcua.core.identity import InvalidIdentity, check_personal_id, normalise_phone
from motcua.dossiers.choices import DossierChannel
from motcua.dossiers.models import Dossier
from motcua.org import selectors as org
from motcua.org.roles import RoleCode
from motcua.units.models import AdministrativeUnit, UnitLevel

from . import events, flow, slots
from .errors import HomeServiceForbidden, HomeServiceInputError, InvalidChange, RequestNotFound, StaleRequest
from .flow import Action, Status
from .models import HomeServiceEvent, HomeServiceRequest
from .reasons import BY_CODE

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
WINDOWS = ("morning", "afternoon")


class FieldErrors(HomeServiceInputError):
    """Several fields at once: `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()), code="homeservice.invalid_input")
        self.errors = errors
        self.details = {"fields": errors}


def _now() -> datetime:
    return timezone.now()


def new_code() -> str:
    return "TN" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


# ---- the person asks ----------------------------------------------------------------------------------


def _commune(value) -> AdministrativeUnit | None:
    if isinstance(value, AdministrativeUnit):
        return value if value.level == UnitLevel.COMMUNE and value.valid_to is None else None
    code = str(value or "").strip()
    return (
        AdministrativeUnit.objects.current().filter(level=UnitLevel.COMMUNE, code=code).first()
        if code
        else None
    )


def _phone(value: str, errors: dict, field: str, *, required: bool) -> str:
    if not (value or "").strip():
        if required:
            errors[field] = _("Cần ghi số điện thoại để Trung tâm gọi lại.")
        return ""
    try:
        return normalise_phone(value)
    except InvalidIdentity:
        errors[field] = _("Số điện thoại không đúng: 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).")
        return ""


def clean_request(data: dict) -> tuple[dict, dict[str, str]]:
    """The request's fields cleaned, and a message per bad field (empty when all is well)."""
    errors: dict[str, str] = {}
    out: dict = {"person_name": " ".join(str(data.get("person_name") or "").split())}
    if not out["person_name"]:
        errors["person_name"] = _("Cần ghi họ tên người cần được phục vụ.")
    id_number = str(data.get("person_id_number") or "").strip()
    if id_number:
        try:
            check_personal_id(id_number, today=timezone.localdate())
        except InvalidIdentity:
            errors["person_id_number"] = _("Số căn cước gồm 12 chữ số (có thể bỏ trống).")
    out["person_id_number"] = id_number
    out["person_phone"] = _phone(data.get("person_phone", ""), errors, "person_phone", required=True)
    out["requester_name"] = " ".join(str(data.get("requester_name") or "").split())
    out["requester_relation"] = str(data.get("requester_relation") or "").strip()[:100]
    out["requester_phone"] = _phone(
        data.get("requester_phone", ""), errors, "requester_phone", required=False
    )
    if (out["requester_phone"] or out["requester_relation"]) and not out["requester_name"]:
        errors["requester_name"] = _("Cần ghi họ tên người yêu cầu thay.")
    reason = BY_CODE.get(str(data.get("reason") or ""))
    out["reason"] = reason.reason.value if reason else ""
    out["reason_detail"] = str(data.get("reason_detail") or "").strip()[:500]
    if reason is None:
        errors["reason"] = _("Hãy chọn lý do cần cán bộ đến tận nơi.")
    elif reason.needs_detail and not out["reason_detail"]:
        errors["reason_detail"] = _("Hãy ghi rõ hoàn cảnh.")
    commune = _commune(data.get("commune"))
    out["commune"] = commune
    if commune is None:
        errors["commune"] = _("Hãy chọn xã, phường, đặc khu nơi người cần phục vụ đang ở.")
    out["address"] = " ".join(str(data.get("address") or "").split())[:300]
    if not out["address"]:
        errors["address"] = _("Cần ghi địa chỉ: số nhà, ngõ, đường, thôn, tổ dân phố.")
    code = str(data.get("procedure") or "").strip()
    out["procedure"] = Procedure.objects.filter(code=code).first() if code else None
    if code and out["procedure"] is None:
        errors["procedure"] = _("Không tìm thấy thủ tục mã %(code)s; có thể bỏ trống.") % {"code": code}
    days = sorted({int(d) for d in data.get("preferred_days") or () if str(d).isdigit() and 0 <= int(d) <= 5})
    windows = [w for w in WINDOWS if w in set(data.get("preferred_windows") or ())]
    out["preferred_days"], out["preferred_windows"] = days, windows
    out["note"] = str(data.get("note") or "").strip()[:500]
    return out, errors


@transaction.atomic
def create_request(data: dict, *, at: datetime | None = None) -> HomeServiceRequest:
    """A person (or a relative) asks for an officer to come. Bad input stores nothing (FieldErrors)."""
    cleaned, errors = clean_request(data)
    if errors:
        raise FieldErrors(errors)
    commune = cleaned["commune"]
    province = AdministrativeUnit.objects.current().provinces().get(code=commune.province_code)
    request = HomeServiceRequest.objects.create(code=new_code(), province=province, **cleaned)
    _audit(request, actor=None, action=Action.REQUEST, from_status="", at=at or _now())
    return request


# ---- the supervisor schedules -------------------------------------------------------------------------


def _lock(request, version: int | None) -> HomeServiceRequest:
    locked = kernel.lock(
        HomeServiceRequest.objects.all(),
        request,
        missing=lambda: RequestNotFound(_("Không tìm thấy yêu cầu phục vụ tại nhà.")),
    )
    if version is not None and version != locked.version:
        raise StaleRequest(
            version,
            locked.version,
            _("Yêu cầu vừa được người khác cập nhật. Hãy tải lại trang rồi thực hiện lại."),
        )
    return locked


def _check(locked: HomeServiceRequest, action: Action, note: str = "") -> flow.Transition:
    try:
        transition = flow.check(action, locked.status)
    except flow.NotAllowed:
        raise InvalidChange(
            _("Không thể thực hiện thao tác này khi yêu cầu đang ở trạng thái “%(status)s”.")
            % {"status": locked.get_status_display()}
        ) from None
    if transition.needs_note and not note.strip():
        raise HomeServiceInputError(_("Cần ghi lý do."), code="homeservice.note_required", field="note")
    return transition


def is_supervisor(user, request: HomeServiceRequest) -> bool:
    return org.can_act(user, RoleCode.SUPERVISOR, request.commune)


def officer_place(officer, commune: AdministrativeUnit):
    """The first reception place located in `commune` where `officer` may receive dossiers, or None."""
    from motcua.org.models import ReceptionPlace

    for place in ReceptionPlace.objects.filter(commune=commune, is_active=True).order_by("pk"):
        if org.can_act(officer, RoleCode.RECEPTION_OFFICER, place):
            return place
    return None


@transaction.atomic
def schedule(
    request,
    *,
    actor,
    version: int,
    officer,
    slot_start: datetime,
    slot_end: datetime,
    note: str = "",
    at: datetime | None = None,
) -> HomeServiceRequest:
    """Assign an officer (a reception officer of the commune or of a place in it) and a slot inside the
    office hours of a working day of the province's legal clock."""
    at = at or _now()
    locked = _lock(request, version)
    if not is_supervisor(actor, locked):
        raise HomeServiceForbidden(_("Chỉ giám sát của tỉnh, thành phố mới được phân công."))
    _check(locked, Action.SCHEDULE)
    place = officer_place(officer, locked.commune) if officer is not None else None
    if place is None:
        raise HomeServiceInputError(
            _("Cán bộ này không phụ trách tiếp nhận hồ sơ tại %(commune)s.")
            % {"commune": locked.commune.full_name},
            code="homeservice.invalid_officer",
            field="officer",
        )
    reason = slots.problem(
        calendar_for(locked.province.code), slot_start.astimezone(TZ), slot_end.astimezone(TZ), at
    )
    if reason is not None:
        raise HomeServiceInputError(_slot_message(reason), code=f"homeservice.slot_{reason}", field="slot")
    before = locked.status
    locked.officer, locked.place, locked.slot_start, locked.slot_end = officer, place, slot_start, slot_end
    return _commit(
        locked, actor, Action.SCHEDULE, before, at, note, {"officer": officer.pk, "place": place.pk}
    )


def _slot_message(reason: str) -> str:
    return {
        "too_short": _("Khung giờ phải dài ít nhất 30 phút và giờ kết thúc sau giờ bắt đầu."),
        "in_the_past": _("Khung giờ đã qua."),
        "not_a_working_day": _("Ngày này không phải ngày làm việc."),
        "outside_office_hours": _("Khung giờ phải nằm trong giờ làm việc (08:00–12:00, 13:00–17:00)."),
    }[reason]


# ---- the outcome --------------------------------------------------------------------------------------


@transaction.atomic
def link_received_dossier(
    request, *, officer, dossier_code: str, at: datetime | None = None
) -> HomeServiceRequest:
    """The workspace received the dossier on the spot: check it (exists, channel home visit, received by
    this officer) and close the visit. Linking the same dossier again is a no-op."""
    at = at or _now()
    locked = _lock(request, None)
    if locked.officer_id != getattr(officer, "pk", None):
        raise HomeServiceForbidden(_("Yêu cầu này không được giao cho bạn."))
    dossier = Dossier.objects.filter(code=(dossier_code or "").strip()).first()
    if locked.status == Status.RECEIVED and dossier is not None and locked.dossier_id == dossier.pk:
        return locked
    if (
        dossier is None
        or dossier.channel != DossierChannel.HOME_VISIT
        or dossier.received_by_id != officer.pk
        or _already_linked(dossier)
    ):
        raise HomeServiceInputError(
            _("Không có hồ sơ tiếp nhận tại nhà do bạn tiếp nhận với mã này."),
            code="homeservice.invalid_dossier",
            field="dossier",
        )
    _check(locked, Action.RECEIVE)
    before = locked.status
    locked.dossier = dossier
    return _commit(locked, officer, Action.RECEIVE, before, at, "", {"dossier": dossier.code})


def _already_linked(dossier: Dossier) -> bool:
    return HomeServiceRequest.objects.filter(dossier=dossier).exists()


@transaction.atomic
def record_visit(
    request, *, officer, version: int, note: str, at: datetime | None = None
) -> HomeServiceRequest:
    """The officer came but no dossier could be received (papers missing, the person absent...)."""
    locked = _lock(request, version)
    if locked.officer_id != getattr(officer, "pk", None):
        raise HomeServiceForbidden(_("Yêu cầu này không được giao cho bạn."))
    _check(locked, Action.VISIT, note)
    before = locked.status
    locked.outcome_note = note.strip()[:500]
    return _commit(locked, officer, Action.VISIT, before, at or _now(), locked.outcome_note)


@transaction.atomic
def cancel(request, *, version: int, reason: str, actor=None, phone: str = "", at: datetime | None = None):
    """Cancelled by the person (who proves it with the phone number) or by a supervisor."""
    locked = _lock(request, version)
    if actor is None or not is_supervisor(actor, locked):
        try:
            same = normalise_phone(phone) == locked.person_phone
        except InvalidIdentity:
            same = False
        if not same:
            raise HomeServiceForbidden(_("Số điện thoại không khớp với yêu cầu."))
        actor = None
    _check(locked, Action.CANCEL, reason)
    before = locked.status
    locked.outcome_note = reason.strip()[:500]
    return _commit(locked, actor, Action.CANCEL, before, at or _now(), locked.outcome_note)


@transaction.atomic
def declare_not_possible(request, *, actor, version: int, reason: str, at: datetime | None = None):
    locked = _lock(request, version)
    if not is_supervisor(actor, locked):
        raise HomeServiceForbidden(_("Chỉ giám sát của tỉnh, thành phố mới được quyết định."))
    _check(locked, Action.REFUSE, reason)
    before = locked.status
    locked.outcome_note = reason.strip()[:500]
    return _commit(locked, actor, Action.REFUSE, before, at or _now(), locked.outcome_note)


def _commit(
    locked, actor, action: Action, before: str, at, note: str = "", details=None
) -> HomeServiceRequest:
    locked.status = flow.TRANSITIONS[action].target.value
    kernel.bump(locked)
    _audit(locked, actor=actor, action=action, from_status=before, at=at, note=note, details=details)
    return locked


def _audit(request, *, actor, action, from_status, at, note="", details=None) -> None:
    audit = rows.new(
        HomeServiceEvent,
        request=request,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        action=str(action),
        from_status=from_status,
        to_status=request.status,
        note=note,
        details=details or {},
    )
    kernel.record(
        audit,
        f"homeservice.{action}",
        aggregate_id=request.code,
        version=request.version,
        occurred_at=at,
        payload=events.payload(request, action=action, previous_status=from_status, at=at),
    )
