"""Public pages. Reads go through the units selectors, the same ones the API uses."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from motcua.core.errors import DomainError
from motcua.units import selectors as units
from motcua.units.models import UnitLevel


def home(request):
    query = request.GET.get("q", "").strip()
    results, error = [], None
    if query:
        try:
            results = units.search_units(query, limit=30)
        except DomainError as exc:
            error = exc.message
    provinces = list(units.list_provinces())
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
    return render(request, "portal/home.html", context)


def province(request, code: str):
    try:
        unit, communes = units.list_communes(code)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    communes = list(communes)
    kinds = {}
    for commune in communes:
        label = commune.get_kind_display()
        kinds[label] = kinds.get(label, 0) + 1
    return render(request, "portal/province.html", {"province": unit, "communes": communes, "kinds": kinds})
