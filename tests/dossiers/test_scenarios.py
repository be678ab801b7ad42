"""Dated scenarios end to end, through the services and the province's calendar (holidays from data).

Tết 2026: off Monday 16/02 to Friday 20/02. 2026 swap: Saturday 22/08 worked for Monday 31/08; 01–02/09
national day. Worked out by hand from the calendar.
"""

import pytest

from motcua.calendar.models import CalendarOverride
from motcua.dossiers import services

from .conftest import receive
from .factories import at, procedure
from .test_online import submit

pytestmark = pytest.mark.django_db


def test_a_dossier_received_at_ba_dinh_for_a_soc_son_resident_goes_to_soc_sons_committee(world):
    dossier = receive(world, when="2026-03-02 09:00")
    assert dossier.received_place == world.point_ba_dinh
    assert dossier.agency == world.committee_soc_son and dossier.commune == world.soc_son
    assert dossier.code.startswith("000.00.12.H26-")
    # Sóc Sơn's staff see and act on it; Ba Đình's committee does not decide it.
    assert (
        services.assign(dossier, actor=world.leader, version=1, assignee=world.specialist).assignee
        == world.specialist
    )


def test_received_before_tet_2026_it_is_due_after_tet(world):
    dossier = receive(world, when="2026-02-13 10:30")
    assert dossier.due_at.isoformat() == "2026-02-25T10:30:00+07:00"


def test_received_after_the_cut_off_before_tet_it_starts_after_tet(world):
    dossier = receive(world, when="2026-02-13 15:30")
    assert dossier.clock_started_at == at("2026-02-23 08:00")
    assert dossier.due_at == at("2026-02-25 17:00")


def test_submitted_online_during_tet_it_waits_for_the_first_working_day(world):
    dossier = submit(world, when="2026-02-17 09:00")
    assert dossier.acceptance_due_at == at("2026-02-23 17:00")
    dossier = services.accept_online(
        dossier, officer=world.officer_soc_son, version=1, at=at("2026-02-23 16:00")
    )
    assert dossier.due_at == at("2026-02-26 16:00")


def test_the_swapped_saturday_of_2026_is_a_working_day(world):
    one_day = procedure("9.100009", days=1)
    from motcua.catalog import services as catalog

    catalog.adopt(province=world.province, procedure=one_day, active=True)
    friday = receive(world, one_day, when="2026-08-21 10:00")
    assert friday.due_at == at("2026-08-22 10:00")  # Saturday, worked
    before_national_day = receive(world, one_day, when="2026-08-28 16:00")
    assert before_national_day.clock_started_at == at("2026-09-03 08:00")
    assert before_national_day.due_at == at("2026-09-03 17:00")


def test_a_provincial_day_off_moves_the_due_moment(world):
    CalendarOverride.objects.create(
        province_code="01", date="2026-03-04", kind="day_off", reason="Nghỉ thử nghiệm"
    )
    dossier = receive(world, when="2026-03-02 09:00")
    assert dossier.due_at == at("2026-03-06 09:00")


def test_a_supplement_resumed_across_tet(world):
    from motcua.dossiers.models import ProcessingSetting

    ProcessingSetting.objects.create(procedure=world.birth, supplement_mode="resume")
    dossier = receive(world, when="2026-02-10 09:00")  # due 13/02 09:00
    dossier = services.assign(dossier, actor=world.leader, version=1, assignee=world.specialist)
    dossier = services.request_supplement(
        dossier,
        actor=world.specialist,
        version=2,
        items=["Tờ khai"],
        reason="Thiếu chữ ký",
        at=at("2026-02-12 09:00"),
    )  # 1 working day left
    dossier = services.receive_supplement(dossier, actor=world.officer, version=3, at=at("2026-02-14 10:00"))
    assert dossier.due_at == at("2026-02-23 17:00")  # the day left, counted from Monday 23/02 08:00
