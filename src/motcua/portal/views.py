"""Public pages: the citizen's first page, the directory of provinces and communes, the favicon.

Reads go through the portal, catalog and units selectors (the units ones are those of the API).
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.text import Truncator
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView

from motcua.core.collation import sort_key, sorted_vi
from motcua.core.errors import DomainError
from motcua.units import selectors as units
from motcua.units.models import UnitLevel

from . import selectors

MOST_USED = 6  # a phone shows them and the doors without a long scroll
SHORT_NAME = 80


def _short(name: str) -> str:
    """A procedure's name as a button says it: the part before its first bracket, at most 80 characters
    (the whole name is on the procedure's page)."""
    head = name.split(" (")[0].strip() or name
    return Truncator(head).chars(SHORT_NAME)


def home(request):
    """One search box, the most used procedures, the doors (submit, track, number, home, feedback),
    then the province chooser."""
    provinces = selectors.adopting_provinces()
    province = selectors.choose_province(provinces, (request.GET.get("tinh") or "").strip() or None)
    context = {
        "province": province,
        "provinces": sorted_vi(provinces, key=lambda p: p.name),
        "most_used": [
            {**p, "short": _short(p["name"])}
            for p in selectors.most_used_procedures(province, limit=MOST_USED)
        ],
    }
    return render(request, "portal/home.html", context)


def directory(request):
    """Every province with its communes, and a search over the units (the former first page)."""
    query = request.GET.get("q", "").strip()
    results, error = [], None
    if query:
        try:
            results = units.search_units(query, limit=30)
        except DomainError as exc:
            error = exc.message
    provinces = sorted_vi(units.list_provinces(), key=lambda p: p.name)
    communes_per_province = dict(
        units.in_force()
        .filter(level=UnitLevel.COMMUNE)
        .values_list("province_code")
        .annotate(n=Count("id"))
        .values_list("province_code", "n")
    )
    for province in provinces:
        province.commune_count = communes_per_province.get(province.code, 0)
    context = {
        "query": query,
        "results": results,
        "error": error,
        "provinces": provinces,
        "commune_total": sum(communes_per_province.values()),
        "province_names": {p.code: p.full_name for p in provinces},
    }
    return render(request, "portal/directory.html", context)


def province(request, code: str):
    try:
        unit, communes = units.list_communes(code)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    communes = sorted(communes, key=lambda c: sort_key(c.name))
    kinds = {}
    for commune in communes:
        label = commune.get_kind_display()
        kinds[label] = kinds.get(label, 0) + 1
    return render(request, "portal/province.html", {"province": unit, "communes": communes, "kinds": kinds})


class Favicon(RedirectView):
    """/favicon.ico, asked by every browser whatever the page links: the shipped icon, for good."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("portal/favicon.ico")


favicon = cache_control(max_age=86400)(Favicon.as_view())
