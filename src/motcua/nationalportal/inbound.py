"""Pull: dossiers submitted on the national portal for this province, received through the online
reception service (dossiers.services.submit_online), each exactly once.

The portal's dossier code is the idempotency key twice over: a row per portal code here, and the
reception service's own idempotency key, so a crash between the two never makes a second dossier.
An item that cannot be received (unknown procedure or agency code, a refusal of the reception service)
is parked with its reason, never dropped; every pull tries the parked ones again (a catalog fixed since).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DataError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from . import contract
from .client import Client
from .models import InboundDossier, InboundState

log = logging.getLogger("motcua.nationalportal")
SYSTEM_USER = "cong-dvcqg"  # the account the portal's submissions are made under


class Parked(Exception):
    pass


# What a malformed item raises on its way through (a name that is a list, a birth date "abcdefgh", a
# string too long for its column): the item is parked with its reason, never fatal to the whole pull.
MALFORMED = (TypeError, ValueError, KeyError, AttributeError, ValidationError, DataError)


def system_user():
    user, _created = get_user_model().objects.get_or_create(
        username=SYSTEM_USER, defaults={"full_name": "Cổng Dịch vụ công quốc gia"}
    )
    return user


def _moment(text):
    return datetime.strptime(text, contract.TIME_FORMAT).replace(tzinfo=contract.ZONE)


def _applicant(person: dict) -> dict:
    born = person.get("NgaySinh") or ""
    return {
        "kind": "person",
        "full_name": person.get("HoTen") or "",
        "id_number": person.get("SoDinhDanh") or "",
        "birth_date": date(int(born[:4]), int(born[4:6]), int(born[6:8])).isoformat()
        if len(born) == 8
        else None,
        "sex": {"1": "male", "2": "female"}.get(str(person.get("GioiTinh") or ""), ""),
        "phone": person.get("SoDienThoai") or "",
        "email": person.get("Email") or "",
        "address": person.get("DiaChi") or "",
        "commune": person.get("MaXa") or None,
    }


def receive(item: dict):
    """The dossier made from one portal item, or Parked(reason)."""
    from motcua.catalog.models import Procedure
    from motcua.dossiers import reference, selectors, services
    from motcua.dossiers.services.online import result_deliveries
    from motcua.org.models import Agency
    from motcua.units.models import AdministrativeUnit

    procedure = Procedure.objects.filter(code=item.get("MaTTHC") or "").first()
    if procedure is None:
        raise Parked(_("Mã thủ tục %(code)s không có trong danh mục.") % {"code": item.get("MaTTHC")})
    agency = Agency.objects.filter(code=item.get("MaCoQuan") or "").first()
    if agency is None:
        raise Parked(
            _("Mã định danh cơ quan %(code)s không có trong hệ thống.") % {"code": item.get("MaCoQuan")}
        )
    province_code = item.get("MaTinh") or getattr(settings, "MOTCUA_PORTAL_PROVINCE", "")
    province = AdministrativeUnit.objects.filter(code=province_code, parent__isnull=True).first()
    if province is None:
        raise Parked(_("Mã tỉnh %(code)s không đúng.") % {"code": province_code})
    try:
        at = _moment(item.get("NgayNop") or "")
    except ValueError as exc:
        raise Parked(_("Thời điểm nộp không đúng định dạng.")) from exc
    version = reference.version_in_force(procedure, at.date())
    if version is None:
        raise Parked(_("Thủ tục %(code)s không có phiên bản đang có hiệu lực.") % {"code": procedure.code})
    # The portal checked the paper list when the citizen submitted; every required paper is attached there.
    provided = [doc.pk for doc in selectors.checklist(version, None) if doc.required]
    offered = result_deliveries(version)
    try:
        return services.submit_online(
            user=system_user(),
            procedure=procedure,
            province=province,
            applicant=_applicant(item.get("ChuHoSo") or {}),
            provided=provided,
            agency=agency,
            result_delivery="online" if "online" in offered else offered[0],
            idempotency_key=f"dvcqg:{item['MaHoSoCong']}",
            at=at,
        )
    except DomainError as exc:
        raise Parked(str(exc)) from exc


def _take(item: dict, row: InboundDossier | None) -> str:
    code = str(item.get("MaHoSoCong") or "")[:60]
    try:
        with transaction.atomic():
            dossier = receive(item)
            values = {"state": InboundState.RECEIVED, "reason": "", "dossier_code": dossier.code}
            _save(row, code, item, values)
        return InboundState.RECEIVED
    except Parked as exc:
        reason = str(exc)
    except MALFORMED as exc:
        reason = _("Dữ liệu hồ sơ từ Cổng không đúng định dạng (%(error)s).") % {"error": type(exc).__name__}
    _save(row, code, item, {"state": InboundState.PARKED, "reason": reason[:2000]})
    log.warning("national portal dossier %s parked: %s", code, reason)
    return InboundState.PARKED


def _save(row, code, item, values) -> None:
    if row is None:
        row = InboundDossier(portal_code=code, payload=item, portal_seq=_int(item.get("Id")))
    for name, value in values.items():
        setattr(row, name, value)
    row.save()


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def pull(client: Client | None = None) -> dict:
    counts = {"fetched": 0, "received": 0, "parked": 0}
    if not getattr(settings, "MOTCUA_PORTAL_URL", "") and client is None:
        return counts
    client = client or Client()
    for row in InboundDossier.objects.filter(state=InboundState.PARKED):
        counts[_take(row.payload, row)] += 1
    after = InboundDossier.objects.aggregate(m=Max("portal_seq"))["m"] or 0
    province = getattr(settings, "MOTCUA_PORTAL_PROVINCE", "")
    while True:
        answer = client.pending_submissions(province, after)
        data = answer.get("data") or []
        if not isinstance(data, list):
            log.warning("national portal pull: `data` is not a list (%s): nothing taken", type(data).__name__)
            break
        items = [i for i in data if isinstance(i, dict) and isinstance(i.get("MaHoSoCong"), (str, int))]
        if len(items) < len(data):
            log.warning(
                "national portal pull: %s items without a usable MaHoSoCong ignored", len(data) - len(items)
            )
        for item in items:
            counts["fetched"] += 1
            row = InboundDossier.objects.filter(portal_code=str(item["MaHoSoCong"])[:60]).first()
            if row is not None and row.state == InboundState.RECEIVED:
                continue  # fetched before: never a second dossier
            counts[_take(item, row)] += 1
        cursor = _int(answer.get("cursor"), after)
        if not items or cursor <= after:
            break
        after = cursor
    return counts
