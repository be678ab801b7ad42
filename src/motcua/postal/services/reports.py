"""Status reports from the agent's page and the operator's callbacks; a delivered result is returned
through the dossier engine's own service."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import kernel
from motcua.core.errors import DomainError
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import Delivery
from motcua.dossiers.models import Dossier

from .. import tracking
from ..errors import PostalConflict, PostalForbidden, PostalInputError, PostalNotFound
from ..models import Shipment, ShipmentEvent, Source
from ..tracking import Kind, Outcome, Status
from .common import check_version, is_agent, now
from .common import event as audit


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
    version: int | None = None,
) -> tuple[Shipment, ShipmentEvent]:
    """Apply one status report (agent page or operator callback). Duplicates and out-of-order reports are
    recorded and change nothing (tracking.decide). `version`: the item's version the agent saw (stale:
    "stale_write"); the operator's callbacks are ordered by their moments instead."""
    at = at or now()
    locked = kernel.lock(
        Shipment.objects.select_related("place", "batch"),
        shipment,
        missing=lambda: PostalNotFound(_("Không tìm thấy bưu gửi.")),
    )
    if source == Source.AGENT and not is_agent(actor, locked.place):
        raise PostalForbidden(_("Bạn không phụ trách bưu gửi này."))
    check_version(locked, version)
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
        kernel.bump(locked)
    details = {"reason_code": decision.reason} if decision.reason else {}
    recorded = audit(
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
    return locked, recorded


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
        Shipment.objects.select_for_update(of=("self",))
        .select_related("place")
        .get(pk=getattr(shipment, "pk", shipment))
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
