"""The reference entries a reception reads, in the one per-process reference cache
(motcua.core.fast.reference, ADR 0009 and 0047): procedure versions with their documents, cases, channel
terms and steps, adoptions, agencies, places, communes, the provinces' WorkCalendars and the staff's
scopes. Receiving a dossier then costs one stamp read instead of a dozen lookups.

The stamp's row is this app's `ReferenceStamp`; `register()` (DossiersConfig.ready) gives it to the
cache with the tables whose writes bump it. Cached objects are shared: read them, never change or save them.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch

from motcua.core.fast.reference import (  # noqa: F401 - the cache's interface, used through this module
    bump,
    clear,
    install_triggers,
    pinned,
    read_stamp,
    snapshot,
    triggered_tables,
    use_stamp,
    watch,
    watched_models,
)

from .models import ReferenceStamp


def register() -> None:
    """The stamp row and the tables whose writes bump it: the catalog versions and their content,
    adoptions, calendar overrides and office hours, agencies, places, counters, roles, assignments, units."""
    from motcua.calendar.models import CalendarOverride, OfficeHoursSetting
    from motcua.catalog.models import (
        ChannelTerm,
        DocumentCase,
        Procedure,
        ProcedureVersion,
        ProcessStep,
        ProvinceProcedure,
        RequiredDocument,
    )
    from motcua.org.models import Agency, Counter, ReceptionPlace, Role, StaffAssignment
    from motcua.units.models import AdministrativeUnit

    use_stamp(ReferenceStamp)
    watch(
        Procedure,
        ProcedureVersion,
        RequiredDocument,
        DocumentCase,
        ChannelTerm,
        ProcessStep,
        ProvinceProcedure,
        CalendarOverride,
        OfficeHoursSetting,
        Agency,
        ReceptionPlace,
        Counter,
        Role,
        StaffAssignment,
        AdministrativeUnit,
    )


# ---- the entries --------------------------------------------------------------------------------------


def version_in_force(procedure, day: date):
    """The version in force on `day` with documents, cases, channel terms and steps prefetched."""
    from motcua.catalog import selectors as catalog

    def build():
        return (
            catalog.current_versions(day)
            .filter(procedure_id=procedure.pk)
            .select_related("procedure")
            .prefetch_related(
                "documents",
                "cases",
                "channel_terms",
                Prefetch("process_steps"),
            )
            .first()
        )

    return snapshot().get(("version", procedure.pk, day), build)


def procedure_by_code(code: str):
    from motcua.catalog.models import Procedure

    return snapshot().get(("procedure", code), lambda: Procedure.objects.filter(code=code).first())


def case_by_pk(pk: int):
    from motcua.catalog.models import DocumentCase

    return snapshot().get(("case", pk), lambda: DocumentCase.objects.filter(pk=pk).first())


def place_by_code(code: str):
    from motcua.org.models import ReceptionPlace

    return snapshot().get(
        ("place", code),
        lambda: ReceptionPlace.objects.filter(code=code).select_related("province", "commune").first(),
    )


def counter_by_pk(pk: int):
    from motcua.org.models import Counter

    return snapshot().get(
        ("counter", pk),
        lambda: (
            Counter.objects.filter(pk=pk).select_related("place", "place__province", "place__commune").first()
        ),
    )


def agency_by_code(code: str):
    from motcua.org.models import Agency

    return snapshot().get(("agency", code), lambda: Agency.objects.filter(code=code).first())


def province_of(place):
    """A place's province (a unit), cached by id."""
    from motcua.units.models import AdministrativeUnit

    if "province" in place._state.fields_cache:
        return place.province
    return snapshot().get(
        ("unit", place.province_id), lambda: AdministrativeUnit.objects.get(pk=place.province_id)
    )


def current_commune(code: str):
    from motcua.units.models import AdministrativeUnit

    return snapshot().get(
        ("commune", code),
        lambda: AdministrativeUnit.objects.current().communes().filter(code=code).first(),
    )


def adoption(province, procedure):
    from motcua.catalog.models import ProvinceProcedure

    return snapshot().get(
        ("adoption", province.pk, procedure.pk),
        lambda: (
            ProvinceProcedure.objects.filter(province=province, procedure=procedure, active=True)
            .select_related("agency")
            .first()
        ),
    )


def commune_agency(kind: str, commune):
    from motcua.org.models import Agency

    return snapshot().get(
        ("commune_agency", kind, commune.pk),
        lambda: Agency.objects.filter(kind=kind, commune=commune, is_active=True).order_by("code").first(),
    )


def province_agencies(province, kinds: list[str]) -> list:
    from motcua.org.models import Agency

    return snapshot().get(
        ("province_agencies", province.pk, tuple(kinds)),
        lambda: list(
            Agency.objects.filter(province=province, kind__in=kinds, is_active=True).order_by("code")
        ),
    )


def calendar(province_code: str):
    from motcua.calendar.selectors import calendar_for

    return calendar_for(province_code)  # in the same cache


def scopes(user, day: date) -> list:
    """org.scopes_for(user, on=day), cached per user and day (assignments bump the stamp)."""
    from motcua.org.selectors import scopes_for

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return snapshot().get(("scopes", user.pk, day), lambda: tuple(scopes_for(user, on=day))) or []


def rule_ids(user, day: date, scopes: list) -> tuple[tuple, tuple, tuple]:
    """The ids of the access rule (dossiers.access._materialised): the provinces of the user's
    province scopes, then the places and agencies they act for outside those provinces; cached per
    user and day (places, agencies and assignments bump the stamp)."""
    from motcua.org.roles import ScopeKind
    from motcua.org.selectors import agencies_for, places_for

    def build():
        provinces = tuple(sorted({s.province_id for s in scopes if s.kind == ScopeKind.PROVINCE}))
        roles = {s.role for s in scopes}  # the roles the caller counts (dossiers.access: the readers)
        places = places_for(user, roles=roles, on=day).exclude(province_id__in=provinces)
        agencies = agencies_for(user, roles=roles, on=day).exclude(province_id__in=provinces)
        return (
            provinces,
            tuple(places.values_list("pk", flat=True)),
            tuple(agencies.values_list("pk", flat=True)),
        )

    return snapshot().get(("rule", user.pk, day), build)
