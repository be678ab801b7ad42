"""Hand-over records confirmed by the officer and the postal agent, each with their own account."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import kernel

from ..errors import PostalConflict, PostalForbidden, PostalNotFound
from ..models import HandoverBatch, Shipment, Source
from ..tracking import Outcome, Status
from .common import batch_event, check_version, event, is_agent, is_officer, log, now


@transaction.atomic
def sign(batch, *, user, at: datetime | None = None, version: int | None = None) -> HandoverBatch:
    """The officer or the postal agent confirms the record with their own account. Once both have, the
    items are handed over. `version`: the record's version the signer saw (stale: "stale_write")."""
    at = at or now()
    locked = kernel.lock(
        HandoverBatch.objects.select_related("place"),
        batch,
        missing=lambda: PostalNotFound(_("Không tìm thấy biên bản bàn giao.")),
    )
    check_version(locked, version)
    if locked.signed:
        raise PostalConflict(_("Biên bản đã được hai bên xác nhận."), code="postal.already_signed")
    if user.pk in (locked.officer_id, locked.agent_id) and not locked.signed:
        if is_officer(user, locked.place) and is_agent(user, locked.place):
            raise PostalForbidden(_("Một người không thể ký cả hai bên."))
    if is_officer(user, locked.place) and locked.officer_id is None and user.pk != locked.agent_id:
        locked.officer, locked.officer_signed_at, side = user, at, "officer"
    elif is_agent(user, locked.place) and locked.agent_id is None and user.pk != locked.officer_id:
        locked.agent, locked.agent_signed_at, side = user, at, "agent"
    elif is_officer(user, locked.place) or is_agent(user, locked.place):
        raise PostalConflict(_("Bên của bạn đã xác nhận biên bản này."), code="postal.already_signed")
    else:
        raise PostalForbidden(_("Bạn không được xác nhận biên bản của nơi này."))
    kernel.bump(locked)
    batch_event(locked, "handover.signed", at=at, side=side)
    if locked.signed:
        transaction.on_commit(lambda: announce(locked.pk))
        for shipment in Shipment.objects.select_for_update().filter(batch=locked).order_by("pk"):
            before = shipment.status
            shipment.status, shipment.status_at = Status.HANDED_OVER, at
            kernel.bump(shipment, ["status", "status_at"])
            event(
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
    from ..operator import registry

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
