"""The public transparency page's figures: the province's and each commune's index, per agency the dossiers
ended on time and late and the apology letters, and the SIPAS summary. Built once a day (or on the first
request of the day) and kept whole in Django's cache: a visitor reads one cache entry."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from motcua.dossiers.models import ApologyLetter, Dossier
from motcua.feedback import selectors as feedback
from motcua.feedback.models import Rating
from motcua.feedback.sipas import FACTORS
from motcua.org.models import Agency

from . import scoring, selectors, services
from .selectors import COMMUNE, NOT_PROCESSED, Period, Unit

DAYS = 30  # the page shows the 30 days up to yesterday
CACHE_SECONDS = 26 * 3600  # the key holds the day; the entry outlives it a little, never read after


def period_ending_yesterday(today=None) -> Period:
    today = today or timezone.localdate()
    return Period(today - timedelta(days=DAYS), today - timedelta(days=1))


def cache_key(province_code: str, language: str, today=None) -> str:
    return f"index:public:{province_code}:{language}:{(today or timezone.localdate()).isoformat()}"


def figures(province: Unit, period: Period) -> dict:
    """Everything the page shows for a province and a period (the cache holds the rendered page)."""
    within = selectors.scope(province)
    index = services.index_of(province, period)
    communes = services.ranking(COMMUNE, period, within=province)
    start, end = period.bounds
    ended = Q(finished_at__gte=start, finished_at__lt=end) & ~Q(status__in=NOT_PROCESSED)
    on_time = selectors.on_time_condition()
    rows = (
        Dossier.objects.filter(within)
        .filter(ended)
        .order_by()
        .values("agency")
        .annotate(ended=Count("pk"), on_time=Count("pk", filter=on_time))
    )
    apologies = dict(
        ApologyLetter.objects.filter(
            dossier__in=Dossier.objects.filter(within), issued_at__gte=start, issued_at__lt=end
        )
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values_list("agency", "n")
    )
    by_agency = {r["agency"]: r for r in rows}
    names = dict(Agency.objects.filter(pk__in=set(by_agency) | set(apologies)).values_list("pk", "name"))
    agencies = []
    for pk in set(by_agency) | set(apologies):
        r = by_agency.get(pk, {"ended": 0, "on_time": 0})
        agencies.append(
            {
                "name": names.get(pk, ""),
                "ended": r["ended"],
                "on_time": r["on_time"],
                "late": r["ended"] - r["on_time"],
                "share": (r["on_time"] / r["ended"]) if r["ended"] else None,
                "apologies": apologies.get(pk, 0),
            }
        )
    agencies.sort(key=lambda a: (-a["late"], a["name"]))
    factors, sipas_index = feedback.summary(
        Rating.objects.filter(
            dossier__in=Dossier.objects.filter(within), created_at__gte=start, created_at__lt=end
        )
    )
    labels = {f.code: f.name for f in FACTORS}
    progress = next(g for g in index.groups if g.key == "tien_do_giai_quyet").criteria[0]
    return {
        "province": province,
        "period": period,
        "index": index,
        "on_time": progress,
        "communes": communes,
        "agencies": agencies,
        "sipas": [(labels[f.code], f) for f in factors],
        "sipas_index": sipas_index,
        "groups": [(scoring.group_label(g.key), g) for g in index.groups],
    }


def cached_page(province_code: str, language: str, build) -> str:
    """The rendered figures of today from the cache, built by `build()` on the day's first request."""
    key = cache_key(province_code, language)
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, CACHE_SECONDS)
    return html
