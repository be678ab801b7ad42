"""Online dossiers: submitted (pending acceptance), then accepted (the clock starts) or not accepted."""

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, OutboxMessage

from .factories import at, person

pytestmark = pytest.mark.django_db


def submit(world, proc=None, when="2026-03-02 09:00", **kwargs):
    proc = proc or world.birth
    return services.submit_online(
        user=kwargs.pop("user", world.citizen),
        procedure=proc,
        province=world.province,
        case=world.case(proc, 0),
        provided=kwargs.pop("provided", world.documents(proc, 0)),
        applicant=kwargs.pop("applicant", person()),
        at=at(when),
        **kwargs,
    )


def test_an_online_dossier_waits_for_acceptance_at_the_commune_point(world):
    dossier = submit(world, when="2026-03-02 09:00")
    assert dossier.status == "pending_acceptance" and dossier.channel == "online"
    assert dossier.code == "000.00.12.H26-260302-0001" and dossier.owner == world.citizen
    assert dossier.agency == world.committee_soc_son and dossier.received_place == world.point_soc_son
    assert dossier.acceptance_due_at == at("2026-03-03 09:00")  # 8 working hours
    assert dossier.clock_started_at is None and dossier.due_at is None and not dossier.steps.exists()
    event = OutboxMessage.objects.get()
    assert event.payload["portal_status"] == 1 and event.payload["portal_channel"] == 2


def test_submitted_on_a_saturday_it_must_be_accepted_by_monday_evening(world):
    dossier = submit(world, when="2026-03-07 10:00")
    assert dossier.acceptance_due_at == at("2026-03-09 17:00")


def test_the_clock_starts_at_acceptance(world):
    dossier = submit(world, when="2026-03-06 20:00")
    dossier = services.accept_online(
        dossier, officer=world.officer_soc_son, version=1, at=at("2026-03-09 10:00")
    )
    assert dossier.status == "received" and dossier.received_by == world.officer_soc_son
    assert dossier.clock_started_at == at("2026-03-09 10:00") and dossier.due_at == at("2026-03-12 10:00")
    assert dossier.steps.count() == 4 and dossier.tracking.last().details == {"late_acceptance": False}


def test_a_late_acceptance_is_recorded(world):
    dossier = submit(world, when="2026-03-02 09:00")
    dossier = services.accept_online(
        dossier, officer=world.officer_soc_son, version=1, at=at("2026-03-03 09:01")
    )
    assert dossier.tracking.last().details == {"late_acceptance": True}


def test_only_the_handling_places_officers_accept_or_refuse(world):
    dossier = submit(world)
    for intruder in (world.officer, world.citizen, world.specialist):
        with pytest.raises(DomainError) as error:
            services.accept_online(dossier, officer=intruder, version=1)
        assert error.value.code == "dossier.forbidden"
    with pytest.raises(DomainError) as error:
        services.refuse_online(dossier, officer=world.officer_soc_son, version=1, reason="")
    assert error.value.code == "dossier.note_required"
    refused = services.refuse_online(dossier, officer=world.officer_soc_son, version=1, reason="Sai thủ tục")
    assert refused.status == "not_accepted" and refused.finished_at is not None
    assert OutboxMessage.objects.filter(dossier=dossier).last().payload["portal_status"] == 3


def test_the_owner_may_withdraw_before_acceptance_and_nobody_else_online(world):
    dossier = submit(world)
    stranger = type(world.citizen).objects.create_user("nguoila", password=None)
    with pytest.raises(DomainError) as error:
        services.withdraw(dossier, actor=stranger, version=1, reason="x")
    assert error.value.code == "dossier.forbidden"
    assert services.withdraw(dossier, actor=world.citizen, version=1, reason="Nộp nhầm").status == "withdrawn"


def test_anonymous_users_and_procedures_not_offered_online_are_refused(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(DomainError) as error:
        submit(world, user=AnonymousUser())
    assert error.value.code == "dossier.forbidden"
    world.version(world.birth).__class__.objects.filter(procedure=world.birth).update(online_level="none")
    with pytest.raises(DomainError) as error:
        submit(world)
    assert error.value.code == "dossier.channel_not_offered"
    assert not Dossier.objects.exists()


def test_an_online_dossier_also_needs_every_required_document(world):
    with pytest.raises(DomainError) as error:
        submit(world, provided=[])
    assert error.value.code == "dossier.checklist_incomplete"
