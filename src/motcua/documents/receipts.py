"""The receipt's number ("Số: 125/2026/TN" on form 01): one series per center and year.

A number is given when the receipt is first printed and printed the same every time after; the
dossiers of an issuer get 1, 2, 3… in the order their receipts were first printed, with no gap (a
dossier whose receipt is never printed takes none). Two counters printing at the same moment get two
numbers: the series row is bumped by one UPDATE, which holds the row's lock (PostgreSQL) or the
database's write lock (SQLite, IMMEDIATE transactions) until the number row is written.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ReceiptNumber, ReceiptSeries

SUFFIX = "TN"  # tiếp nhận


def format_number(number: int, year: int) -> str:
    """ "07/2026/TN": at least two digits (Decree 30/2020/NĐ-CP writes numbers below 10 as 01…09)."""
    return f"{number:02d}/{year}/{SUFFIX}"


def _issuer(dossier) -> dict:
    place = dossier.received_place
    if place is not None:
        return {"center_id": place.center_id or place.pk}
    return {"agency_id": dossier.agency_id}


def _existing(dossier) -> str | None:
    found = ReceiptNumber.objects.filter(dossier_id=dossier.pk).select_related("series").first()
    return format_number(found.number, found.series.year) if found else None


def receipt_number(dossier) -> str:
    """The dossier's receipt number, given now if it has none. Needs a received dossier."""
    if dossier.received_at is None:
        raise ValueError(f"dossier {dossier.code} is not received: no receipt number")
    known = _existing(dossier)
    if known:
        return known
    issuer = _issuer(dossier)
    year = timezone.localtime(dossier.received_at).year  # the year of the receipt's date
    try:
        with transaction.atomic():
            series, _ = ReceiptSeries.objects.get_or_create(year=year, **issuer)
            ReceiptSeries.objects.filter(pk=series.pk).update(last=F("last") + 1)
            number = ReceiptSeries.objects.values_list("last", flat=True).get(pk=series.pk)
            ReceiptNumber.objects.create(dossier_id=dossier.pk, series=series, number=number)
    except IntegrityError:
        # The same receipt printed twice at once (the other one numbered it), or the year's series
        # created by another counter between our read and insert: what was committed wins.
        known = _existing(dossier)
        if known:
            return known
        return receipt_number(dossier)
    return format_number(number, year)
