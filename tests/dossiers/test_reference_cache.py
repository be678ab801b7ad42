"""The per-process reference cache of receptions (motcua.dossiers.reference): whatever changes the
catalog, the calendar or the organisation is used by the very next reception, and one API reception
costs a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.calendar import services as calendar
from motcua.catalog import services as catalog
from motcua.core.errors import DomainError
from motcua.dossiers import reference, services
from motcua.org import services as org
from tests.dossiers.conftest import receive
from tests.dossiers.factories import at, person

from .api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_newly_published_version_is_used_by_the_next_reception(world):
    first = receive(world, when="2026-03-02 09:00")
    old = world.version(world.birth)
    assert first.procedure_version == old
    draft = catalog.create_draft(
        procedure=world.birth, from_version=old, data={"name": "Đăng ký khai sinh (phiên bản mới)"}
    )
    new = catalog.publish(version=draft, valid_from=date(2026, 3, 2))
    case = new.cases.order_by("position").first()
    provided = [d.pk for d in new.documents.all() if d.required and d.case_id in (None, case.pk)]
    second = services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=case,
        provided=provided,
        applicant=person(),
        at=at("2026-03-02 10:00"),
    )
    assert second.procedure_version == new
    assert {i.required_document.version_id for i in second.checklist.all()} == {new.pk}


def test_a_retired_version_is_no_longer_received(world):
    receive(world, when="2026-03-02 09:00")
    catalog.retire(version=world.version(world.birth), on=date(2026, 3, 1))
    with pytest.raises(DomainError) as error:
        receive(world, when="2026-03-02 10:00")
    assert error.value.code == "dossier.procedure_not_in_force"


def test_a_new_holiday_moves_the_next_due_moment(world):
    before = receive(world, when="2026-03-02 09:00")  # Monday, 3 working days
    due_day = before.due_at.astimezone(before.due_at.tzinfo).date()
    calendar.set_override(day=date(2026, 3, 3), kind="day_off", reason="Nghỉ bù thử nghiệm")
    after = receive(world, when="2026-03-02 09:00")
    assert after.due_at - before.due_at == timedelta(days=1)
    calendar.remove_override(day=date(2026, 3, 3))
    again = receive(world, when="2026-03-02 09:00")
    assert again.due_at == before.due_at and due_day.weekday() < 5


def test_a_revoked_assignment_stops_the_next_reception(world):
    receive(world, when="2026-03-02 09:00")
    from motcua.org.models import StaffAssignment

    StaffAssignment.objects.filter(user=world.officer).delete()
    with pytest.raises(DomainError) as error:
        receive(world, when="2026-03-02 10:00")
    assert error.value.code == "dossier.forbidden"


def test_what_an_officer_sees_follows_a_new_or_revoked_assignment_at_once(world):
    from motcua.dossiers import access
    from motcua.dossiers.models import Dossier
    from motcua.org.models import StaffAssignment

    mine = receive(world, when="2026-03-02 09:00")
    other = receive(world, officer=world.officer_soc_son, place=world.point_soc_son, when="2026-03-02 09:05")

    def seen():
        fresh = type(world.officer).objects.get(pk=world.officer.pk)
        return set(
            Dossier.objects.filter(access.any_of(access.rule_parts(fresh))).values_list("pk", flat=True)
        )

    assert seen() == {mine.pk}
    assert seen() == {mine.pk}  # now from the cache
    org.assign_staff(user=world.officer, role="reception_officer", target=world.point_soc_son,
                     valid_from=date(2026, 1, 1))  # fmt: skip
    assert seen() == {mine.pk, other.pk}
    StaffAssignment.objects.filter(user=world.officer).delete()
    assert seen() == set()


def test_a_deactivated_agency_is_not_routed_to(world):
    receive(world, when="2026-03-02 09:00")
    world.committee_soc_son.__class__.objects.filter(pk=world.committee_soc_son.pk).update(is_active=False)
    with pytest.raises(DomainError) as error:
        receive(world, when="2026-03-02 10:00")
    assert error.value.code == "dossier.no_competent_agency"


def test_what_a_rolled_back_change_showed_is_forgotten(world):
    receive(world, when="2026-03-02 09:00")
    with pytest.raises(RuntimeError), transaction.atomic():
        world.birth.adoptions.update(active=False)  # the cache is rebuilt inside this transaction
        with pytest.raises(DomainError):
            receive(world, when="2026-03-02 10:00")
        raise RuntimeError("roll back")
    assert receive(world, when="2026-03-02 11:00").procedure == world.birth


def test_writes_to_reference_tables_change_the_stamp_and_others_do_not(world):
    stamp = reference.read_stamp()
    receive(world, when="2026-03-02 09:00")  # a reception writes no reference row
    assert reference.read_stamp() == stamp
    org.add_counter(place=world.point_soc_son)
    assert reference.read_stamp() != stamp


def test_every_watched_table_has_its_trigger_after_migrate():
    watched = {model._meta.db_table for model in reference.watched_models()}
    assert len(watched) == 15 and reference.triggered_tables() == watched
    assert reference.install_triggers() == len(watched)  # idempotent
    assert reference.triggered_tables() == watched


def api_body(world) -> dict:
    return {
        "procedure": world.birth.code,
        "place": world.point_ba_dinh.code,
        "case": world.case(world.birth, 0).pk,
        "provided": world.documents(world.birth, 0),
        "applicant": person(),
    }


def test_one_api_reception_costs_a_fixed_number_of_queries(world):
    client = client_for(world.officer)
    warm = client.post("/api/v1/dossiers/counter", api_body(world), format="json")
    assert warm.status_code == 201, warm.content
    body = api_body(world)
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/api/v1/dossiers/counter", body, format="json")
    assert response.status_code == 201, response.content
    statements = [q["sql"].split()[0].upper() for q in captured.captured_queries]
    # The stamp; a savepoint (a transaction outside tests); the code counter; the primary keys of the
    # eight new rows; the rows (dossier, steps, applicant, checklist, tracking line, outbox event: one
    # INSERT per table, on PostgreSQL one statement for all); the savepoint released.
    # Outside tests the signed-in session adds its one SELECT (the session and its user, joined).
    inserts = ["INSERT"] * 6 if connection.vendor == "sqlite" else ["WITH"]
    assert statements == ["SELECT", "SAVEPOINT", "UPDATE", "SELECT", *inserts, "RELEASE"], [
        q["sql"][:120] for q in captured.captured_queries
    ]
    body = response.json()["dossier"]
    assert body["status"] == "received" and body["applicant"]["full_name"] == "Nguyễn Văn An"
    assert body["tracking_url"].startswith("http://testserver/tra-cuu/?ma=")
