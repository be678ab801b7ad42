"""How status reports are applied (pure rule): the arrival order never changes the outcome."""

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.postal.tracking import Kind, Outcome, Status, decide

T0 = datetime(2026, 3, 4, 8, 0)


def fold(kind, start, events):
    """Apply the reports in arrival order; after each one the item shows the latest report seen so far."""
    status, at = start, T0
    for seen, (new, moment) in enumerate(events, 1):
        if decide(kind, status, at, new, moment).outcome == Outcome.APPLIED:
            status, at = new, moment
        assert (status, at) == max(events[:seen], key=lambda e: e[1])
    return status


# Valid stories of a result after its hand-over: in transit, some failed attempts, then delivered or returned.
stories = st.builds(
    lambda attempts, end: [Status.IN_TRANSIT] + [Status.FAILED, Status.IN_TRANSIT] * attempts + [end],
    st.integers(0, 3),
    st.sampled_from([Status.DELIVERED, Status.RETURNED]),
)


@settings(deadline=None)
@given(stories, st.randoms(use_true_random=False), st.integers(0, 3))
def test_any_arrival_order_with_duplicates_ends_in_the_last_reported_state(story, rnd, copies):
    events = [(status, T0 + timedelta(minutes=10 * (i + 1))) for i, status in enumerate(story)]
    arrivals = events + [rnd.choice(events) for _ in range(copies)]
    rnd.shuffle(arrivals)
    assert fold(Kind.RESULT, Status.HANDED_OVER, arrivals) == story[-1]


def test_reports_the_operator_cannot_make():
    later = T0 + timedelta(hours=1)
    assert decide(Kind.RESULT, Status.READY, T0, Status.IN_TRANSIT, later).reason == "not_held"
    assert decide(Kind.RESULT, Status.HANDED_OVER, T0, Status.COLLECTED, later).reason == "status_not_allowed"
    assert decide(Kind.RESULT, Status.DELIVERED, T0, Status.FAILED, later).reason == "final"
    assert decide(Kind.PICKUP, Status.HANDED_OVER, T0, Status.IN_TRANSIT, later).reason == "not_held"
    assert decide(Kind.RESULT, Status.IN_TRANSIT, T0, Status.IN_TRANSIT, T0).outcome == Outcome.DUPLICATE
    assert decide(Kind.RESULT, Status.IN_TRANSIT, later, Status.DELIVERED, T0).outcome == Outcome.STALE
    assert decide(Kind.PICKUP, Status.REQUESTED, T0, Status.COLLECTED, later).outcome == Outcome.APPLIED
