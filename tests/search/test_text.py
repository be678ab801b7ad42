from motcua.search.text import (
    MAX_QUERY_LENGTH,
    analyze,
    document_text,
    fts5_match,
    matched_synonyms,
    pg_tsquery,
)


def test_diacritics_and_d_are_folded_the_same_with_or_without_accents():
    assert (
        analyze("Đăng ký khai sinh").terms
        == analyze("dang ky khai sinh").terms
        == (
            "dang",
            "ky",
            "khai",
            "sinh",
        )
    )


def test_filler_words_are_dropped_but_kept_in_adjacent_pairs():
    query = analyze("tôi muốn làm thẻ căn cước thì cần gì")
    assert query.terms == ("the", "can", "cuoc")
    assert ("can", "cuoc") in query.phrases
    assert ("thi", "can") not in query.phrases  # both words are fillers


def test_unaccented_words_that_fold_like_a_filler_are_kept():
    # "dang" may be "đăng" (register), "chua" may be "chữa" (treat): without accents we cannot tell.
    assert analyze("dang ky thuong tru").terms[0] == "dang"
    assert "chua" in analyze("giay phep kham chua benh").terms
    # With accents the filler is recognised.
    assert analyze("tôi đang cần đăng ký").terms == ("dang", "ky")


def test_everyday_words_add_the_official_terms():
    query = analyze("thế chấp sổ đỏ")
    assert matched_synonyms("thế chấp sổ đỏ") == ["thế chấp", "sổ đỏ"]
    assert {"giay", "chung", "nhan", "quyen", "su", "dung", "dat", "bien", "phap", "bao", "dam"} <= set(
        query.extra_terms
    )
    assert query.semantic_text == (
        "thế chấp sổ đỏ (đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, giấy chứng nhận quyền sử dụng đất)"
    )
    assert analyze("so do bi mat").synonyms == ("sổ đỏ", "bị mất")
    assert analyze("đăng ký khai sinh").synonyms == ()


def test_synonyms_match_whole_words_only():
    assert matched_synonyms("visa") == ["visa"]
    assert matched_synonyms("xin e-visa") == ["evisa"]  # hyphens are ignored
    assert matched_synonyms("evisas") == []


def test_national_code_is_recognised():
    assert analyze(" 1.001193 ").code == "1.001193"
    assert analyze("thủ tục 1.001193").code is None


def test_full_text_expressions_quote_every_term_and_pair():
    query = analyze("khai sinh")
    assert query.items == (("khai",), ("sinh",), ("khai", "sinh"))
    assert fts5_match(query.items) == '"khai" OR "sinh" OR "khai sinh"'
    assert pg_tsquery(query.items) == "khai | sinh | (khai <-> sinh)"
    assert pg_tsquery(query.items, "A") == "khai:A | sinh:A | (khai:A <-> sinh:A)"


def test_query_made_only_of_fillers_has_nothing_to_match():
    query = analyze("tôi muốn hỏi")
    assert query.terms == ()
    assert query.items == ()


def test_document_text_keeps_words_only():
    assert document_text("Cấp Giấy chứng nhận (GCN) – lần đầu;", "Đất đai") == (
        "cap giay chung nhan gcn lan dau dat dai"
    )


def test_query_length_limit_is_generous_for_questions():
    assert MAX_QUERY_LENGTH >= 200
