"""Search by name, with or without diacritics, exact and prefix matches first."""

from datetime import date

import pytest

from motcua.units.errors import InvalidUnitQuery
from motcua.units.selectors import search_units


def names(query, **kwargs):
    return [(u.code, u.full_name) for u in search_units(query, **kwargs)]


@pytest.mark.parametrize("query", ["ba dinh", "Ba Đình", "BA ĐÌNH", "  ba   dinh ", "phuong ba dinh"])
def test_ba_dinh_finds_phuong_ba_dinh_first(units, query):
    assert names(query)[0] == ("00004", "Phường Ba Đình")


@pytest.mark.parametrize("query", ["dong da", "Đống Đa", "đống đa", "DONG DA"])
def test_dong_da_finds_dong_da_first(units, query):
    found = names(query)
    assert found[0] == ("00235", "Phường Đống Đa")
    # every result contains both words; those with the phrase itself ("Đồng Đăng"…) come first
    results = search_units(query, limit=100)
    assert all("dong" in u.search_name and "da" in u.search_name for u in results)
    phrase = ["dong da" in u.search_name for u in results]
    assert phrase == sorted(phrase, reverse=True) and phrase[0] and not phrase[-1]


def test_exact_name_ranks_before_prefix_and_word_matches(units):
    found = search_units("an phu")
    ranks = [u.rank for u in found]
    assert ranks == sorted(ranks)
    assert {u.search_short_name for u in found if u.rank == 0} == {"an phu"}
    assert found[0].search_short_name == "an phu"


def test_province_filter(units):
    assert names("ba dinh", province="38") == [("16171", "Xã Ba Đình")]
    assert names("ba dinh", province="01") == [("00004", "Phường Ba Đình")]


def test_provinces_come_before_communes_of_the_same_rank(units):
    found = search_units("ho chi minh", limit=5)
    assert (found[0].code, found[0].level) == ("79", "province")


def test_apostrophes_of_both_kinds(units):
    assert names("ea h'leo") == names("Ea H\u2019Leo") == [("24184", "Xã Ea H'Leo")]


def test_words_in_any_order_still_match(units):
    assert ("00004", "Phường Ba Đình") in names("dinh ba")


def test_search_at_a_past_date_finds_legacy_units(units):
    assert names("truc bach") == []
    assert names("truc bach", at=date(2025, 6, 30)) == [("00004", "Phường Trúc Bạch")]
    assert names("hai duong", level="province", at=date(2025, 6, 30)) == [("30", "Tỉnh Hải Dương")]


def test_level_filter_and_limit(units):
    found = search_units("phuong", level="commune", limit=7)
    assert len(found) == 7 and {u.level for u in found} == {"commune"}


@pytest.mark.parametrize(
    ("query", "limit"), [("", 20), ("a", 20), ("đ", 20), ("x" * 101, 20), ("ba dinh", 0)]
)
def test_invalid_queries(query, limit):
    with pytest.raises(InvalidUnitQuery) as error:
        search_units(query, limit=limit)
    assert error.value.code == "units.invalid_query"
