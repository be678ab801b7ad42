"""Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, tones after the
letters, numbers as numbers."""

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.collation import ALPHABET, sort_key, sorted_vi


def test_d_with_stroke_comes_after_d_not_after_y():
    names = ["Phường Yên Hòa", "Phường Đống Đa", "Phường Dịch Vọng", "Phường Cầu Giấy"]
    assert sorted_vi(names) == ["Phường Cầu Giấy", "Phường Dịch Vọng", "Phường Đống Đa", "Phường Yên Hòa"]


def test_o_circumflex_and_o_horn_follow_o():
    names = ["Xã Phú Xuyên", "Xã Ơn", "Xã Ô Diên", "Xã Oai"]
    assert sorted_vi(names) == ["Xã Oai", "Xã Ô Diên", "Xã Ơn", "Xã Phú Xuyên"]


def test_a_breve_and_a_circumflex_follow_a_and_u_horn_follows_u():
    assert sorted_vi(["Ân Thi", "Ăn", "An Khánh", "Ứng Hòa", "Uy Nỗ"]) == [
        "An Khánh",
        "Ăn",
        "Ân Thi",
        "Uy Nỗ",
        "Ứng Hòa",
    ]


def test_tones_count_only_between_equal_letters_in_dictionary_order():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted_vi(["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
    # the letters decide first: "Hạ Long" comes before "Hà Nam" (l before n), whatever the tones
    assert sorted_vi(["Hà Nam", "Hạ Long", "Hà Đông"]) == ["Hà Đông", "Hạ Long", "Hà Nam"]


def test_a_shorter_word_comes_first_and_numbers_compare_as_numbers():
    assert sorted_vi(["Anh Sơn", "An Phú"]) == ["An Phú", "Anh Sơn"]
    assert sorted_vi(["Chi nhánh 10", "Chi nhánh 2", "Chi nhánh 1"]) == [
        "Chi nhánh 1",
        "Chi nhánh 2",
        "Chi nhánh 10",
    ]


def test_decomposed_and_composed_text_sort_together():
    import unicodedata

    composed = "Đống Đa"
    assert sort_key(unicodedata.normalize("NFD", composed))[:3] == sort_key(composed)[:3]


vietnamese_words = st.text(alphabet=ALPHABET + ALPHABET.upper() + "àảãáạềểễếệòỏõóọ 0123456789", max_size=12)


@given(st.lists(vietnamese_words, max_size=8))
def test_the_order_is_total_and_stable(words):
    once = sorted_vi(words)
    assert sorted_vi(once) == once
    assert sorted_vi(list(reversed(words))) == once
