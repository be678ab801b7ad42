import pytest

from motcua.search.ranking import merge_lexical, normalized_blend, rerank


def test_blend_normalises_each_side_before_mixing():
    lexical = {"a": 20.0, "b": 10.0}  # bm25-like scale
    semantic = {"a": 0.80, "b": 0.90, "c": 0.85}  # cosine scale
    ranked = dict(normalized_blend(lexical, semantic, semantic_floor=0.80, alpha=0.5))
    assert ranked["a"] == pytest.approx(0.5 * 1.0 + 0.5 * 0.0)
    assert ranked["b"] == pytest.approx(0.5 * 0.5 + 0.5 * 1.0)
    assert ranked["c"] == pytest.approx(0.5 * 0.0 + 0.5 * 0.5)
    assert [item for item, _ in normalized_blend(lexical, semantic, semantic_floor=0.80)] == ["b", "a", "c"]


def test_alpha_one_is_the_lexical_order_and_zero_the_semantic_order():
    lexical = {"a": 3.0, "b": 2.0}
    semantic = {"a": 0.1, "b": 0.9}
    assert [i for i, _ in normalized_blend(lexical, semantic, semantic_floor=0.0, alpha=1.0)] == ["a", "b"]
    assert [i for i, _ in normalized_blend(lexical, semantic, semantic_floor=0.0, alpha=0.0)] == ["b", "a"]


def test_below_floor_is_clipped_and_ties_keep_first_seen_order():
    ranked = normalized_blend({}, {"x": 0.2, "y": 0.1, "z": 0.5}, semantic_floor=0.3, alpha=0.5)
    assert ranked[0] == ("z", pytest.approx(0.5))
    assert [item for item, _ in ranked[1:]] == ["x", "y"]  # both 0: input order


def test_empty_inputs_and_bad_alpha():
    assert normalized_blend({}, {}, semantic_floor=0.0) == []
    with pytest.raises(ValueError):
        normalized_blend({}, {}, semantic_floor=0.0, alpha=1.5)


def test_document_lists_add_at_most_their_share_of_the_best_title():
    title = [("a", 10.0), ("b", 9.0)]
    documents = [("b", 4.0), ("c", 2.0)]
    merged = dict(merge_lexical(title, documents, documents_share=0.2))
    assert merged == {"a": 10.0, "b": pytest.approx(9.0 + 2.0), "c": pytest.approx(1.0)}
    assert [item for item, _ in merge_lexical(title, documents, documents_share=0.2)] == ["b", "a", "c"]
    assert merge_lexical(title, [], documents_share=0.2) == title
    # No title match: the document lists still rank, on a scale where the best title would be 1.
    assert merge_lexical([], documents, documents_share=0.2) == [
        ("b", pytest.approx(0.2)),
        ("c", pytest.approx(0.1)),
    ]


def test_rerank_puts_adjustments_on_the_scale_of_the_best_score():
    ranked = [("re-issue", 30.0), ("plain", 27.0), ("rare", 3.0)]
    # A penalty for an unasked special case and a small popularity prior reorder close scores only.
    adjusted = rerank(ranked, {"re-issue": -0.25, "plain": 0.1, "rare": 0.1})
    assert [item for item, _ in adjusted] == ["plain", "re-issue", "rare"]
    assert dict(adjusted)["plain"] == pytest.approx(0.9 + 0.1)
    assert rerank([], {}) == []
    assert [i for i, _ in rerank([("a", 1.0), ("b", 1.0)], {})] == ["a", "b"]  # ties keep their order
