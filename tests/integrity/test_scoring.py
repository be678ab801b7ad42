"""The broker rules on hand-made filings: strangers served by one contact score, a family does not."""

from datetime import date

from motcua.integrity import scoring as s

DAY = date(2026, 11, 2)


def filing(n, applicant, household, *, submitter="", submitter_household="", phones=(), commune=1,
           procedure="1.001193", place=1, day=DAY, account=""):  # fmt: skip
    return s.Filing(n, f"HS{n}", day, applicant, household, commune, procedure, place, submitter,
                    submitter_household, tuple(phones), (), account)  # fmt: skip


def test_a_stranger_filing_for_five_families_is_flagged_with_every_reason():
    filings = [
        filing(i, f"0010900000{i:02d}", f"so {i} pho hue", submitter="001085000111", submitter_household="ngo 5",
               phones=("0912000111",), commune=i, procedure=f"1.00{i}", place=1 + i % 2)
        for i in range(5)
    ]  # fmt: skip
    risks = s.score(filings)
    [risk] = s.flagged(risks)
    assert risk.key == (s.SUBMITTER, "001085000111")
    rules = {e.rule: e for e in risk.evidence}
    assert rules["unrelated_applicants"].count == 5
    assert rules["unrelated_applicants"].points == 60
    assert set(rules) == {"unrelated_applicants", "many_communes", "many_procedures", "many_places", "burst"}
    assert risk.score == 100  # 105, capped
    assert risk.filings == 5
    # The phone used only by that submitter is the same person: no second case.
    assert [r.kind for r in risks] == [s.SUBMITTER]


def test_a_son_filing_for_his_household_scores_nothing():
    filings = [
        filing(i, f"00109000000{i}", "so 3 ngo 12 kim ma", submitter="001085000222",
               submitter_household="so 3 ngo 12 kim ma", phones=("0988000222",), procedure=f"1.00{i}")
        for i in range(4)
    ]  # fmt: skip
    assert s.score(filings) == []


def test_two_unrelated_families_are_not_enough_to_flag():
    filings = [filing(1, "a", "h1", submitter="x", submitter_household="hx"),
               filing(2, "b", "h2", submitter="x", submitter_household="hx"),
               filing(3, "c", "h2", submitter="x", submitter_household="hx")]  # fmt: skip
    [risk] = s.score(filings)
    assert risk.score == 20 and not s.flagged([risk])
    # Two dossiers behind one contact are no pattern: not scored at all.
    assert s.score(filings[:2]) == []


def test_one_phone_on_dossiers_of_many_unrelated_applicants_is_a_case():
    filings = [filing(i, f"p{i}", f"h{i}", phones=("0903000333",), commune=1) for i in range(6)]
    [risk] = s.flagged(s.score(filings))
    assert risk.key == (s.PHONE, "0903000333")
    # six households behind one phone: the owner's own and five strangers
    assert risk.evidence[0].count == 5 and risk.score == 60 + 15


def test_relatives_at_one_address_join_one_household_even_through_the_submitter():
    found = s.households(
        [filing(1, "a", "nha 1"), filing(2, "b", "nha 1", submitter="c", submitter_household="nha 1")]
    )
    assert found.find("a:a") == found.find("a:b") == found.find("a:c")


def test_bookings_for_many_people_and_missed_numbers():
    bookings = [s.Booking(i, DAY, 1, "0977000444", f"person {i}", missed=i % 2 == 0) for i in range(6)]
    [risk] = s.score([], bookings)
    assert risk.key == (s.BOOKER, "0977000444")
    assert {e.rule: e.count for e in risk.evidence} == {"bookings_for_many": 6, "bookings_missed": 3}
    assert risk.score == 55 + 20
    # a citizen booking twice for herself is nothing
    assert (
        s.score([], [s.Booking(1, DAY, 1, "0977", "me", True), s.Booking(2, DAY, 1, "0977", "me", False)])
        == []
    )


def test_precision_and_recall_count_subjects_and_brokers():
    risks = [
        s.Risk("submitter", "b1", 80),
        s.Risk("phone", "p1", 70),
        s.Risk("phone", "x", 65),
        s.Risk("email", "y", 10),
    ]
    owners = {("submitter", "b1"): "broker 1", ("phone", "p1"): "broker 1"}
    q = s.precision_recall(risks, owners, {"broker 1", "broker 2"})
    assert (q.flagged, q.true_positive) == (3, 2)
    assert round(q.precision, 3) == 0.667 and q.recall == 0.5
