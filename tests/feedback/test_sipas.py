"""The SIPAS mapping (pure): five factors, a 1–5 scale, satisfied from 4, expectation from the ticks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.feedback import sipas

REQUIRED = [f.code for f in sipas.FACTORS if not f.optional]


def test_the_five_factors_of_the_index():
    assert sipas.CODES == ("access", "procedure", "officer", "result", "handling")


def test_the_feedback_factor_may_be_skipped_the_others_not():
    scores, improve = sipas.clean({c: "4" for c in REQUIRED}, ["officer", "nonsense"])
    assert scores["handling"] is None and improve == ["officer"]
    with pytest.raises(sipas.InvalidAnswers) as caught:
        sipas.clean({"access": "6", "procedure": "x"}, [])
    assert caught.value.problems == {
        "access": "scale",
        "procedure": "scale",
        "officer": "required",
        "result": "required",
    }


def test_a_summary_counts_satisfaction_from_four_and_expectation_over_raters():
    ratings = [
        ({"access": 5, "procedure": 4, "officer": 2, "result": 5, "handling": None}, ["officer"]),
        ({"access": 3, "procedure": 4, "officer": 4, "result": 5, "handling": 5}, ["access", "officer"]),
    ]
    factors, index = sipas.summarise(ratings)
    by = {f.code: f for f in factors}
    assert by["access"].satisfied == 0.5 and by["access"].mean == 4.0
    assert by["officer"].expectation == 1.0 and by["result"].expectation == 0.0
    assert by["handling"].answers == 1 and by["handling"].satisfied == 1.0
    assert index == pytest.approx(100 * (0.5 + 1 + 0.5 + 1 + 1) / 5)


def test_no_ratings_no_index():
    factors, index = sipas.summarise([])
    assert index is None and all(f.mean is None for f in factors)


score = st.one_of(st.none(), st.integers(1, 5))
rating = st.tuples(
    st.fixed_dictionaries({c: (score if c == "handling" else st.integers(1, 5)) for c in sipas.CODES}),
    st.lists(st.sampled_from(sipas.CODES), unique=True),
)


@given(st.lists(rating, min_size=1, max_size=40))
def test_the_index_is_a_percentage_and_all_satisfied_means_100(ratings):
    factors, index = sipas.summarise(ratings)
    assert 0 <= index <= 100
    assert all(0 <= f.expectation <= 1 for f in factors)
    happy = [({c: 5 for c in sipas.CODES}, []) for _ in ratings]
    assert sipas.summarise(happy)[1] == 100
