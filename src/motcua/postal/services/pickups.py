"""Dossiers by post: collected at the applicant's address, handed over to a reception place, received
there with channel "postal"."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.core import kernel
from motcua.core.identity import InvalidIdentity, normalise_phone
from motcua.dossiers.choices import DossierChannel
from motcua.dossiers.models import Dossier
from motcua.units.models import AdministrativeUnit, UnitLevel

from .. import addresses
from ..errors import PostalConflict, PostalForbidden, PostalInputError, PostalNotFound
from ..models import Direction, HandoverBatch, Shipment, Source
from ..tracking import Kind, Outcome, Status
from .common import batch_event, check_version, event, is_agent, is_officer, new_code, now


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
    order_ref: str = "",
    actor=None,
    at: datetime | None = None,
) -> Shipment:
    """A dossier to collect at the applicant's address and bring to `place` (an order of the operator,
    or entered by an officer of the place)."""
    at = at or now()
    if actor is not None and not (is_officer(actor, place) or is_agent(actor, place)):
        raise PostalForbidden(_("Bạn không được nhận yêu cầu thu gom cho nơi này."))
    order_ref = (order_ref or "").strip()[:80]
    if order_ref:
        known = Shipment.objects.filter(order_ref=order_ref).first()
        if known is not None:  # the operator sent the same order again
            return known
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
    fields = dict(
        code=new_code("BG"),
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
        order_ref=order_ref,
    )
    try:
        with transaction.atomic():
            shipment = Shipment.objects.create(**fields)
    except IntegrityError:
        known = Shipment.objects.filter(order_ref=order_ref).first() if order_ref else None
        if known is None:
            raise
        return known  # a concurrent retry of the same order won
    event(
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
    at = at or now()
    if not is_agent(agent, place):
        raise PostalForbidden(_("Bạn không phụ trách bưu chính cho nơi này."))
    ids = sorted({getattr(s, "pk", s) for s in shipments})
    locked = list(Shipment.objects.select_for_update().filter(pk__in=ids))
    if not ids or len(locked) != len(ids):
        raise PostalInputError(
            _("Hãy chọn ít nhất một bưu gửi."), code="postal.empty_batch", field="shipments"
        )
    batch = HandoverBatch.objects.create(
        code=new_code("BB"),
        direction=Direction.FROM_POST,
        place=place,
        province=place.province,
        created_by=agent,
        created_at=at,
    )
    batch_event(batch, "handover.prepared", at=at)
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


@transaction.atomic
def link_pickup_dossier(
    shipment, *, officer, dossier_code: str, at: datetime | None = None, version: int | None = None
) -> Shipment:
    """The officer received the collected dossier with channel "postal": link it and close the item.
    `version`: the item's version the officer saw (stale: "stale_write")."""
    at = at or now()
    locked = kernel.lock(
        Shipment.objects.select_related("place"),
        shipment,
        missing=lambda: PostalNotFound(_("Không tìm thấy bưu gửi.")),
    )
    check_version(locked, version)
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
    kernel.bump(locked)
    event(
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
