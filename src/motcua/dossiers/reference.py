"""Per-process cache of the reference data a reception reads: procedure versions with their documents,
cases, channel terms and steps, adoptions, agencies, places, communes, the provinces' WorkCalendars and
the staff's scopes. Receiving a dossier then costs one stamp read instead of a dozen lookups.

Invalidation (docs/decisions/0009-dossier-engine-performance.md): one `ReferenceStamp` row gets a new
random value, inside the writer's transaction, from a database trigger on every table below (catalog
versions and their content, adoptions, calendar overrides and office hours, agencies, places, counters,
roles, assignments, units): services, the admin, bulk loads, `QuerySet.update()` and other processes
alike. Each reception reads the stamp and compares it with the one its process's cache was built at.
The stamp is random, not a counter, so a bump rolled back after this process cached what it saw inside
that transaction is never confused with a later, committed one. As a last guard every entry also
expires after MOTCUA_REFERENCE_CACHE_SECONDS (default 300).

`pinned()` reads the stamp once for a whole request (the API view and the service it calls).
Cached objects are shared: read them, never change or save them.
"""

from __future__ import annotations

import contextvars
import secrets
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date

from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Prefetch

from .models import ReferenceStamp

_TABLE = ReferenceStamp._meta.db_table
_MISSING = object()
_lock = threading.Lock()
_pinned: contextvars.ContextVar[Snapshot | None] = contextvars.ContextVar("motcua_reference", default=None)


def ttl() -> float:
    return float(getattr(settings, "MOTCUA_REFERENCE_CACHE_SECONDS", 300))


def read_stamp() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {_TABLE} WHERE id = 1")  # noqa: S608 - a constant name
        row = cursor.fetchone()
    return row[0] if row else -1


def bump() -> None:
    """Mark every process's cache stale (in the current transaction: rolled back with it).

    The new stamp is random, not the next number: a bump rolled back after this process cached what it
    saw inside that transaction must never be confused with a later, committed bump."""
    value = secrets.randbits(62)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_TABLE} SET value = %s WHERE id = 1", [value])  # noqa: S608
        if cursor.rowcount:
            return
    try:
        with transaction.atomic():
            ReferenceStamp.objects.create(pk=1, value=value)
    except IntegrityError:  # another process created the row first
        bump()


class Snapshot:
    """The cache of one stamp: entries built on first use."""

    def __init__(self, stamp: int):
        self.stamp = stamp
        self.born = time.monotonic()
        self.entries: dict[tuple, object] = {}

    def get(self, key: tuple, build: Callable[[], object]):
        found = self.entries.get(key, _MISSING)
        if found is _MISSING:
            found = build()
            if found is not None:  # a miss is never cached: the next call looks again
                self.entries[key] = found
        return found


_current: Snapshot | None = None


def snapshot() -> Snapshot:
    """The cache for the stamp in the database now (or the request's pinned one)."""
    global _current
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    stamp = read_stamp()
    current = _current
    if current is None or current.stamp != stamp or time.monotonic() - current.born > ttl():
        with _lock:
            current = _current = Snapshot(stamp)
    return current


@contextmanager
def pinned():
    """One stamp read for everything inside (one request)."""
    if _pinned.get() is not None:
        yield _pinned.get()
        return
    token = _pinned.set(snapshot())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def clear() -> None:
    global _current
    _current = None


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

    return snapshot().get(("calendar", province_code), lambda: calendar_for(province_code))


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


# ---- invalidation -------------------------------------------------------------------------------------


def watched_models() -> list:
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

    return [
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
    ]


def watched_tables(conn) -> list[str]:
    existing = set(conn.introspection.table_names())
    return [m._meta.db_table for m in watched_models() if m._meta.db_table in existing]


def triggered_tables(using: str = "default") -> set[str]:
    """The tables that have a stamp trigger now (what `install_triggers` should have left)."""
    conn = connections[using]
    sql = {
        "sqlite": "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
        "postgresql": "SELECT event_object_table FROM information_schema.triggers WHERE trigger_name LIKE %s",
    }.get(conn.vendor)
    if sql is None:  # pragma: no cover
        return set()
    with conn.cursor() as cursor:
        cursor.execute(sql, ["motcua_reference_%"])
        return {row[0] for row in cursor.fetchall()}


_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION motcua_reference_bump() RETURNS trigger AS $$
BEGIN
    INSERT INTO {_TABLE} (id, value) VALUES (1, floor(random() * 9.0e18)::bigint)
    ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""  # noqa: S608 - constant names


def install_triggers(using: str = "default", **_signal_kwargs) -> int:
    """Database triggers that bump the stamp on any write to a watched table, whoever writes (services,
    admin, bulk loads, QuerySet.update, raw SQL, another process). Installed after every `migrate` (and
    test flush), so a table rebuilt by a later migration gets its trigger back. Returns the table count."""
    conn = connections[using]
    if _TABLE not in conn.introspection.table_names():
        return 0
    tables = watched_tables(conn)
    q = conn.ops.quote_name
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in tables:
                name = q(f"motcua_reference_{table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {q(table)}")
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {q(table)}"
                    " FOR EACH STATEMENT EXECUTE FUNCTION motcua_reference_bump()"
                )
        elif conn.vendor == "sqlite":
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    name = q(f"motcua_reference_{table}_{event.lower()}")
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {q(table)} BEGIN"  # noqa: S608
                        f" INSERT OR REPLACE INTO {q(_TABLE)} (id, value) VALUES (1, random()); END"
                    )
        else:  # pragma: no cover - other databases rely on the time limit alone
            return 0
    return len(tables)
