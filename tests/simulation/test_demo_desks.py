"""On the demo organisation and the real catalog: every new dossier, whatever the procedure's level and
the channel, lands in a queue of some demo officer who can act on it; the demo history gives every
documented demo account work in each queue of its desk (ADR 0026)."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.org import selectors as org
from motcua.org.models import ReceptionPlace, StaffAssignment
from motcua.org.roles import RoleCode
from motcua.simulation import world as world_loader
from motcua.simulation.runner import history_parameters, simulate
from motcua.workspace import desks, selectors

SUBMITTED = datetime(2026, 11, 18, 10, 0, tzinfo=TZ)  # a Wednesday morning
LOOKED = datetime(2026, 11, 18, 10, 30, tzinfo=TZ)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)  # a Friday morning: the history's end
CHANNELS = ("counter", "online", "postal", "home_visit")
User = get_user_model()


def _user(username):
    return User.objects.get(username=username)


def _who_sees(dossier: Dossier, m) -> set[tuple[str, str, str]]:
    """(username, desk, queue) of every officer of the province who has the dossier in a desk queue."""
    people = (
        org.staff_who_can_act(RoleCode.RECEPTION_OFFICER, dossier.received_place)
        | org.staff_who_can_act(RoleCode.SPECIALIST, dossier.agency)
        | org.staff_who_can_act(RoleCode.LEADER, dossier.agency)
    )
    seen = set()
    for user in people.distinct():
        roles = (
            StaffAssignment.objects.filter(user=user)
            .valid_on(m.now.date())
            .values_list("role__code", flat=True)
        )
        for desk in desks.desks_for(roles):
            if desk.role == desks.SUPERVISOR:
                continue
            for queue in desk.queues:
                listed = desks.page_of(desk, queue.slug, user, m, desks.Filters(), size=10_000)
                if dossier in listed:
                    seen.add((user.username, desk.slug, queue.slug))
    return seen


def _new(level, channel, loaded, citizen):
    """A new dossier of a procedure of `level`, in the documented accounts' commune or department."""
    ba_dinh = loaded.world.communes[0]  # Phường Ba Đình, where the demo's commune accounts work
    procedure = next(
        p
        for p in loaded.world.procedures
        if p.commune_level == (level == "commune") and (channel != "online" or p.online)
    )
    intake = loaded.intake[procedure.id]
    applicant = {
        "kind": "person",
        "full_name": "Nguyễn Minh Anh",
        "id_number": "001190012345",
        "birth_date": "1990-05-17",
        "sex": "female",
        "phone": "0912345678",
        "address": "Phố Đội Cấn, phường Ba Đình",
        "commune": ba_dinh.code,
    }
    common = dict(procedure=intake.procedure, case=intake.case, provided=intake.provided, applicant=applicant)
    if channel == "online":
        return services.submit_online(user=citizen, province=loaded.province, at=SUBMITTED, **common)
    officer = _user("tiepnhan.badinh")
    place = ReceptionPlace.objects.get(code="01.X00004")
    return services.receive_at_counter(officer=officer, place=place, channel=channel, at=SUBMITTED, **common)


@pytest.mark.parametrize("level", ["commune", "province"])
def test_every_new_dossier_is_in_a_queue_of_a_demo_officer_who_can_act_on_it(hanoi, level):
    loaded = world_loader.load("01", SUBMITTED.date())
    citizen = User.objects.create(username="congdan.thu", full_name="Nguyễn Minh Anh")
    m = selectors.moments(calendar_for("01"), LOOKED)
    for channel in CHANNELS:
        dossier = _new(level, channel, loaded, citizen)
        seen = _who_sees(dossier, m)
        queues = {queue for _user, _desk, queue in seen}
        if channel == "online":
            assert "cho-tiep-nhan" in queues, (level, channel, dossier.received_place)
        else:
            assert {"moi-den", "chua-phan-cong", "tiep-nhan-hom-nay"} <= queues, (level, channel, seen)
        if level == "commune":
            # Ba Đình's documented accounts: its point accepts the online dossier, its specialist takes it.
            expected = "tiepnhan.badinh" if channel == "online" else "chuyenvien.badinh"
            assert expected in {user for user, _desk, _queue in seen}, (channel, seen)
        elif channel == "online":
            assert ("tructuyen.hanoi", "tiep-nhan", "cho-tiep-nhan") in seen


@pytest.mark.parametrize(
    "now", [NOW, datetime(2026, 11, 25, 14, 0, tzinfo=TZ)]
)  # Friday morning, Wednesday afternoon
def test_the_history_gives_every_documented_account_work_in_each_queue(hanoi, now):
    report = simulate(history_parameters("01", now=now), now=now)
    assert report.outcome.failures == {}
    m = selectors.moments(calendar_for("01"), now)
    empty = []
    for username in (
        "tructuyen.hanoi",
        "tiepnhan.chinhanh1",
        "tiepnhan.badinh",
        "chuyenvien.tuphap",
        "chuyenvien.badinh",
        "lanhdao.tuphap",
        "lanhdao.badinh",
        "giamsat.hanoi",
    ):
        user = _user(username)
        roles = (
            StaffAssignment.objects.filter(user=user)
            .valid_on(NOW.date())
            .values_list("role__code", flat=True)
        )
        for desk in desks.desks_for(roles):
            counts = desks.counts(desk, user, m, desks.Filters())
            empty += [(username, slug) for slug, n in counts.items() if not n]
    assert not empty, empty
