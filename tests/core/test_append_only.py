"""Tracking and audit rows are append-only in the database itself: a raw UPDATE or DELETE is refused by
a trigger (SQLite here; PostgreSQL with DATABASE_URL), whatever code sends it (ADR 0031)."""

import pytest
from django.db import DatabaseError, connection, transaction

from motcua.core import kernel

AUDIT_TABLES = [
    "dossiers_trackingentry",
    "payments_paymentevent",
    "queueing_ticketevent",
    "homeservice_homeserviceevent",
    "postal_shipmentevent",
    "feedback_feedbackevent",
    "integrity_riskcaseevent",
    "privacy_personaldataread",
    "privacy_privacyevent",
    "notifications_preferencechange",
]


@pytest.fixture
def queue_event(db):
    """One real audit row: a kiosk number's (the smallest world that writes one)."""
    from motcua.org.services import ensure_roles
    from motcua.queueing import services
    from tests.queueing.factories import QueueWorld, at

    ensure_roles()
    world = QueueWorld()
    ticket = services.issue_walk_in(
        place=world.point_ba_dinh, service=world.civil_ba_dinh, now=at("2026-03-02 08:00")
    )
    return ticket.events.get()


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_every_audit_table_has_its_trigger(db, table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
                [f"{table}_append_only", table],
            )
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            assert cursor.fetchone()[0] == 2


def test_a_raw_update_or_delete_of_an_audit_row_is_refused(queue_event):
    table = "queueing_ticketevent"
    with pytest.raises(DatabaseError, match="append-only"):
        raw(f"UPDATE {table} SET note = 'edited' WHERE id = %s", [queue_event.pk])  # noqa: S608
    with pytest.raises(DatabaseError, match="append-only"):
        raw(f"DELETE FROM {table} WHERE id = %s", [queue_event.pk])  # noqa: S608
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            queue_event.ticket.delete()  # the cascade too
    queue_event.refresh_from_db()
    assert queue_event.note == ""
    with kernel.purging(), pytest.raises(DatabaseError, match="append-only"):
        raw(f"UPDATE {table} SET note = 'edited' WHERE id = %s", [queue_event.pk])  # noqa: S608
    with kernel.purging():
        raw(f"DELETE FROM {table} WHERE id = %s", [queue_event.pk])  # noqa: S608
    assert not type(queue_event).objects.filter(pk=queue_event.pk).exists()


def test_a_raw_update_of_a_tracking_line_is_refused(db):
    from tests.dossiers.conftest import receive
    from tests.dossiers.factories import World

    world = World()
    dossier = receive(world)
    entry = dossier.tracking.get()
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE dossiers_trackingentry SET note = 'x' WHERE id = %s", [entry.pk])
    with kernel.purging():
        pass
    with pytest.raises(DatabaseError, match="append-only"):  # after a purging block: refused again
        raw("DELETE FROM dossiers_trackingentry WHERE id = %s", [entry.pk])
