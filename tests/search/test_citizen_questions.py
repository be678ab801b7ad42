"""Search that speaks like citizens (issue #16): questions as people type them, on the real catalog.

Two files of questions with the national codes that answer them: citizen_questions.jsonl, used to tune
the vocabulary and the ranking weights, and citizen_holdout.jsonl, written before any tuning and never
tuned on (docs/decisions/0025). The figures: `motcua search evaluate tests/search/citizen_*.jsonl`.
"""

from pathlib import Path

import pytest

from motcua.search.evaluation import hit_rate, load_questions
from motcua.search.selectors import search_procedures

HERE = Path(__file__).parent
DEV = load_questions(HERE / "citizen_questions.jsonl")
HOLDOUT = load_questions(HERE / "citizen_holdout.jsonl")
TARGET_TOP3 = 0.95  # the issue's target, on every citizen question
HOLDOUT_TOP3_FLOOR = 0.85  # measured 88.9 % when the weights were chosen (ADR 0025)


def test_the_set_is_large_written_as_people_type_and_one_third_held_out():
    questions = DEV + HOLDOUT
    assert len(questions) >= 120
    assert len({q.text.lower() for q in questions}) == len(questions)
    assert len(HOLDOUT) * 3 >= len(questions) * 0.9  # about a third
    unaccented = [q for q in questions if q.text.isascii()]
    assert len(unaccented) >= 25  # typed without diacritics
    assert sum(len(q.text.split()) >= 8 for q in questions) >= 15  # whole questions, not keywords


@pytest.mark.usefixtures("indexed")
def test_every_expected_code_is_a_procedure_in_force():
    from motcua.search.models import ProcedureSearchDocument

    known = set(ProcedureSearchDocument.objects.values_list("code", flat=True))
    assert {code for q in DEV + HOLDOUT for code in q.codes} <= known


@pytest.mark.usefixtures("indexed")
def test_citizen_questions_find_their_procedure_in_the_top_three():
    dev, holdout, everything = hit_rate(DEV, "hybrid"), hit_rate(HOLDOUT, "hybrid"), None
    everything = (dev.top3 * dev.count + holdout.top3 * holdout.count) / (dev.count + holdout.count)
    print(f"\ncitizen dev: {dev}\ncitizen holdout: {holdout}\nall: top-3 {everything:.1%}")
    assert everything >= TARGET_TOP3, f"dev {dev}; holdout {holdout}; misses: {dev.misses + holdout.misses}"
    assert holdout.top3 >= HOLDOUT_TOP3_FLOOR, f"holdout {holdout}; misses: {holdout.misses}"


@pytest.mark.usefixtures("indexed")
def test_the_issue_example_brings_birth_registration_first():
    hits = search_procedures("con tôi mới sinh, làm giấy khai sinh ở đâu", limit=3)
    assert hits[0].code == "1.001193"


@pytest.mark.usefixtures("indexed")
def test_a_commune_point_gets_the_commune_procedure_and_the_province_its_own():
    # The identity card for a child exists at commune, province and ministry level.
    at_commune = search_procedures("làm căn cước cho con 6 tuổi", limit=3, level="commune")
    at_province = search_procedures("làm căn cước cho con 6 tuổi", limit=3, level="province")
    assert at_commune[0].code == "1.014062" and "commune" in at_commune[0].levels
    assert at_province[0].code == "1.012549" and "province" in at_province[0].levels


def test_a_reception_place_knows_its_level():
    from types import SimpleNamespace

    from motcua.search.selectors import place_level

    assert place_level(SimpleNamespace(kind="commune_point", is_commune_center=False)) == "commune"
    assert place_level(SimpleNamespace(kind="center", is_commune_center=True)) == "commune"  # two-tier
    assert place_level(SimpleNamespace(kind="center", is_commune_center=False)) == "province"
    assert place_level(SimpleNamespace(kind="branch", is_commune_center=False)) == "province"
