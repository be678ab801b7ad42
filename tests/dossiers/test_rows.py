"""core.fast.rows, the writer of a reception's new rows: it stores what the ORM stores, its primary keys never
collide with the ORM's, and it writes nothing when the block or the database fails."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict

from motcua.core.fast import rows
from motcua.dossiers.models import (
    Applicant,
    ChecklistItem,
    Dossier,
    DossierStep,
    OutboxMessage,
    TrackingEntry,
)

from .conftest import receive
from .factories import at

pytestmark = pytest.mark.django_db


def entry(dossier, note: str, version: int = 90) -> TrackingEntry:
    return TrackingEntry(
        dossier=dossier,
        at=at("2026-03-02 09:30"),
        actor=None,
        actor_name="Nguyễn Thị Hà",
        action="note",
        from_status="received",
        to_status="received",
        to_agency=dossier.agency,
        step_name="Thẩm định, xử lý hồ sơ",
        step_due_at=at("2026-03-04 16:30") + timedelta(microseconds=123),
        note=note,
        details={"lý do": "Đăng ký", "n": [1, 2]},
        dossier_version=version,
    )


def stored(obj) -> dict:
    found = type(obj).objects.get(pk=obj.pk)
    return {k: v for k, v in model_to_dict(found).items() if k not in ("id", "note", "dossier_version")}


def test_a_row_written_here_is_the_row_the_orm_writes(world):
    dossier = receive(world)
    by_orm, by_rows = entry(dossier, "orm", 90), entry(dossier, "rows", 91)
    by_orm.save()
    rows.insert(by_rows)
    assert by_rows.pk and not by_rows._state.adding and by_rows._state.db == "default"
    assert stored(by_rows) == stored(by_orm)
    assert TrackingEntry.objects.get(pk=by_rows.pk).note == "rows"
    with connection.cursor() as cursor:  # the very text or value stored, not only what it reads back as
        cursor.execute(
            'SELECT "at", "step_due_at" FROM "dossiers_trackingentry" WHERE "id" IN (%s, %s) ORDER BY "id"',
            [by_orm.pk, by_rows.pk],
        )
        raw_orm, raw_rows = cursor.fetchall()
    assert raw_rows == raw_orm


def test_its_keys_never_collide_with_the_orms(world):
    dossier = receive(world)
    first = [OutboxMessage(topic="t", dossier=dossier, key=dossier.code, payload={"i": i}) for i in range(3)]
    rows.insert(*first)
    assert [m.pk for m in first] == list(range(first[0].pk, first[0].pk + 3))
    later = OutboxMessage.objects.create(topic="t", dossier=dossier, key=dossier.code, payload={})
    assert later.pk > first[-1].pk
    again = OutboxMessage(topic="t", dossier=dossier, key=dossier.code, payload={})
    rows.insert(again)
    assert again.pk > later.pk


def test_rows_may_point_at_each_other_in_any_order(world):
    """A dossier points at its current step and the step at the dossier: both written in one go."""
    dossier = receive(world)
    assert Dossier.objects.get(pk=dossier.pk).current_step_id == dossier.current_step.pk
    assert DossierStep.objects.get(pk=dossier.current_step.pk).dossier_id == dossier.pk
    assert dossier.current_step.position == 2


def test_a_block_that_raises_writes_nothing(world):
    dossier = receive(world)
    before = TrackingEntry.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        with rows.deferred():
            rows.insert(entry(dossier, "a"))
            1 / 0  # noqa: B018
    assert TrackingEntry.objects.count() == before


def test_a_stored_row_is_refused(world):
    dossier = receive(world)
    with pytest.raises(ValueError, match="already stored"):
        rows.insert(dossier)


def test_a_failure_inside_the_database_leaves_no_partial_dossier(world):
    """The database refuses the checklist rows after the dossier's: the reception leaves nothing."""
    receive(world)
    models = (Dossier, DossierStep, Applicant, ChecklistItem, TrackingEntry, OutboxMessage)
    before = {m.__name__: m.objects.count() for m in models}

    def refuse(execute, sql, params, many, context):
        if ChecklistItem._meta.db_table in sql and "INSERT" in sql:
            raise connection.Database.IntegrityError("injected by the test")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse), pytest.raises(Exception, match="injected by the test"):
        receive(world)
    assert {m.__name__: m.objects.count() for m in models} == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_a_receptions_statement_is_prepared_after_its_first_runs(world):
    # Django turns psycopg's preparing off unless the settings ask for it; the reception's one big
    # statement is parsed and planned on every run otherwise.
    receive(world)
    assert connection.connection.prepare_threshold is not None
    for _ in range(connection.connection.prepare_threshold + 1):
        receive(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(s.startswith('WITH w0 AS (INSERT INTO "dossiers_dossier"') for s in prepared), prepared


# ---- rows.new: the instance Model.__init__ builds, built directly ---------------------------------------


def same_instance(fast, slow) -> None:
    """Every attribute, the state and the related-object caches of `fast` equal those of `slow`."""
    plain = {k: v for k, v in vars(fast).items() if k != "_state"}
    assert plain == {k: v for k, v in vars(slow).items() if k != "_state"}
    assert (fast._state.adding, fast._state.db) == (slow._state.adding, slow._state.db)
    assert fast._state.fields_cache.keys() == slow._state.fields_cache.keys()
    for name, value in slow._state.fields_cache.items():
        assert fast._state.fields_cache[name] is value


def test_new_builds_the_instance_model_init_builds(world):
    dossier = receive(world)
    stored_step = dossier.current_step
    fresh = Dossier(code="x", procedure=dossier.procedure, agency=dossier.agency)  # unsaved, no database
    moment = at("2026-03-02 09:30")
    cases = [
        (TrackingEntry, {"dossier": dossier, "at": moment, "actor": None, "action": "receive",
                         "details": {"a": 1}, "to_agency": dossier.agency, "dossier_version": 3}),
        (TrackingEntry, {"dossier": fresh, "at": moment, "action": "receive"}),
        (DossierStep, {"dossier": dossier, "position": 1, "name": "Tiếp nhận", "due_at": moment,
                       "assignee": world.officer}),
        (ChecklistItem, {"dossier_id": dossier.pk, "name": "Tờ khai", "provided": True, "originals": 1}),
        (OutboxMessage, {"topic": "dossier.receive", "dossier": None, "key": "", "payload": {"v": 1}}),
        (Dossier, {"code": "y", "procedure": dossier.procedure, "current_step": stored_step,
                   "applicant_name_folded": "nguyen van an", "pk": 12345}),
    ]  # fmt: skip
    for model, values in cases:
        fast, slow = rows.new(model, **values), model(**values)
        same_instance(fast, slow)
        assert type(fast) is model


def test_new_links_a_one_to_one_both_ways(world):
    dossier = receive(world)
    fresh = Dossier(code="x", procedure=dossier.procedure, agency=dossier.agency)
    applicant = rows.new(Applicant, dossier=fresh, full_name="Nguyễn Văn An", kind="person")
    assert fresh.applicant is applicant and applicant.dossier is fresh
    assert applicant._state.db == fresh._state.db == "default"  # as the descriptor assigns it
    same_instance(applicant, Applicant(dossier=fresh, full_name="Nguyễn Văn An", kind="person"))


def test_new_calls_callable_defaults_for_each_instance():
    first, second = rows.new(OutboxMessage, topic="t"), rows.new(OutboxMessage, topic="t")
    assert first.payload == second.payload == OutboxMessage(topic="t").payload == {}
    assert first.payload is not second.payload  # a new dict each time, never one shared
    assert first.created_at is None  # auto_now_add: set when written, as by the ORM


def test_new_refuses_what_model_init_refuses(world):
    with pytest.raises(TypeError, match="unexpected keyword"):
        rows.new(TrackingEntry, no_such_field=1)
    with pytest.raises(ValueError, match='must be a "Dossier" instance'):
        rows.new(TrackingEntry, dossier=world.officer)


def test_new_gives_an_unplaced_related_object_the_default_database():
    fast_target, slow_target = Dossier(code="z"), Dossier(code="z")  # neither has a database yet
    fast = rows.new(TrackingEntry, dossier=fast_target, action="receive")
    slow = TrackingEntry(dossier=slow_target, action="receive")
    assert fast._state.db == slow._state.db == "default"
    assert fast_target._state.db == slow_target._state.db == "default"


def test_the_rows_go_to_the_database_with_its_own_placeholders(world):
    """No %s left for a driver or Django to rewrite: $n on PostgreSQL, ? on SQLite."""
    dossier = receive(world)
    seen = []

    def spy(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy), transaction.atomic():
        rows.insert(entry(dossier, "a", 90), entry(dossier, "b", 91))
    inserts = [sql for sql in seen if sql.startswith(("INSERT", "WITH"))]
    assert inserts and all("%s" not in sql for sql in seen)
    mark = "$1" if connection.vendor == "postgresql" else "?"
    assert all(mark in sql for sql in inserts)
    assert TrackingEntry.objects.filter(dossier=dossier, note__in=["a", "b"]).count() == 2


def test_while_queries_are_logged_the_log_shows_every_row_written(world):
    """DEBUG and tests counting queries: the log has the statement (on SQLite with its values; on
    PostgreSQL the values travel apart from the text, as for every server-bound statement)."""
    from django.test.utils import CaptureQueriesContext

    dossier = receive(world)
    with CaptureQueriesContext(connection) as log, transaction.atomic():
        rows.insert(entry(dossier, "logged"))
    written = [q["sql"] for q in log.captured_queries if 'INSERT INTO "dossiers_trackingentry"' in q["sql"]]
    assert len(written) == 1
    if connection.vendor == "sqlite":
        assert "'logged'" in written[0]
    assert TrackingEntry.objects.filter(dossier=dossier, note="logged").exists()
