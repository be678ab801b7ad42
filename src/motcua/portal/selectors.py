"""Reads for the public catalog pages that the catalog and org selectors do not offer.

Every function here is a fixed number of queries, whatever the size of the catalog.
"""

from django.db.models import Count, Q, QuerySet

from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure, ProcedureVersion, ProvinceProcedure
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
    """Provinces in force that have adopted procedures, each with `procedure_count` (active adoptions)."""
    return list(
        AdministrativeUnit.objects.current()
        .provinces()
        .filter(adopted_procedures__active=True)
        .annotate(procedure_count=Count("adopted_procedures"))
        .order_by("code")
    )


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
    fields = fields.annotate(count=Count("id")).order_by("field__name")
    return {
        "levels": counts,
        "fields": [
            {"id": row["field_id"], "name": row["field__name"], "count": row["count"]}
            for row in fields
            if row["field_id"] is not None
        ],
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
