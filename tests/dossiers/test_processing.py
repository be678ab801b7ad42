"""Processing at the agency: a full journey, then each rule of assignment, steps, decision and result."""

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers import lifecycle, selectors, services
from motcua.dossiers.models import Dossier, OutboxMessage, Payment, Result, TrackingEntry

from .conftest import receive
from .factories import at

pytestmark = pytest.mark.django_db


def fresh(dossier):
    return Dossier.objects.get(pk=dossier.pk)


def assigned(world, when="2026-03-02 10:00"):
    dossier = receive(world)
    return services.assign(
        dossier, actor=world.leader, version=dossier.version, assignee=world.specialist, at=at(when)
    )


def refuses(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def test_a_dossier_from_reception_to_returned_result(world):
    dossier = receive(world)
    dossier = services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    assert (dossier.status, dossier.assignee, dossier.version) == ("in_progress", world.specialist, 2)
    dossier = services.finish_step(
        dossier,
        actor=world.specialist,
        version=2,
        next_assignee=world.leader,
        note="Đủ điều kiện",
        at=at("2026-03-03 09:00"),
    )
    assert dossier.current_step.name == "Phê duyệt kết quả" and dossier.assignee == world.leader
    dossier = services.approve(dossier, actor=world.leader, version=3, at=at("2026-03-03 14:00"))
    assert (
        dossier.status == "approved"
        and dossier.decision == "approved"
        and dossier.current_step.name == "Trả kết quả"
    )
    dossier = services.issue_result(
        dossier,
        actor=world.leader,
        version=4,
        title="Giấy khai sinh",
        number="123/GKS",
        e_copy_ref="kho:gks-123",
        at=at("2026-03-03 15:00"),
    )
    assert dossier.status == "result_ready" and dossier.finished_at == at("2026-03-03 15:00")
    dossier = services.return_result(
        dossier, actor=world.officer, version=5, method="postal", at=at("2026-03-04 09:00")
    )
    assert (dossier.status, dossier.return_method, dossier.returned_by) == (
        "returned",
        "postal",
        world.officer,
    )
    assert not dossier.steps.filter(finished_at__isnull=True).exists()
    sheet = list(selectors.tracking_sheet(dossier))
    assert [e.action for e in sheet] == [
        "receive",
        "assign",
        "finish_step",
        "approve",
        "issue_result",
        "return_result",
    ]
    assert [e.dossier_version for e in sheet] == [1, 2, 3, 4, 5, 6]
    assert sheet[2].note == "Đủ điều kiện" and sheet[2].actor_name == "Hoàng Văn Em"
    codes = list(
        OutboxMessage.objects.filter(dossier=dossier)
        .order_by("id")
        .values_list("payload__portal_status", flat=True)
    )
    assert codes == [2, 4, 4, 4, 9, 10]
    assert Result.objects.get(dossier=dossier).has_e_copy


def test_a_specialist_may_take_a_dossier_but_not_give_it_to_someone_else(world):
    dossier = receive(world)
    refuses(
        "dossier.forbidden",
        services.assign,
        dossier,
        actor=world.specialist,
        version=1,
        assignee=world.specialist2,
    )
    taken = services.assign(dossier, actor=world.specialist, version=1, assignee=world.specialist)
    assert taken.assignee == world.specialist


def test_only_staff_of_the_agency_can_be_assigned(world):
    dossier = receive(world)
    refuses(
        "dossier.invalid_assignee",
        services.assign,
        dossier,
        actor=world.leader,
        version=1,
        assignee=world.justice_specialist,
    )
    assert fresh(dossier).version == 1


def test_another_specialist_cannot_work_on_an_assigned_dossier(world):
    dossier = assigned(world)
    refuses("dossier.forbidden", services.finish_step, dossier, actor=world.specialist2, version=2)
    refuses(
        "dossier.forbidden",
        services.request_supplement,
        dossier,
        actor=world.specialist2,
        version=2,
        items=["x"],
        reason="y",
    )
    assert fresh(dossier).version == 2


def test_the_decision_and_the_return_end_the_last_two_steps(world):
    dossier = services.finish_step(assigned(world), actor=world.specialist, version=2)
    refuses("dossier.invalid_transition", services.finish_step, dossier, actor=world.leader, version=3)


def test_a_refusal_needs_reasons_and_its_notice_is_returned(world):
    dossier = assigned(world)
    refuses("dossier.note_required", services.refuse, dossier, actor=world.leader, version=2, reason=" ")
    dossier = services.refuse(
        dossier, actor=world.leader, version=2, reason="Không đủ điều kiện", at=at("2026-03-03 10:00")
    )
    assert dossier.status == "refused" and dossier.finished_at == at("2026-03-03 10:00")
    assert Result.objects.get(dossier=dossier).kind == "refused"
    refuses(
        "dossier.invalid_transition", services.withdraw, dossier, actor=world.officer, version=3, reason="Rút"
    )
    dossier = services.return_result(dossier, actor=world.officer, version=3)
    assert dossier.status == "returned"


def test_a_result_needs_its_electronic_copy(world):
    dossier = services.approve(assigned(world), actor=world.leader, version=2)
    refuses(
        "dossier.e_copy_required",
        services.issue_result,
        dossier,
        actor=world.leader,
        version=3,
        title="Giấy khai sinh",
    )
    refuses(
        "dossier.result_title_required",
        services.issue_result,
        dossier,
        actor=world.leader,
        version=3,
        title="",
        e_copy_ref="x",
    )
    assert fresh(dossier).status == "approved" and not Result.objects.exists()


def test_a_transfer_to_another_agency_needs_a_reason_and_is_on_the_tracking_sheet(world):
    dossier = assigned(world)
    refuses(
        "dossier.note_required",
        services.transfer,
        dossier,
        actor=world.leader,
        version=2,
        to_agency=world.justice,
        reason="",
    )
    refuses(
        "dossier.no_competent_agency",
        services.transfer,
        dossier,
        actor=world.leader,
        version=2,
        to_agency=world.committee_soc_son,
        reason="x",
    )
    moved = services.transfer(
        dossier, actor=world.leader, version=2, to_agency=world.justice, reason="Thuộc thẩm quyền Sở"
    )
    assert (moved.status, moved.agency, moved.assignee) == ("received", world.justice, None)
    entry = TrackingEntry.objects.filter(dossier=dossier).last()
    assert (entry.from_agency, entry.to_agency, entry.note) == (
        world.committee_soc_son,
        world.justice,
        "Thuộc thẩm quyền Sở",
    )
    # Now the Justice department's staff act on it, no longer Sóc Sơn's.
    refuses(
        "dossier.forbidden", services.assign, moved, actor=world.leader, version=3, assignee=world.specialist
    )
    services.assign(moved, actor=world.justice_leader, version=3, assignee=world.justice_specialist)


def test_withdrawal_and_stop(world):
    dossier = receive(world)
    refuses("dossier.forbidden", services.withdraw, dossier, actor=world.specialist, version=1, reason="x")
    withdrawn = services.withdraw(
        dossier, actor=world.officer, version=1, reason="Người dân xin rút", at=at("2026-03-02 11:00")
    )
    assert withdrawn.status == "withdrawn" and withdrawn.finished_at == at("2026-03-02 11:00")
    assert OutboxMessage.objects.filter(dossier=dossier).last().payload["portal_status"] == 8
    other = receive(world)
    refuses("dossier.forbidden", services.stop, other, actor=world.officer, version=1, reason="x")
    assert services.stop(other, actor=world.leader, version=1, reason="Quá hạn bổ sung").status == "stopped"


def test_payments_due_are_recorded_once(world):
    dossier = receive(world, world.licence)
    due = Payment.objects.get(dossier=dossier)
    assert due.status == "due"
    dossier = services.record_payment(dossier, actor=world.officer, version=1, payment=due, reference="BL-9")
    assert Payment.objects.get(pk=due.pk).status == "paid" and dossier.version == 2
    refuses(
        "dossier.invalid_payment",
        services.record_payment,
        dossier,
        actor=world.officer,
        version=2,
        payment=due,
    )
    refuses(  # the fee is paid: no second recording beside it, whatever the amount
        "dossier.fees_already_paid",
        services.record_payment,
        dossier,
        actor=world.officer,
        version=2,
        amount=50_000,
    )
    assert Payment.objects.filter(dossier=dossier).count() == 1


def test_a_fee_due_is_recorded_as_itself_not_as_a_new_amount_beside_it(world):
    dossier = receive(world, world.licence)
    refuses(
        "dossier.fee_due", services.record_payment, dossier, actor=world.officer, version=1, amount=50_000
    )
    assert list(Payment.objects.filter(dossier=dossier).values_list("status", flat=True)) == ["due"]


def test_a_dossier_without_fees_records_an_amount_collected(world):
    dossier = receive(world)
    refuses(
        "dossier.invalid_payment", services.record_payment, dossier, actor=world.officer, version=1, amount=0
    )
    dossier = services.record_payment(dossier, actor=world.officer, version=1, amount=20_000)
    assert Payment.objects.get(dossier=dossier).status == "paid"


def test_a_stale_version_is_a_conflict_and_changes_nothing(world):
    dossier = assigned(world)
    error = refuses("stale_write", services.approve, dossier, actor=world.leader, version=1)
    assert error.http_status == 409 and error.details == {"expected_version": 1, "current_version": 2}
    assert fresh(dossier).status == "in_progress" and dossier.tracking.count() == 2


@pytest.mark.parametrize("action", [a for a in lifecycle.Action if a not in ("receive", "submit_online")])
def test_every_action_not_allowed_from_received_is_refused_and_changes_nothing(world, action):
    dossier = receive(world)
    allowed = {t.action for t in lifecycle.actions_from("received")}
    calls = {
        "accept": lambda: services.accept_online(dossier, officer=world.officer, version=1),
        "refuse_acceptance": lambda: services.refuse_online(
            dossier, officer=world.officer, version=1, reason="x"
        ),
        "transfer": lambda: services.transfer(
            dossier, actor=world.leader, version=1, to_agency=world.justice, reason="x"
        ),
        "assign": lambda: services.assign(dossier, actor=world.leader, version=1, assignee=world.specialist),
        "finish_step": lambda: services.finish_step(dossier, actor=world.leader, version=1),
        "request_supplement": lambda: services.request_supplement(
            dossier, actor=world.leader, version=1, items=["x"], reason="x"
        ),
        "receive_supplement": lambda: services.receive_supplement(dossier, actor=world.officer, version=1),
        "extend": lambda: services.extend(
            dossier,
            actor=world.leader,
            version=1,
            new_appointment=at("2026-03-20 10:00"),
            reason="x",
            at=at("2026-03-02 10:00"),
        ),
        "record_payment": lambda: services.record_payment(
            dossier, actor=world.officer, version=1, amount=1000
        ),
        "approve": lambda: services.approve(dossier, actor=world.leader, version=1),
        "refuse": lambda: services.refuse(dossier, actor=world.leader, version=1, reason="x"),
        "issue_result": lambda: services.issue_result(
            dossier, actor=world.leader, version=1, title="x", e_copy_ref="x"
        ),
        "return_result": lambda: services.return_result(dossier, actor=world.officer, version=1),
        "withdraw": lambda: services.withdraw(dossier, actor=world.officer, version=1, reason="x"),
        "stop": lambda: services.stop(dossier, actor=world.leader, version=1, reason="x"),
    }
    if action in allowed:
        calls[action]()
        assert fresh(dossier).version == 2
        return
    with pytest.raises(DomainError) as error:
        calls[action]()
    assert error.value.code in {"dossier.invalid_transition", "dossier.forbidden"}
    again = fresh(dossier)
    assert (again.status, again.version, again.tracking.count()) == ("received", 1, 1)
