"""Reads for the public catalog pages that the catalog and org selectors do not offer.

Every function here is a fixed number of queries, whatever the size of the catalog.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure, ProcedureVersion, ProvinceProcedure
from motcua.core.collation import sorted_vi
from motcua.dossiers.models import Dossier
from motcua.org.models import PlaceKind, ReceptionPlace
from motcua.units.models import AdministrativeUnit

DEFAULT_PROVINCE = "01"  # Hà Nội, when it has adopted procedures

# Places that receive dossiers of provincial procedures: the province's own center and what hangs
# under it; commune-level procedures go to the commune points (one-level model) or the commune centers
# (two-tier model).
PROVINCE_LEVEL = Q(kind=PlaceKind.CENTER, parent__isnull=True) | Q(
    kind__in=(PlaceKind.BRANCH, PlaceKind.SERVICE_POINT)
)
COMMUNE_LEVEL = Q(kind=PlaceKind.COMMUNE_POINT) | Q(kind=PlaceKind.CENTER, parent__isnull=False)


def adopting_provinces() -> list[AdministrativeUnit]:
    """Provinces in force that have adopted procedures, each with `procedure_count` (active adoptions),
    in Vietnamese alphabetical order."""
    rows = (
        AdministrativeUnit.objects.current()
        .provinces()
        .filter(adopted_procedures__active=True)
        .annotate(procedure_count=Count("adopted_procedures"))
    )
    return sorted_vi(rows, key=lambda p: p.name)


def choose_province(provinces: list[AdministrativeUnit], code: str | None) -> AdministrativeUnit | None:
    """The asked province if it adopted procedures, else Hà Nội, else the first one (None: no province
    has adopted anything yet, the pages show the national catalog)."""
    by_code = {p.code: p for p in provinces}
    if code and code in by_code:
        return by_code[code]
    return by_code.get(DEFAULT_PROVINCE) or (provinces[0] if provinces else None)


def procedures(province: str | None, *, level: str | None = None, field: int | None = None) -> QuerySet:
    """Versions in force adopted by `province` (all of them when None), by level and field."""
    return catalog.procedure_list(province=province, level=level, field=field)


def overview(province: str | None, *, level: str | None = None) -> dict:
    """Counts for browsing: per level (`total`, `province`, `commune`) and per field (id, name, count)."""
    versions = procedures(province).order_by()
    counts = versions.aggregate(
        total=Count("id"),
        province=Count("id", filter=Q(at_province=True)),
        commune=Count("id", filter=Q(at_commune=True)),
    )
    fields = procedures(province, level=level).order_by().values("field_id", "field__name")
    fields = fields.annotate(count=Count("id")).order_by()
    return {
        "levels": counts,
        "fields": sorted_vi(
            (
                {"id": row["field_id"], "name": row["field__name"], "count": row["count"]}
                for row in fields
                if row["field_id"] is not None
            ),
            key=lambda field: field["name"],
        ),
    }


def field_by_id(field_id: int):
    return catalog.fields_list().filter(pk=field_id).first()


def adoption(procedure: Procedure, province: AdministrativeUnit | None) -> ProvinceProcedure | None:
    if province is None:
        return None
    return (
        ProvinceProcedure.objects.filter(procedure=procedure, province=province)
        .select_related("agency")
        .first()
    )


def reception_places(
    province: AdministrativeUnit, version: ProcedureVersion, *, boundary_free: bool
) -> list[ReceptionPlace]:
    """Active places of the province that receive this procedure: all of them when it is
    boundary-independent, otherwise those of its competent level(s). Centers first, then branches,
    service points and commune-level places, each by code."""
    places = ReceptionPlace.objects.active().filter(province=province)
    if not boundary_free:
        wanted = Q(pk__in=[])
        if version.at_commune:
            wanted |= COMMUNE_LEVEL
        if version.at_province or not version.at_commune:
            wanted |= PROVINCE_LEVEL
        places = places.filter(wanted)
    rank = {PlaceKind.CENTER: 0, PlaceKind.BRANCH: 1, PlaceKind.SERVICE_POINT: 2, PlaceKind.COMMUNE_POINT: 3}
    rows = list(places.only("id", "code", "kind", "name", "parent_id", "address", "phone"))
    return sorted(rows, key=lambda p: (rank[p.kind] + (3 if p.is_commune_center else 0), p.code))


MOST_USED_DAYS = 30
MOST_USED_CACHE_SECONDS = 600  # the first page is the busiest: count once per ten minutes


def most_used_procedures(province: AdministrativeUnit | None, *, limit: int = 8) -> list[dict]:
    """The procedures of `province` with the most dossiers received in the last 30 days, most used
    first: `code`, `name`. Counted from the dossiers themselves (one range of the province/received
    index), so the first page follows what people really do; the demo's history carries the
    simulator's popularity weights."""
    if province is None:
        return []
    key = f"portal:most-used:{province.pk}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = timezone.now() - timedelta(days=MOST_USED_DAYS)
    counts = (
        Dossier.objects.filter(province=province, received_at__gte=since)
        .values("procedure_id")
        .annotate(n=Count("id"))
        .order_by("-n", "procedure_id")[: limit * 2]  # some may no longer be in force here
    )
    ranked = [row["procedure_id"] for row in counts]
    names = dict(
        procedures(province.code).filter(procedure_id__in=ranked).values_list("procedure_id", "name")
    )
    codes = dict(Procedure.objects.filter(pk__in=names).values_list("pk", "code"))
    found = [{"code": codes[pk], "name": names[pk]} for pk in ranked if pk in names][:limit]
    cache.set(key, found, MOST_USED_CACHE_SECONDS)
    return found
