"""Home service through its services: the status flow, the audit trail, who may act, the legal clock."""

from datetime import datetime, timedelta

import pytest

from motcua.calendar.clock import TZ
from motcua.core.errors import DomainError
from motcua.dossiers import services as dossier_services
from motcua.homeservice import selectors, services
from motcua.homeservice.models import HomeServiceRequest
from motcua.org import services as org
from motcua.org.roles import RoleCode
from tests.dossiers.factories import person, staff
from tests.org.factories import commune, province

from .conftest import next_working_slot, request_data

pytestmark = pytest.mark.django_db


def refuses(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def schedule(world, item, officer=None, slot=None, **kwargs):
    start, end = slot or next_working_slot()
    return services.schedule(
        item,
        actor=world.supervisor,
        version=item.version,
        officer=officer or world.officer,
        slot_start=start,
        slot_end=end,
        **kwargs,
    )


def receive_on_the_spot(world, item, officer=None):
    return dossier_services.receive_at_counter(
        officer=officer or world.officer,
        place=item.place,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        applicant=person(
            full_name=item.person_name,
            id_number="001150012345",
            birth_date="1950-03-01",
            sex="female",
            phone=item.person_phone,
            address=item.address,
            commune=item.commune.code,
        ),
        channel="home_visit",
    )


def test_a_request_is_scheduled_received_on_the_spot_and_every_step_audited(world, new_request):
    item = new_request()
    assert item.status == "requested" and item.code.startswith("TN") and len(item.code) == 10
    assert item.person_phone == "0912345678" and item.province == world.province
    assert item.preferred_days == [1, 3] and item.preferred_windows == ["morning"]
    assert item.procedure == world.birth

    assert world.officer in selectors.officers_for(item)
    assert world.officer_soc_son not in selectors.officers_for(item)
    assert item in selectors.open_requests(world.supervisor)

    item = schedule(world, item)
    assert (item.status, item.officer, item.place, item.version) == (
        "scheduled",
        world.officer,
        world.point_ba_dinh,
        2,
    )
    assert item in selectors.my_visits(world.officer)

    dossier = receive_on_the_spot(world, item)
    item = services.link_received_dossier(item, officer=world.officer, dossier_code=dossier.code)
    assert (item.status, item.dossier) == ("received", dossier)
    assert item not in selectors.open_requests(world.supervisor)
    # The workspace may redirect twice: the same link is a no-op.
    again = services.link_received_dossier(item, officer=world.officer, dossier_code=dossier.code)
    assert again.version == item.version

    events = list(item.events.values_list("action", "from_status", "to_status", "actor"))
    assert events == [
        ("request", "", "requested", None),
        ("schedule", "requested", "scheduled", world.supervisor.pk),
        ("receive", "scheduled", "received", world.officer.pk),
    ]
    assert selectors.find_for_person(item.code, "0912345678") == item
    assert selectors.find_for_person(item.code.lower(), "0987 654 321") == item  # the relative's phone too


def test_bad_input_lists_every_problem_and_stores_nothing(world):
    before = HomeServiceRequest.objects.count()
    error = refuses(
        "homeservice.invalid_input",
        services.create_request,
        request_data(
            person_name=" ",
            person_phone="12345",
            person_id_number="12",
            reason="",
            commune="99999",
            address="",
            procedure="0.000000",
            requester_name="",
            requester_phone="0987654321",
        ),
    )
    assert set(error.errors) == {
        "person_name",
        "person_phone",
        "person_id_number",
        "reason",
        "commune",
        "address",
        "procedure",
        "requester_name",
    }
    assert error.errors["person_phone"].startswith("Số điện thoại không đúng")
    assert HomeServiceRequest.objects.count() == before
    refuses(
        "homeservice.invalid_input", services.create_request, request_data(reason="other", reason_detail="")
    )


def test_only_a_supervisor_of_the_province_schedules(world, new_request):
    item = new_request()
    for outsider in (world.officer, world.leader, _supervisor_elsewhere()):
        with pytest.raises(DomainError) as error:
            services.schedule(
                item,
                actor=outsider,
                version=1,
                officer=world.officer,
                slot_start=next_working_slot()[0],
                slot_end=next_working_slot()[1],
            )
        assert error.value.code == "homeservice.forbidden"
    assert HomeServiceRequest.objects.get(pk=item.pk).status == "requested"
    assert item not in selectors.open_requests(_supervisor_elsewhere())


def _supervisor_elsewhere():
    hai_phong = province("31", "Hải Phòng")
    return staff(RoleCode.SUPERVISOR, hai_phong, "Giám sát Hải Phòng")


def test_the_officer_must_receive_in_the_commune(world, new_request):
    item = new_request()
    error = refuses("homeservice.invalid_officer", schedule, world, item, officer=world.officer_soc_son)
    assert error.field == "officer"
    refuses("homeservice.invalid_officer", schedule, world, item, officer=world.specialist)
    # A commune-scoped officer of Ba Đình may be sent.
    roving = staff(RoleCode.RECEPTION_OFFICER, world.ba_dinh, "Cán bộ lưu động")
    assert roving in selectors.officers_for(item)
    assert schedule(world, item, officer=roving).officer == roving


def test_the_slot_follows_the_legal_clock(world, new_request):
    item = new_request()
    now = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)  # a Monday
    cases = {
        "homeservice.slot_not_a_working_day": (datetime(2026, 3, 7, 9, 0, tzinfo=TZ), 60),  # Saturday
        "homeservice.slot_outside_office_hours": (datetime(2026, 3, 3, 11, 30, tzinfo=TZ), 60),  # over lunch
        "homeservice.slot_too_short": (datetime(2026, 3, 3, 9, 0, tzinfo=TZ), 15),
        "homeservice.slot_in_the_past": (datetime(2026, 2, 27, 9, 0, tzinfo=TZ), 60),
    }
    for code, (start, minutes) in cases.items():
        refuses(code, schedule, world, item, slot=(start, start + timedelta(minutes=minutes)), at=now)
    # 30 April (Reunification Day) is a public holiday.
    holiday = datetime(2026, 4, 30, 9, 0, tzinfo=TZ)
    refuses(
        "homeservice.slot_not_a_working_day",
        schedule,
        world,
        item,
        slot=(holiday, holiday + timedelta(hours=1)),
        at=now,
    )
    fine = datetime(2026, 3, 3, 13, 30, tzinfo=TZ)
    assert schedule(world, item, slot=(fine, fine + timedelta(hours=1)), at=now).status == "scheduled"
    assert item.events.count() == 2  # refused attempts left no trace


def test_a_stale_version_is_a_conflict(world, new_request):
    item = new_request()
    schedule(world, item)
    start, end = next_working_slot()
    refuses(
        "stale_write",
        services.schedule,
        item,
        actor=world.supervisor,
        version=1,
        officer=world.officer2,
        slot_start=start,
        slot_end=end,
    )


def test_only_a_home_visit_dossier_received_by_that_officer_closes_the_visit(world, new_request):
    item = schedule(world, new_request())
    counter = dossier_services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=world.documents(world.birth),
        applicant=person(),
    )
    refuses(
        "homeservice.invalid_dossier",
        services.link_received_dossier,
        item,
        officer=world.officer,
        dossier_code=counter.code,
    )
    refuses(
        "homeservice.invalid_dossier",
        services.link_received_dossier,
        item,
        officer=world.officer,
        dossier_code="nope",
    )
    by_colleague = receive_on_the_spot(world, item, officer=world.officer2)
    refuses(
        "homeservice.invalid_dossier",
        services.link_received_dossier,
        item,
        officer=world.officer,
        dossier_code=by_colleague.code,
    )
    refuses(
        "homeservice.forbidden",
        services.link_received_dossier,
        item,
        officer=world.officer2,
        dossier_code=by_colleague.code,
    )
    assert HomeServiceRequest.objects.get(pk=item.pk).status == "scheduled"


def test_cancellation_by_the_person_needs_their_phone_and_a_reason(world, new_request):
    item = new_request()
    refuses("homeservice.forbidden", services.cancel, item, version=1, reason="Đã khỏe", phone="0900000000")
    refuses("homeservice.note_required", services.cancel, item, version=1, reason=" ", phone="0912345678")
    item = services.cancel(item, version=1, reason="Đã khỏe, tự đến Trung tâm", phone="0912345678")
    assert item.status == "cancelled" and item.events.last().actor is None
    refuses(
        "homeservice.invalid_transition", services.cancel, item, version=2, reason="x", phone="0912345678"
    )


def test_not_possible_with_a_reason_and_a_visit_without_reception(world, new_request):
    item = new_request()
    refuses(
        "homeservice.note_required",
        services.declare_not_possible,
        item,
        actor=world.supervisor,
        version=1,
        reason="",
    )
    item = services.declare_not_possible(
        item, actor=world.supervisor, version=1, reason="Ngoài địa bàn phục vụ"
    )
    assert (item.status, item.outcome_note) == ("not_possible", "Ngoài địa bàn phục vụ")
    other = schedule(world, new_request())
    refuses(
        "homeservice.forbidden",
        services.record_visit,
        other,
        officer=world.officer2,
        version=2,
        note="Vắng nhà",
    )
    other = services.record_visit(other, officer=world.officer, version=2, note="Thiếu giấy chứng sinh")
    assert other.status == "visited"


def test_an_ended_assignment_gives_no_right(world, new_request):
    item = schedule(world, new_request())
    temporary = staff(RoleCode.SUPERVISOR, world.province, "Giám sát tạm thời")
    assignment = temporary.assignments.get()
    org.end_assignment(assignment, on=assignment.valid_from + timedelta(days=1))
    start, end = next_working_slot()
    refuses(
        "homeservice.forbidden",
        services.schedule,
        item,
        actor=temporary,
        version=item.version,
        officer=world.officer,
        slot_start=start,
        slot_end=end,
    )
    assert commune(world.province, "00004", "Ba Đình") == world.ba_dinh


def test_each_change_is_audited_and_announced_without_personal_data(world, new_request):
    from motcua.dossiers.models import OutboxMessage

    item = new_request()
    scheduled = schedule(world, item)
    audit = list(scheduled.events.values_list("action", "to_status"))
    assert audit == [("request", "requested"), ("schedule", "scheduled")]
    events = OutboxMessage.objects.filter(aggregate="homeservice_request", aggregate_id=item.code).order_by(
        "id"
    )
    assert [(e.topic, e.version) for e in events] == [("homeservice.request", 1), ("homeservice.schedule", 2)]
    assert events[1].payload["officer_id"] == world.officer.pk
    text = str([e.payload for e in events])
    assert item.person_phone not in text and item.person_name not in text
