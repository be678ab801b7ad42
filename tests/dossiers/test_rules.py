"""The rules the pages, the API and the other apps ask about a status live in `lifecycle` and `deadlines`
(ADR 0033): which actions a status allows, whether it is decided, ratable, withdrawable; which due moment
applies and whether the clock runs. Pure functions: no database."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from motcua.dossiers import deadlines, lifecycle
from motcua.dossiers.lifecycle import Action, State

ACCEPTANCE_DUE = datetime(2026, 3, 2, 17, tzinfo=UTC)
DUE = datetime(2026, 3, 5, 10, tzinfo=UTC)
APPOINTMENT = datetime(2026, 3, 9, 10, tzinfo=UTC)


def test_withdrawable_means_the_withdraw_transition_is_allowed():
    assert {s for s in State if lifecycle.is_withdrawable(s)} == {
        State.PENDING_ACCEPTANCE,
        State.RECEIVED,
        State.IN_PROGRESS,
        State.SUPPLEMENT_REQUESTED,
    }
    assert not lifecycle.is_withdrawable("approved")  # a decision exists


def test_ratable_once_the_result_or_the_refusal_is_issued():
    assert lifecycle.ratable_states() == {State.REFUSED, State.RESULT_READY, State.RETURNED}
    assert lifecycle.is_decided("approved") and not lifecycle.is_ratable("approved")
    assert "returned" in lifecycle.ratable_states()  # plain status strings work (feedback's check)


def test_allows_answers_from_the_transition_table():
    assert lifecycle.allows("in_progress", Action.REQUEST_SUPPLEMENT)
    assert not lifecycle.allows("received", Action.REQUEST_SUPPLEMENT)
    assert lifecycle.allows(None, "receive") and not lifecycle.allows("received", "receive")


@pytest.mark.parametrize(
    ("status", "runs", "paused"),
    [
        ("pending_acceptance", True, False),
        ("in_progress", True, False),
        ("supplement_requested", False, True),  # stops until the applicant completes it, then resumes
        ("returned", False, False),  # over, not paused
    ],
)
def test_whether_the_clock_runs_or_waits_for_the_applicant(status, runs, paused):
    assert deadlines.clock_runs(status) is runs
    assert deadlines.clock_paused(status) is paused


def _dossier(status, appointment=None):
    return SimpleNamespace(
        status=status, acceptance_due_at=ACCEPTANCE_DUE, due_at=DUE, appointment_at=appointment
    )


def test_which_due_moment_applies():
    assert deadlines.due_moment(_dossier("pending_acceptance")) == deadlines.Due("acceptance", ACCEPTANCE_DUE)
    assert deadlines.due_moment(_dossier("in_progress", APPOINTMENT)) == deadlines.Due("result", DUE)
    # What the applicant was told: the new appointment of an apology letter; the legal one stays above.
    assert deadlines.due_moment(_dossier("in_progress", APPOINTMENT), promised=True).at == APPOINTMENT
    assert deadlines.due_moment(_dossier("in_progress"), promised=True).at == DUE
