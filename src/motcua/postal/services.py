"""Writes of the postal app: one function per use case, one transaction, the rows locked, an audit row
(ShipmentEvent) for every report and every change.

Results by post: `prepare_results` puts dossiers whose result is ready (delivery by post) on a hand-over
record; the officer and the postal agent each `sign` it; status reports (`report`) from the agent's page
or the operator's callbacks move each item; "delivered" records the return of the result through
`dossiers.services.return_result`, the same rule as at the counter.
Dossiers by post: `request_pickup` (the operator or an officer enters the order), the agent reports
"collected", hands the envelopes over on a record signed at the reception place, and the officer links
the dossier received with channel "postal" (`link_pickup_dossier`).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers import access as dossier_access
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import Delivery, DossierChannel
from motcua.dossiers.choices import Status as DossierStatus
from motcua.dossiers.identity import InvalidIdentity, normalise_phone
from motcua.dossiers.lifecycle import Action as DossierAction
from motcua.dossiers.models import Dossier
from motcua.org import selectors as org
from motcua.org.roles import RoleCode
from motcua.units.models import AdministrativeUnit, UnitLevel

from . import addresses, tracking
from .errors import PostalConflict, PostalForbidden, PostalInputError, PostalNotFound
from .models import Direction, HandoverBatch, Shipment, ShipmentEvent, Source
from .tracking import Kind, Outcome, Status

log = logging.getLogger("motcua.postal")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RESULT_STATES = (DossierStatus.RESULT_READY, DossierStatus.REFUSED)
ACTIVE_RESULT = [s.value for s in Status if s not in (Status.RETURNED, Status.CANCELLED)]


def _now() -> datetime:
    return timezone.now()


def _code(prefix: str) -> str:
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(8))


def is_officer(user, place) -> bool:
    return org.can_act(user, RoleCode.RECEPTION_OFFICER, place)


def is_agent(user, place) -> bool:
    return org.can_act(user, RoleCode.POSTAL_AGENT, place)


# ---- results by post ----------------------------------------------------------------------------------


@transaction.atomic
def prepare_results(*, officer, place, dossiers, at: datetime | None = None) -> HandoverBatch:
    """A hand-over record (centre → post) for dossiers whose result is ready to go by post."""
    at = at or _now()
    if not is_officer(officer, place):
        raise PostalForbidden(_("Bạn không phải cán bộ tiếp nhận của nơi này."))
    ids = sorted({getattr(d, "pk", d) for d in dossiers})
    if not ids:
        raise PostalInputError(_("Hãy chọn ít nhất một hồ sơ."), code="postal.empty_batch", field="dossiers")
    locked = list(
        Dossier.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("applicant", "received_place")
        .order_by("pk")
    )
    if len(locked) != len(ids):
        raise PostalNotFound(_("Có hồ sơ không tồn tại."))
    batch = HandoverBatch.objects.create(
        code=_code("BB"),
        direction=Direction.TO_POST,
        place=place,
        province=place.province,
        created_by=officer,
        created_at=at,
    )
    for dossier in locked:
        _check_result(officer, place, dossier)
        applicant = dossier.applicant
        commune = applicant.commune or dossier.commune
        if commune is None or not applicant.address:
            raise PostalInputError(
                _("Hồ sơ %(code)s thiếu địa chỉ nhận kết quả.") % {"code": dossier.code},
                code="postal.no_address",
            )
        shipment = Shipment.objects.create(
            code=_code("BG"),
            kind=Kind.RESULT,
            status=Status.READY,
            status_at=at,
            province=place.province,
            place=place,
            dossier=dossier,
            procedure_id=dossier.procedure_id,
            name=applicant.full_name,
            phone=applicant.phone,
            address=applicant.address,
            commune=commune,
            full_address=addresses.full_address(applicant.address, commune),
            batch=batch,
        )
        _event(
            shipment,
            at=at,
            occurred_at=at,
            source=Source.OFFICER,
            actor=officer,
            from_status="",
            outcome=Outcome.APPLIED,
        )
    return batch


def _check_result(officer, place, dossier: Dossier) -> None:
    """Same rule as the counter: the officer must be allowed to return this dossier's result."""
    code = {"code": dossier.code}
    if dossier.received_place_id is None or place.pk not in dossier.received_place.lineage_ids:
        raise PostalInputError(
            _("Hồ sơ %(code)s không được tiếp nhận tại nơi này.") % code, code="postal.wrong_place"
        )
    if not dossier_access.can_act_on(officer, dossier, DossierAction.RETURN_RESULT):
        raise PostalInputError(
            _("Hồ sơ %(code)s chưa có kết quả để trả, hoặc bạn không được trả kết quả hồ sơ này.") % code,
            code="postal.not_ready",
        )
    if dossier.result_delivery != Delivery.POSTAL:
        raise PostalInputError(
            _("Hồ sơ %(code)s không đăng ký nhận kết quả qua bưu chính.") % code, code="postal.not_postal"
        )
    if Shipment.objects.filter(dossier=dossier, kind=Kind.RESULT, status__in=ACTIVE_RESULT).exists():
        raise PostalConflict(
            _("Hồ sơ %(code)s đã có trong một biên bản bàn giao.") % code, code="postal.already_shipped"
        )


# ---- dossiers by post ---------------------------------------------------------------------------------


@transaction.atomic
def request_pickup(
    *,
    place,
    name: str,
    phone: str,
    address: str,
    commune,
    procedure=None,
    tracking_number: str = "",
    actor=None,
    at: datetime | None = None,
) -> Shipment:
    """A dossier to collect at the applicant's address and bring to `place` (an order of the operator,
    or entered by an officer of the place)."""
    at = at or _now()
    if actor is not None and not (is_officer(actor, place) or is_agent(actor, place)):
        raise PostalForbidden(_("Bạn không được nhận yêu cầu thu gom cho nơi này."))
    errors = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = _("Cần ghi họ tên người gửi hồ sơ.")
    try:
        phone = normalise_phone(phone)
    except InvalidIdentity:
        errors["phone"] = _("Số điện thoại không hợp lệ.")
    if not (address or "").strip():
        errors["address"] = _("Cần ghi địa chỉ thu gom.")
    if not isinstance(commune, AdministrativeUnit):
        commune = (
            AdministrativeUnit.objects.current()
            .filter(level=UnitLevel.COMMUNE, code=str(commune or ""))
            .first()
        )
    if commune is None or commune.province_code != place.province.code:
        errors["commune"] = _("Xã, phường không hợp lệ hoặc không thuộc tỉnh, thành phố của nơi tiếp nhận.")
    if errors:
        raise PostalInputError(
            "; ".join(errors.values()), code="postal.invalid_pickup", details={"fields": errors}
        )
    shipment = Shipment.objects.create(
        code=_code("BG"),
        kind=Kind.PICKUP,
        status=Status.REQUESTED,
        status_at=at,
        province=place.province,
        place=place,
        procedure=procedure,
        name=name,
        phone=phone,
        address=address.strip(),
        commune=commune,
        full_address=addresses.full_address(address, commune),
        tracking_number=tracking_number.strip(),
    )
    _event(
        shipment,
        at=at,
        occurred_at=at,
        source=Source.OPERATOR if actor is None else Source.OFFICER,
        actor=actor,
        from_status="",
        outcome=Outcome.APPLIED,
    )
    return shipment


@transaction.atomic
def prepare_pickups(*, agent, place, shipments, at: datetime | None = None) -> HandoverBatch:
    """A hand-over record (post → centre) for the collected dossiers brought to `place`."""
    at = at or _now()
    if not is_agent(agent, place):
        raise PostalForbidden(_("Bạn không phụ trách bưu chính cho nơi này."))
    ids = sorted({getattr(s, "pk", s) for s in shipments})
    locked = list(Shipment.objects.select_for_update().filter(pk__in=ids))
    if not ids or len(locked) != len(ids):
        raise PostalInputError(
            _("Hãy chọn ít nhất một bưu gửi."), code="postal.empty_batch", field="shipments"
        )
    batch = HandoverBatch.objects.create(
        code=_code("BB"),
        direction=Direction.FROM_POST,
        place=place,
        province=place.province,
        created_by=agent,
        created_at=at,
    )
    for shipment in locked:
        if shipment.kind != Kind.PICKUP or shipment.place_id != place.pk or shipment.batch_id is not None:
            raise PostalInputError(
                _("Bưu gửi %(code)s không thuộc nơi này hoặc đã bàn giao.") % {"code": shipment.code},
                code="postal.wrong_item",
            )
        if shipment.status not in (Status.COLLECTED, Status.IN_TRANSIT):
            raise PostalInputError(
                _("Bưu gửi %(code)s chưa được thu gom.") % {"code": shipment.code},
                code="postal.not_collected",
            )
        shipment.batch = batch
        shipment.save(update_fields=["batch"])
    return batch


# ---- signatures ---------------------------------------------------------------------------------------


@transaction.atomic
def sign(batch, *, user, at: datetime | None = None) -> HandoverBatch:
    """The officer or the postal agent confirms the record with their own account. Once both have, the
    items are handed over."""
    at = at or _now()
    locked = (
        HandoverBatch.objects.select_for_update()
        .filter(pk=getattr(batch, "pk", batch))
        .select_related("place")
        .first()
    )
    if locked is None:
        raise PostalNotFound(_("Không tìm thấy biên bản bàn giao."))
    if locked.signed:
        raise PostalConflict(_("Biên bản đã được hai bên xác nhận."), code="postal.already_signed")
    if user.pk in (locked.officer_id, locked.agent_id) and not locked.signed:
        if is_officer(user, locked.place) and is_agent(user, locked.place):
            raise PostalForbidden(_("Một người không thể ký cả hai bên."))
    if is_officer(user, locked.place) and locked.officer_id is None and user.pk != locked.agent_id:
        locked.officer, locked.officer_signed_at = user, at
    elif is_agent(user, locked.place) and locked.agent_id is None and user.pk != locked.officer_id:
        locked.agent, locked.agent_signed_at = user, at
    elif is_officer(user, locked.place) or is_agent(user, locked.place):
        raise PostalConflict(_("Bên của bạn đã xác nhận biên bản này."), code="postal.already_signed")
    else:
        raise PostalForbidden(_("Bạn không được xác nhận biên bản của nơi này."))
    locked.save()
    if locked.signed:
        transaction.on_commit(lambda: announce(locked.pk))
        for shipment in Shipment.objects.select_for_update().filter(batch=locked).order_by("pk"):
            before = shipment.status
            shipment.status, shipment.status_at = Status.HANDED_OVER, at
            shipment.version += 1
            shipment.save(update_fields=["status", "status_at", "version"])
            _event(
                shipment,
                at=at,
                occurred_at=at,
                source=Source.SYSTEM,
                actor=user,
                from_status=before,
                outcome=Outcome.APPLIED,
                details={"batch": locked.code},
            )
    return locked


def announce(batch_id: int) -> None:
    """Tell the operator about a record signed both ways (after commit; a failure is logged and the
    operator's callbacks still work with our item codes)."""
    from .operator import registry

    batch = HandoverBatch.objects.select_related("place").get(pk=batch_id)
    items = list(batch.items.order_by("pk"))
    payload = {
        "record": batch.code,
        "direction": batch.direction,
        "signed_at": max(batch.officer_signed_at, batch.agent_signed_at).isoformat(),
        "place": {"code": batch.place.code, "name": batch.place.name},
        "items": [
            {
                "item_code": s.code,
                "kind": s.kind,
                "name": s.name,
                "phone": s.phone,
                "address": s.full_address,
                "commune_code": s.commune.code,
            }
            for s in items
        ],
    }
    try:
        answer = registry.current().announce(payload)
    except Exception:  # noqa: BLE001 - any operator failure: logged, never lost for the record itself
        log.warning("postal operator did not accept record %s", batch.code, exc_info=True)
        return
    for item in items:
        number = answer.tracking_numbers.get(item.code)
        if number and not item.tracking_number:
            Shipment.objects.filter(pk=item.pk, tracking_number="").update(tracking_number=number[:40])


# ---- status reports -----------------------------------------------------------------------------------


@transaction.atomic
def report(
    shipment,
    *,
    status: str,
    occurred_at: datetime,
    source: str,
    actor=None,
    external_id: str = "",
    reason: str = "",
    tracking_number: str = "",
    at: datetime | None = None,
) -> tuple[Shipment, ShipmentEvent]:
    """Apply one status report (agent page or operator callback). Duplicates and out-of-order reports are
    recorded and change nothing (tracking.decide)."""
    at = at or _now()
    locked = (
        Shipment.objects.select_for_update()
        .filter(pk=getattr(shipment, "pk", shipment))
        .select_related("place", "batch")
        .first()
    )
    if locked is None:
        raise PostalNotFound(_("Không tìm thấy bưu gửi."))
    if source == Source.AGENT and not is_agent(actor, locked.place):
        raise PostalForbidden(_("Bạn không phụ trách bưu gửi này."))
    try:
        new = Status(status)
    except ValueError:
        raise PostalInputError(
            _("Trạng thái không hợp lệ."), code="postal.invalid_status", field="status"
        ) from None
    reason = (reason or "").strip()[:300]
    if new in tracking.NEEDS_REASON and not reason:
        raise PostalInputError(_("Cần ghi lý do."), code="postal.reason_required", field="reason")
    external_id = (external_id or "").strip()[:80]
    if (
        external_id
        and locked.events.filter(source=source, external_id=external_id)
        .exclude(outcome=Outcome.DUPLICATE)
        .exists()
    ):
        decision = tracking.Decision(Outcome.DUPLICATE, "same_event")
    else:
        decision = tracking.decide(locked.kind, locked.status, locked.status_at, new, occurred_at)
    before = locked.status
    if decision.outcome == Outcome.APPLIED:
        locked.status, locked.status_at = new, occurred_at
        locked.reason = reason if new in tracking.NEEDS_REASON else ""
        locked.tracking_number = tracking_number.strip()[:40] or locked.tracking_number
        locked.version += 1
        locked.save()
    details = {"reason_code": decision.reason} if decision.reason else {}
    event = _event(
        locked,
        at=at,
        occurred_at=occurred_at,
        source=source,
        actor=actor,
        external_id=external_id,
        from_status=before,
        status=new,
        outcome=decision.outcome,
        note=reason,
        details=details,
    )
    if decision.outcome == Outcome.APPLIED and new == Status.DELIVERED and locked.kind == Kind.RESULT:
        _record_return(locked, occurred_at)
    return locked, event


def _record_return(shipment: Shipment, delivered_at: datetime) -> None:
    """The result reached the applicant: the officer who handed it to the post returns it (same service,
    same rule as at the counter). A refusal (e.g. their assignment ended) is kept on the item for an
    officer of the place to finish with `retry_return`."""
    officer = shipment.batch.officer if shipment.batch_id else None
    dossier = Dossier.objects.get(pk=shipment.dossier_id)
    note = _("Bưu chính đã phát kết quả (bưu gửi %(code)s).") % {"code": shipment.code}
    try:
        with transaction.atomic():
            dossier_services.return_result(
                dossier,
                actor=officer,
                version=dossier.version,
                method=Delivery.POSTAL,
                note=note,
                at=delivered_at,
            )
    except DomainError as error:
        shipment.return_error = error.code[:60]
    else:
        shipment.return_error = ""
    shipment.save(update_fields=["return_error"])


@transaction.atomic
def retry_return(shipment, *, officer) -> Shipment:
    locked = (
        Shipment.objects.select_for_update().select_related("place").get(pk=getattr(shipment, "pk", shipment))
    )
    if locked.status != Status.DELIVERED or not locked.return_error:
        raise PostalConflict(
            _("Không có việc trả kết quả nào cần ghi nhận lại."), code="postal.nothing_to_retry"
        )
    dossier = Dossier.objects.get(pk=locked.dossier_id)
    dossier_services.return_result(
        dossier,
        actor=officer,
        version=dossier.version,
        method=Delivery.POSTAL,
        note=_("Bưu chính đã phát kết quả (bưu gửi %(code)s).") % {"code": locked.code},
        at=locked.status_at,
    )
    locked.return_error = ""
    locked.save(update_fields=["return_error"])
    return locked


@transaction.atomic
def link_pickup_dossier(shipment, *, officer, dossier_code: str, at: datetime | None = None) -> Shipment:
    """The officer received the collected dossier with channel "postal": link it and close the item."""
    at = at or _now()
    locked = (
        Shipment.objects.select_for_update().select_related("place").get(pk=getattr(shipment, "pk", shipment))
    )
    if not is_officer(officer, locked.place):
        raise PostalForbidden(_("Bạn không phải cán bộ tiếp nhận của nơi này."))
    dossier = Dossier.objects.filter(code=(dossier_code or "").strip()).first()
    if locked.status == Status.RECEIVED and dossier is not None and locked.dossier_id == dossier.pk:
        return locked
    if locked.kind != Kind.PICKUP or locked.status != Status.HANDED_OVER:
        raise PostalConflict(
            _("Bưu gửi chưa được bàn giao cho nơi tiếp nhận."), code="postal.not_handed_over"
        )
    if dossier is None or dossier.channel != DossierChannel.POSTAL or dossier.received_by_id != officer.pk:
        raise PostalInputError(
            _("Không có hồ sơ nộp qua bưu chính do bạn tiếp nhận với mã này."),
            code="postal.invalid_dossier",
            field="dossier",
        )
    before = locked.status
    locked.dossier, locked.status, locked.status_at = dossier, Status.RECEIVED, at
    locked.version += 1
    locked.save()
    _event(
        locked,
        at=at,
        occurred_at=at,
        source=Source.OFFICER,
        actor=officer,
        from_status=before,
        outcome=Outcome.APPLIED,
        details={"dossier": dossier.code},
    )
    return locked


def _event(
    shipment,
    *,
    at,
    occurred_at,
    source,
    actor,
    from_status,
    outcome,
    status=None,
    external_id="",
    note="",
    details=None,
):
    return ShipmentEvent.objects.create(
        shipment=shipment,
        recorded_at=at,
        occurred_at=occurred_at,
        source=source,
        actor=actor,
        external_id=external_id,
        from_status=from_status,
        status=str(status or shipment.status),
        outcome=outcome,
        note=note,
        details=details or {},
    )
