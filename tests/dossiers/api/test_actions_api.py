"""Lifecycle actions through the API: a full journey, then stale versions, forbidden transitions, bad
input and other units' officers, each leaving the dossier, its tracking sheet and the outbox unchanged."""

import pytest

from motcua.dossiers.models import Dossier, SupplementRequest
from tests.dossiers.conftest import receive
from tests.dossiers.test_online import submit

from .conftest import client_for, refused, snapshot, url

pytestmark = pytest.mark.django_db


def act(user, dossier_or_code, action, **body):
    code = getattr(dossier_or_code, "code", dossier_or_code)
    return client_for(user).post(url(code, f"/actions/{action}"), body, format="json")


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def test_a_dossier_goes_from_reception_to_returned_result(world):
    dossier = receive(world)
    body = ok(act(world.leader, dossier, "assign", version=1, assignee=world.specialist.pk))
    assert (body["status"], body["version"], body["assignee"]) == ("in_progress", 2, "Hoàng Văn Em")
    body = ok(
        act(world.specialist, dossier, "finish-step", version=2, next_assignee=world.leader.pk, note="Đủ")
    )
    body = ok(act(world.leader, dossier, "approve", version=body["version"]))
    assert body["status"] == "approved"
    body = ok(
        act(
            world.leader,
            dossier,
            "issue-result",
            version=body["version"],
            title="Giấy khai sinh",
            e_copy_ref="k:1",
        )
    )
    assert body["status"] == "result_ready"
    assert [a["action"] for a in body["available_actions"]] == []  # the leader does not hand results back
    body = ok(act(world.officer, dossier, "return-result", version=body["version"], method="postal"))
    assert (body["status"], body["version"], body["available_actions"]) == ("returned", 6, [])
    history = client_for(world.officer).get(url(dossier.code, "/history")).json()
    assert [h["action"] for h in history] == [
        "receive",
        "assign",
        "finish_step",
        "approve",
        "issue_result",
        "return_result",
    ]
    assert history[2]["note"] == "Đủ" and history[1]["action_label"] == "Phân công"


def test_supplement_extension_and_payment_actions(world):
    dossier = receive(world)
    ok(act(world.leader, dossier, "assign", version=1, assignee=world.specialist.pk))
    body = ok(
        act(
            world.specialist, dossier, "request-supplement", version=2, items=["Bản sao CCCD"], reason="Thiếu"
        )
    )
    assert body["status"] == "supplement_requested" and SupplementRequest.objects.get().items == [
        "Bản sao CCCD"
    ]
    body = ok(act(world.officer, dossier, "receive-supplement", version=3))
    assert body["status"] == "in_progress" and body["paused_at"] is None
    body = ok(act(world.officer, dossier, "record-payment", version=4, amount=50000, method="cash"))
    assert body["version"] == 5


def test_online_acceptance_refusal_withdrawal_stop_and_transfer(world):
    accepted, refused_one = submit(world), submit(world)
    commune_officer = world.officer_soc_son
    assert ok(act(commune_officer, accepted, "accept", version=1))["status"] == "received"
    body = ok(act(commune_officer, refused_one, "refuse-acceptance", version=1, reason="Sai thủ tục"))
    assert body["status"] == "not_accepted"
    withdrawn = receive(world)
    assert ok(act(world.officer, withdrawn, "withdraw", version=1, reason="Xin rút"))["status"] == "withdrawn"
    stopped = receive(world)
    assert ok(act(world.leader, stopped, "stop", version=1, reason="Có tranh chấp"))["status"] == "stopped"
    moved = receive(world)
    body = ok(
        act(world.leader, moved, "transfer", version=1, to_agency=world.justice.code, reason="Sai thẩm quyền")
    )
    assert body["agency"]["code"] == world.justice.code


def test_a_stale_version_is_a_conflict_and_changes_nothing(world):
    dossier = receive(world)
    ok(act(world.leader, dossier, "assign", version=1, assignee=world.specialist.pk))
    before = snapshot(dossier)
    body = refused(act(world.leader, dossier, "stop", version=1, reason="Dừng"), 409, "stale_write")
    assert body["details"] == {"expected_version": 1, "current_version": 2}
    assert snapshot(dossier) == before


def test_a_forbidden_transition_and_bad_input_change_nothing(world):
    dossier = receive(world)
    before = snapshot(dossier)
    refused(act(world.leader, dossier, "approve", version=1), 409, "dossier.invalid_transition")
    refused(act(world.leader, dossier, "stop", version=1), 400, "dossier.note_required")
    refused(act(world.leader, dossier, "stop", reason="x"), 400, "invalid_input")  # no version
    too_long = refused(act(world.leader, dossier, "stop", version=1, reason="x" * 2001), 400, "invalid_input")
    assert "2000" in str(too_long["details"]["reason"])
    refused(
        act(world.leader, dossier, "assign", version=1, assignee=world.officer.pk),
        400,
        "dossier.invalid_assignee",
    )
    refused(
        act(world.leader, dossier, "transfer", version=1, to_agency="nope", reason="x"),
        400,
        "dossier.invalid_agency",
    )
    refused(
        act(world.leader, dossier, "extend", version=1, reason="x", new_appointment="soon"),
        400,
        "invalid_input",
    )
    assert (
        client_for(world.leader).post(url(dossier.code, "/actions/explode"), {}, format="json").status_code
        == 404
    )
    assert snapshot(dossier) == before


def test_other_units_officers_are_refused(world):
    dossier = receive(world)
    before = snapshot(dossier)
    # Not visible to the Justice department's staff: the same 404 as an unknown code.
    refused(act(world.justice_leader, dossier, "stop", version=1, reason="x"), 404, "dossier.not_found")
    refused(
        act(world.justice_leader, "000.00.12.H26-260302-9999", "stop", version=1, reason="x"),
        404,
        "dossier.not_found",
    )
    # Visible (province supervisor, an officer of the reception place) but without the role: 403.
    refused(act(world.supervisor, dossier, "stop", version=1, reason="x"), 403, "dossier.forbidden")
    refused(act(world.officer, dossier, "approve", version=1), 403, "dossier.forbidden")
    refused(act(world.specialist2, dossier, "stop", version=1, reason="x"), 403, "dossier.forbidden")
    refused(act(world.citizen, dossier, "stop", version=1, reason="x"), 403, "auth.forbidden")
    assert snapshot(dossier) == before
    assert Dossier.objects.get(pk=dossier.pk).status == "received"
