"""What the scan reads: a province's dossiers and bookings of a window, as scoring's plain values."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.org import selectors as org
from motcua.queueing.models import Ticket, TicketChannel, TicketStatus

from . import scoring
from .models import RiskCase

_NOT_WORD = re.compile(r"[^0-9a-z]+")
MISSED = (TicketStatus.EXPIRED, TicketStatus.NO_SHOW)


def household(address: str) -> str:
    """A home address folded so that "Số 3, ngõ 12 Kim Mã" and "so 3 ngo 12 kim ma" are one household."""
    return _NOT_WORD.sub(" ", fold(address or "")).strip()


def _person(id_number: str, name: str, birth: date | None, phone: str = "") -> str:
    if id_number:
        return id_number
    name = fold(name or "")
    return f"{name}|{birth or phone}" if name else ""


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=tz)
    return start, datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)


FIELDS = (
    "pk", "code", "received_at", "submitted_at", "procedure__code", "received_place_id", "owner_id",
    "applicant__id_number", "applicant__full_name", "applicant__birth_date", "applicant__address",
    "applicant__commune_id", "applicant__phone", "applicant__email",
    "submitter__id_number", "submitter__full_name", "submitter__birth_date", "submitter__address",
    "submitter__phone", "submitter__email",
)  # fmt: skip


def filings(province, first: date, last: date) -> list[scoring.Filing]:
    start, end = _bounds(first, last)
    rows = (
        Dossier.objects.filter(province=province)
        .filter(
            Q(received_at__gte=start, received_at__lt=end) | Q(submitted_at__gte=start, submitted_at__lt=end)
        )
        .values_list(*FIELDS)
    )
    out = []
    for (pk, code, received, submitted, procedure, place, owner, a_id, a_name, a_birth, a_address, a_commune,
         a_phone, a_email, s_id, s_name, s_birth, s_address, s_phone, s_email) in rows.iterator(2000):  # fmt: skip
        moment = submitted or received
        submitter = _person(s_id or "", s_name or "", s_birth, s_phone or "")
        out.append(
            scoring.Filing(
                dossier_id=pk,
                code=code,
                day=timezone.localtime(moment).date(),
                applicant=_person(a_id, a_name, a_birth, a_phone),
                household=household(a_address),
                commune=a_commune,
                procedure=procedure,
                place=place,
                submitter=submitter,
                submitter_household=household(s_address or "") if submitter else "",
                phones=tuple(p for p in {a_phone, s_phone or ""} if p),
                emails=tuple(e.lower() for e in {a_email, s_email or ""} if e),
                account=str(owner) if owner else "",
            )
        )
    return out


def bookings(province, first: date, last: date) -> list[scoring.Booking]:
    rows = Ticket.objects.filter(
        place__province=province, channel=TicketChannel.ONLINE, day__gte=first, day__lte=last
    ).values_list("pk", "day", "place_id", "phone", "id_number", "full_name", "status")
    return [
        scoring.Booking(pk, day, place, phone, _person(id_number, name, None), status in MISSED)
        for pk, day, place, phone, id_number, name, status in rows.iterator(2000)
    ]


def reviewable_provinces(user) -> set[int] | None:
    """Province ids a supervisor may review (None: every province, a system-wide supervisor)."""
    return org.supervised_provinces(user)


def cases_for(user):
    provinces = reviewable_provinces(user)
    rows = RiskCase.objects.select_related("province")
    if provinces is None:
        return rows
    return rows.filter(province_id__in=provinces)
