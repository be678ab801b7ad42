"""The electronic result handed back: taken by the applicant on the portal or sent by an officer."""

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, OutboxMessage, TrackingEntry
from tests.org.factories import user

from .conftest import receive
from .factories import at
from .test_online import submit

pytestmark = pytest.mark.django_db


def decided(world, dossier, *, refuse=False, e_copy_ref="kho:gks-1"):
    v = dossier.version
    dossier = services.assign(dossier, actor=world.leader, version=v, assignee=world.specialist)
    if refuse:
        return services.refuse(
            dossier, actor=world.leader, version=v + 1, reason="Không đủ điều kiện", e_copy_ref=e_copy_ref
        )
    dossier = services.approve(dossier, actor=world.leader, version=v + 1)
    return services.issue_result(
        dossier, actor=world.leader, version=v + 2, title="Giấy khai sinh", e_copy_ref=e_copy_ref
    )


def online_result(world):
    dossier = submit(world, when="2026-03-02 09:00")
    dossier = services.accept_online(
        dossier, officer=world.officer_soc_son, version=1, at=at("2026-03-02 10:00")
    )
    return decided(world, dossier)


def refused_with(code, call, *args, **kwargs):
    before = (TrackingEntry.objects.count(), OutboxMessage.objects.count())
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value.message
    assert (TrackingEntry.objects.count(), OutboxMessage.objects.count()) == before
    return error.value


def test_the_applicant_takes_the_electronic_result_and_the_dossier_is_returned(world):
    dossier = online_result(world)
    assert dossier.status == "result_ready" and dossier.result_delivery == "online"
    returned = services.return_result(dossier, actor=world.citizen, version=dossier.version, method="online")
    assert (returned.status, returned.return_method, returned.returned_by) == (
        "returned",
        "online",
        world.citizen,
    )
    assert returned.returned_at is not None
    line = returned.tracking.order_by("pk").last()
    assert (line.action, line.actor, line.to_status) == ("return_result", world.citizen, "returned")
    assert OutboxMessage.objects.filter(dossier=returned).last().payload["portal_status"] == 10
    assert not returned.steps.filter(finished_at__isnull=True).exists()


def test_an_officer_may_send_it_to_the_applicant_s_account(world):
    dossier = online_result(world)
    returned = services.return_result(
        dossier, actor=world.officer_soc_son, version=dossier.version, method="online"
    )
    assert (returned.status, returned.returned_by) == ("returned", world.officer_soc_son)


def test_the_applicant_takes_nothing_but_the_electronic_copy(world):
    dossier = online_result(world)
    for method in ("counter", "postal"):
        refused_with(
            "dossier.forbidden",
            services.return_result,
            dossier,
            actor=world.citizen,
            version=dossier.version,
            method=method,
        )
    refused_with(
        "dossier.invalid_return_method",
        services.return_result,
        dossier,
        actor=world.officer_soc_son,
        version=dossier.version,
        method="fax",
    )
    assert Dossier.objects.get(pk=dossier.pk).status == "result_ready"


def test_someone_else_cannot_take_it(world):
    dossier = online_result(world)
    stranger = user(username="nguoi-la", full_name="Người Lạ")
    refused_with(
        "dossier.forbidden",
        services.return_result,
        dossier,
        actor=stranger,
        version=dossier.version,
        method="online",
    )


def test_only_a_dossier_whose_applicant_chose_it_is_returned_electronically(world):
    dossier = decided(world, receive(world))  # received at the counter, the result to take at the counter
    assert dossier.result_delivery == "counter"
    refused_with(
        "dossier.online_return_not_chosen",
        services.return_result,
        dossier,
        actor=world.officer,
        version=dossier.version,
        method="online",
    )
    assert services.return_result(dossier, actor=world.officer, version=dossier.version).status == "returned"


def test_a_refusal_notice_without_an_electronic_copy_cannot_be_sent_electronically(world):
    dossier = submit(world, when="2026-03-02 09:00")
    dossier = services.accept_online(dossier, officer=world.officer_soc_son, version=1)
    dossier = decided(world, dossier, refuse=True, e_copy_ref="")
    refused_with(
        "dossier.e_copy_required",
        services.return_result,
        dossier,
        actor=world.citizen,
        version=dossier.version,
        method="online",
    )
    assert Dossier.objects.get(pk=dossier.pk).status == "refused"


def test_a_stale_page_gets_a_conflict(world):
    dossier = online_result(world)
    refused_with(
        "stale_write",
        services.return_result,
        dossier,
        actor=world.citizen,
        version=dossier.version - 1,
        method="online",
    )
