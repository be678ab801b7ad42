"""Results by post: dossiers whose result is ready go on a hand-over record (centre → post)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import access as dossier_access
from motcua.dossiers.choices import Delivery
from motcua.dossiers.lifecycle import Action as DossierAction
from motcua.dossiers.models import Dossier

from .. import addresses
from ..errors import PostalConflict, PostalForbidden, PostalInputError, PostalNotFound
from ..models import Direction, HandoverBatch, Shipment, Source
from ..tracking import Kind, Outcome, Status
from .common import ACTIVE_RESULT, batch_event, event, is_officer, new_code, now


@transaction.atomic
def prepare_results(*, officer, place, dossiers, at: datetime | None = None) -> HandoverBatch:
    """A hand-over record (centre → post) for dossiers whose result is ready to go by post."""
    at = at or now()
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
        code=new_code("BB"),
        direction=Direction.TO_POST,
        place=place,
        province=place.province,
        created_by=officer,
        created_at=at,
    )
    batch_event(batch, "handover.prepared", at=at)
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
            code=new_code("BG"),
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
        event(
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
