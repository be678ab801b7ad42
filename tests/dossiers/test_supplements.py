"""Supplement requests (once, everything listed, clock stopped; restart or resume) and apology letters."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import ApologyLetter, Dossier, Pause, ProcessingSetting, SupplementRequest

from .factories import at
from .test_processing import assigned, refuses

pytestmark = pytest.mark.django_db


def requested(world, when="2026-03-03 09:00"):
    dossier = assigned(world)  # received 2026-03-02 09:00, 3 working days: due 2026-03-05 09:00
    return services.request_supplement(
        dossier,
        actor=world.specialist,
        version=2,
        items=["Bản sao giấy chứng sinh có chứng thực"],
        reason="Bản sao chưa chứng thực",
        at=at(when),
    )


def test_a_request_lists_everything_and_stops_the_clock(world):
    dossier = requested(world)
    assert dossier.status == "supplement_requested" and dossier.paused_at == at("2026-03-03 09:00")
    assert dossier.supplement_count == 1
    request = SupplementRequest.objects.get(dossier=dossier)
    assert (
        request.items == ["Bản sao giấy chứng sinh có chứng thực"]
        and request.requested_by == world.specialist
    )
    assert Pause.objects.get(dossier=dossier).ended_at is None


def test_a_request_without_items_is_refused(world):
    dossier = assigned(world)
    refuses(
        "dossier.supplement_items_required",
        services.request_supplement,
        dossier,
        actor=world.specialist,
        version=2,
        items=[" "],
        reason="Thiếu",
    )
    refuses(
        "dossier.note_required",
        services.request_supplement,
        dossier,
        actor=world.specialist,
        version=2,
        items=["a"],
        reason="",
    )


def test_by_default_the_clock_restarts_from_zero_when_the_supplement_is_back(world):
    dossier = requested(world)
    dossier = services.receive_supplement(dossier, actor=world.officer, version=3, at=at("2026-03-10 10:00"))
    assert dossier.status == "in_progress" and dossier.paused_at is None
    assert dossier.clock_started_at == at("2026-03-10 10:00")
    assert dossier.due_at == dossier.appointment_at == at("2026-03-13 10:00")
    assert SupplementRequest.objects.get(dossier=dossier).mode == "restart"
    assert Pause.objects.get(dossier=dossier).ended_at == at("2026-03-10 10:00")
    assert dossier.steps.get(position=4).due_at == at("2026-03-13 10:00")


def test_a_province_may_resume_the_clock_instead(world):
    ProcessingSetting.objects.create(province=world.province, supplement_mode="resume")
    dossier = requested(world)  # paused 03/03 09:00 with 2 working days left (due 05/03 09:00)
    dossier = services.receive_supplement(dossier, actor=world.officer, version=3, at=at("2026-03-10 10:00"))
    assert dossier.due_at == at("2026-03-12 10:00")
    assert dossier.clock_started_at == at("2026-03-02 09:00")  # counting did not start again


def test_a_procedure_setting_wins_over_the_province(world):
    ProcessingSetting.objects.create(province=world.province, supplement_mode="resume")
    ProcessingSetting.objects.create(procedure=world.birth, supplement_mode="restart")
    dossier = services.receive_supplement(
        requested(world), actor=world.officer, version=3, at=at("2026-03-10 10:00")
    )
    assert dossier.due_at == at("2026-03-13 10:00")


def test_only_one_supplement_request_ever(world):
    dossier = requested(world)
    refuses(
        "dossier.supplement_already_requested",
        services.request_supplement,
        dossier,
        actor=world.specialist,
        version=3,
        items=["x"],
        reason="y",
    )
    dossier = services.receive_supplement(dossier, actor=world.officer, version=3, at=at("2026-03-10 10:00"))
    refuses(
        "dossier.supplement_already_requested",
        services.request_supplement,
        dossier,
        actor=world.specialist,
        version=4,
        items=["x"],
        reason="y",
    )
    assert SupplementRequest.objects.filter(dossier=dossier).count() == 1


def test_the_applicant_can_send_the_supplement_of_an_online_dossier(world):
    from .test_online import submit

    dossier = submit(world)
    dossier = services.accept_online(
        dossier, officer=world.officer_soc_son, version=1, at=at("2026-03-02 10:00")
    )
    dossier = services.assign(dossier, actor=world.leader, version=2, assignee=world.specialist)
    dossier = services.request_supplement(
        dossier, actor=world.specialist, version=3, items=["Tờ khai"], reason="Sai"
    )
    back = services.receive_supplement(dossier, actor=world.citizen, version=4, at=at("2026-03-09 08:30"))
    assert back.status == "in_progress" and back.due_at == at("2026-03-12 08:30")


def test_an_apology_letter_sets_a_new_appointment_once(world):
    dossier = assigned(world)  # due 2026-03-05 09:00
    refuses(
        "dossier.forbidden",
        services.extend,
        dossier,
        actor=world.specialist,
        version=2,
        new_appointment=at("2026-03-10 09:00"),
        reason="Chờ xác minh",
        at=at("2026-03-03 09:00"),
    )
    refuses(
        "dossier.invalid_appointment",
        services.extend,
        dossier,
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-05 08:00"),
        reason="Chờ xác minh",
        at=at("2026-03-03 09:00"),
    )
    dossier = services.extend(
        dossier,
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-10 09:00"),
        reason="Chờ xác minh",
        at=at("2026-03-04 09:00"),  # exactly one working day before the due moment: still in time
    )
    assert dossier.appointment_at == at("2026-03-10 09:00") and dossier.due_at == at("2026-03-05 09:00")
    letter = ApologyLetter.objects.get(dossier=dossier)
    assert (letter.previous_appointment, letter.agency) == (at("2026-03-05 09:00"), world.committee_soc_son)
    refuses(
        "dossier.extension_already_given",
        services.extend,
        dossier,
        actor=world.leader,
        version=3,
        new_appointment=at("2026-03-12 09:00"),
        reason="Lần hai",
        at=at("2026-03-04 10:00"),
    )


def test_an_apology_letter_less_than_a_working_day_before_the_due_moment_is_written_and_counted_late(world):
    dossier = assigned(world)  # due 2026-03-05 09:00
    dossier = services.extend(
        dossier,
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-10 09:00"),
        reason="Chờ xác minh",
        at=at("2026-03-04 09:01"),
    )
    assert dossier.appointment_at == at("2026-03-10 09:00") and dossier.due_at == at("2026-03-05 09:00")
    line = dossier.tracking.order_by("pk").last()
    assert (line.action, line.details["late_apology"]) == ("extend", True)


def test_a_dossier_already_late_still_gets_its_apology_letter_recorded_late(world):
    dossier = assigned(world)  # due 2026-03-05 09:00; it is now two days past it
    refuses(
        "dossier.invalid_appointment",
        services.extend,
        dossier,
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-06 09:00"),  # after the old appointment, but already past
        reason="Chờ xác minh",
        at=at("2026-03-09 10:00"),
    )
    assert not ApologyLetter.objects.exists() and Dossier.objects.get(pk=dossier.pk).version == 2
    dossier = services.extend(
        dossier,
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-12 09:00"),
        reason="Chờ kết quả xác minh của công an",
        at=at("2026-03-09 10:00"),
    )
    letter = ApologyLetter.objects.get(dossier=dossier)
    assert (letter.previous_appointment, letter.new_appointment) == (
        at("2026-03-05 09:00"),
        at("2026-03-12 09:00"),
    )
    assert dossier.tracking.order_by("pk").last().details["late_apology"] is True
    assert dossier.due_at == at("2026-03-05 09:00")  # the legal due moment stays: the index counts it late


def test_an_apology_letter_in_time_is_not_counted_late(world):
    dossier = services.extend(
        assigned(world),
        actor=world.leader,
        version=2,
        new_appointment=at("2026-03-10 09:00"),
        reason="Chờ xác minh",
        at=at("2026-03-03 09:00"),
    )
    assert dossier.tracking.order_by("pk").last().details["late_apology"] is False
