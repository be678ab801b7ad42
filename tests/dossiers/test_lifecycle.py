"""The lifecycle table: consistent with the models, the portal codes and the generated document."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.dossiers import lifecycle
from motcua.dossiers.choices import Status
from motcua.dossiers.lifecycle import Action, InvalidTransition, State
from motcua.org.roles import RoleCode

DOC = Path(__file__).resolve().parents[2] / "docs" / "dossier-lifecycle.md"


def test_the_committed_document_is_generated_from_the_table():
    assert DOC.read_text(encoding="utf-8") == lifecycle.document()
    out = io.StringIO()
    call_command("dossiers", "lifecycle-doc", "--check", "--output", str(DOC), stdout=out)


def test_the_check_fails_on_a_stale_document(tmp_path):
    stale = tmp_path / "lifecycle.md"
    stale.write_text("# old\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("dossiers", "lifecycle-doc", "--check", "--output", str(stale), stdout=io.StringIO())
    call_command("dossiers", "lifecycle-doc", "--output", str(stale), stdout=io.StringIO())
    assert stale.read_text(encoding="utf-8") == lifecycle.document()


def test_model_statuses_are_the_lifecycle_states():
    assert set(Status.values) == {s.value for s in State}


def test_every_state_has_a_national_portal_code_in_1_to_10():
    assert {lifecycle.portal_code(s) for s in State} <= set(range(1, 11))
    assert lifecycle.portal_code(State.PENDING_ACCEPTANCE) == 1
    assert lifecycle.portal_code(State.SUPPLEMENT_REQUESTED) == 5
    assert lifecycle.portal_code(State.RETURNED) == 10


def test_roles_are_org_roles_or_the_applicant():
    known = {r.value for r in RoleCode} | {lifecycle.APPLICANT}
    for transition in lifecycle.TRANSITIONS.values():
        assert transition.roles and transition.roles <= known, transition.action


def test_every_state_is_reachable_and_terminal_states_have_no_way_out():
    reachable = {t.target for t in lifecycle.TRANSITIONS.values() if t.creates}
    changed = True
    while changed:
        before = len(reachable)
        for t in lifecycle.TRANSITIONS.values():
            if t.sources & reachable and t.target:
                reachable.add(t.target)
        changed = len(reachable) != before
    assert reachable == set(State)
    for state, info in lifecycle.STATES.items():
        assert bool(lifecycle.actions_from(state)) != info.terminal, state


def test_no_withdrawal_once_a_decision_exists():
    withdraw = lifecycle.TRANSITIONS[Action.WITHDRAW]
    decided = {s for s, info in lifecycle.STATES.items() if info.decided}
    assert decided and not (withdraw.sources & decided)


@pytest.mark.parametrize("state", list(State))
def test_check_refuses_every_action_not_allowed_from_a_state(state):
    allowed = {t.action for t in lifecycle.actions_from(state)}
    for action in Action:
        if action in allowed:
            assert lifecycle.check(action, state).action == action
        else:
            with pytest.raises(InvalidTransition):
                lifecycle.check(action, state)


def test_creating_actions_need_no_state_and_others_do():
    assert lifecycle.check(Action.RECEIVE, None).target == State.RECEIVED
    with pytest.raises(InvalidTransition):
        lifecycle.check(Action.ACCEPT, None)
    with pytest.raises(lifecycle.UnknownAction):
        lifecycle.check("teleport", State.RECEIVED)
