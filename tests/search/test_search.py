"""Search behaviour on the real national catalog."""

from datetime import date, timedelta

import pytest

from motcua.catalog import services as catalog_services
from motcua.catalog.models import Procedure
from motcua.search import services
from motcua.search.errors import InvalidQuery, InvalidSearchParameter
from motcua.search.models import ProcedureSearchDocument
from motcua.search.selectors import MAX_LIMIT, search_procedures
from motcua.units.models import AdministrativeUnit

pytestmark = pytest.mark.usefixtures("indexed")


def codes(query, **kwargs):
    return [hit.code for hit in search_procedures(query, **kwargs)]


def test_unaccented_words_find_the_accented_name():
    assert codes("dang ky khai sinh", limit=3, mode="lexical")[0] == "1.001193"
    assert codes("ĐĂNG KÝ KHAI SINH", limit=3, mode="lexical")[0] == "1.001193"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("làm sổ đỏ", {"1.013978", "1.012753"}),
        ("làm lại căn cước bị mất", {"1.014064", "2.001194", "1.000757"}),
        ("xin giấy phép lái xe quốc tế", {"3.000353"}),
    ],
)
def test_plain_questions_find_their_procedure_in_the_top_three(question, expected):
    assert expected.intersection(codes(question, limit=3))


def test_semantic_mode_understands_a_question_without_shared_words():
    # "qua đời" (passed away) shares no word with "khai tử" (death registration): only meaning links them.
    hits = search_procedures("người nhà vừa qua đời", limit=3, mode="semantic")
    assert any("khai tử" in hit.name for hit in hits), [hit.name for hit in hits]


def test_document_lists_are_indexed_in_memory():
    from motcua.search import snapshot

    state = snapshot.current()
    birth = state.positions[ProcedureSearchDocument.objects.get(code="1.001193").pk]
    found = dict(state.document_list_scores(["roi"]))  # "trẻ bị bỏ rơi": only in its document list
    assert int(state.ids[birth]) in found
    assert 0 < state.share("roi") < 0.05
    assert state.share("ban") > 0.5  # "bản chính", "bản sao": everywhere, left out of queries


def test_hits_carry_what_a_result_list_shows():
    hit = search_procedures("đăng ký khai sinh", limit=1)[0]
    assert (hit.code, hit.name, hit.field_name) == ("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch")
    assert hit.levels == ("commune",)
    assert hit.version_id == Procedure.objects.get(code="1.001193").versions.get().pk
    assert hit.score > 0


def test_limit_and_ordering():
    hits = search_procedures("giấy phép", limit=7)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.code for h in hits}) == 7


def test_a_national_code_comes_first():
    assert codes("2.000635", limit=2)[0] == "2.000635"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 301])
def test_empty_or_too_long_query_is_refused(bad):
    with pytest.raises(InvalidQuery) as error:
        search_procedures(bad)
    assert error.value.code == "search.invalid_query"


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"limit": MAX_LIMIT + 1}, {"mode": "fuzzy"}])
def test_bad_parameters_are_refused(kwargs):
    with pytest.raises(InvalidSearchParameter):
        search_procedures("khai sinh", **kwargs)


def test_only_filler_words_still_returns_semantic_results():
    assert codes("tôi muốn hỏi", limit=3, mode="lexical") == []
    assert len(codes("tôi muốn hỏi", limit=3, mode="hybrid")) == 3


def test_a_version_is_not_found_after_its_window_ends():
    procedure = Procedure.objects.get(code="1.001193")
    current = procedure.versions.get()
    successor = catalog_services.create_draft(procedure=procedure, from_version=current)
    ends = date.today() + timedelta(days=10)
    catalog_services.publish(version=successor, valid_from=ends)  # ends `current` on that day
    services.reindex(version_ids=[current.pk])

    assert "1.001193" in codes("đăng ký khai sinh", limit=10)
    assert "1.001193" not in codes("đăng ký khai sinh", limit=10, on=ends)


def test_province_filter_keeps_adopted_procedures_only():
    hanoi = AdministrativeUnit.objects.create(
        code="01",
        level="province",
        kind="thanh_pho_tw",
        name="Hà Nội",
        full_name="Thành phố Hà Nội",
        province_code="01",
        valid_from=date(2025, 7, 1),
    )
    for code in ("1.001193", "1.000656"):
        catalog_services.adopt(province=hanoi, procedure=Procedure.objects.get(code=code))
    for mode in ("lexical", "semantic", "hybrid"):
        assert set(codes("đăng ký khai sinh", limit=10, province="01", mode=mode)) <= {"1.001193", "1.000656"}
    assert codes("đăng ký khai sinh", limit=1, province="01")[0] == "1.001193"
    with pytest.raises(InvalidSearchParameter):
        search_procedures("khai sinh", province="99")
