"""The citizen vocabulary (src/motcua/search/data/citizen_vocabulary.toml): the file is valid, and a
question is read the way a person at the counter would read it."""

import pytest

from motcua.search import vocabulary
from motcua.search.text import analyze

VOCABULARY = vocabulary.load()


def _asked(query: str) -> set[str]:
    """The first name phrase of each qualifier the query asks for ("cap lai", "xoa" ...)."""
    return {" ".join(t.folded for t in VOCABULARY.qualifiers[i].in_name[0]) for i in analyze(query).asked}


def test_every_entry_says_why_and_maps_to_catalog_words():
    assert len(VOCABULARY.words) >= 60
    for word in VOCABULARY.words:
        assert word.why.strip() and word.say
    for qualifier in VOCABULARY.qualifiers:
        assert qualifier.kind in vocabulary.KINDS and qualifier.why.strip() and qualifier.in_name


def test_a_broken_entry_is_refused_with_its_number():
    with pytest.raises(vocabulary.VocabularyError, match="word #1"):
        vocabulary.parse({"word": [{"say": ["sổ đỏ"], "means": "giấy chứng nhận"}]})
    with pytest.raises(vocabulary.VocabularyError, match="qualifier #1"):
        vocabulary.parse({"qualifier": [{"kind": "maybe", "in_name": ["cấp lại"], "why": "x"}]})


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("so do", ["sổ đỏ"]),
        ("SỔ HỒNG", ["sổ hồng"]),
        ("lam cccd", ["làm cccd"]),
        ("giay phep lai xe", []),  # already the catalog's words
        ("bằng lái xe", ["bằng lái xe"]),  # the longest phrase wins over "bằng lái"
        ("xin e-visa", ["evisa"]),  # hyphens are ignored
        ("hộ kinh doanh", ["hộ kinh doanh"]),
        ("lý lịch tư pháp", ["lý lịch tư pháp"]),
        ("xác nhận sơ yếu lý lịch", ["xác nhận sơ yếu lý lịch"]),  # a CV, not a criminal record
        ("nộp nghĩa vụ tài chính", ["nộp nghĩa vụ tài chính"]),  # land levy, not military service
    ],
)
def test_everyday_phrases_are_found_with_or_without_accents(typed, said):
    assert [match.said for match in VOCABULARY.match(typed)] == said


def test_a_person_who_died_is_not_a_lost_paper():
    # "mất" alone is a lost paper (re-issue); "bố mất" is a death: the longer phrase is read first.
    assert analyze("bố mất rồi làm giấy báo tử thế nào").synonyms == ("bố mất", "giấy báo tử")
    assert "cap lai" not in _asked("bố mất rồi làm giấy báo tử thế nào")
    assert "cap lai" in _asked("sổ đỏ bị mất")


def test_accents_typed_are_respected_and_missing_accents_match_any():
    # "lái" (drive) is not "lại" (again); typed without accents, "lai" may be either.
    assert "cap lai" not in _asked("đổi giấy phép lái xe")
    assert "cap lai" in _asked("xin cấp lại giấy phép")
    assert "cap lai" in _asked("cap lai giay phep")
    # Where the tone mark sits does not matter.
    assert vocabulary.tokens("hoà giải") == vocabulary.tokens("hòa giải")


def test_names_carry_their_qualifiers_and_a_plain_question_asks_for_none():
    plain = analyze("làm giấy khai sinh")
    regular = VOCABULARY.in_name("Thủ tục đăng ký khai sinh")
    again = VOCABULARY.in_name("Thủ tục đăng ký lại khai sinh")
    mobile_foreign = VOCABULARY.in_name("Thủ tục đăng ký khai sinh có yếu tố nước ngoài lưu động")
    assert VOCABULARY.unasked(regular, plain.asked) == 0
    assert VOCABULARY.unasked(again, plain.asked) == 1
    assert VOCABULARY.unasked(mobile_foreign, plain.asked) == 2  # two special cases, none asked
    assert VOCABULARY.unasked(again, analyze("mất giấy khai sinh làm lại").asked) == 0
    assert VOCABULARY.unasked(mobile_foreign, analyze("khai sinh cho con lấy chồng Hàn Quốc").asked) == 1
