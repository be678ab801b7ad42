"""The public catalog pages on the real national catalog (2,849 procedures), adopted by Hà Nội and Hải
Phòng, with a small reception tree in each (tests/org/factories.py)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from motcua.catalog import display, exchange, importer, services
from motcua.catalog.models import Field, Procedure, RequiredDocument
from motcua.org.models import Agency, Counter, ReceptionPlace
from motcua.search import services as search_services
from motcua.search.models import ProcedureSearchDocument
from tests.catalog.conftest import wipe_catalog
from tests.org.factories import HaiPhong, Hanoi

pytestmark = pytest.mark.django_db

KHAI_SINH = "1.001193"  # Thủ tục đăng ký khai sinh (commune level, free)
BAN_SAO = "2.000908"  # Thủ tục cấp bản sao từ sổ gốc (every level, "1 Ngày làm việc")
DAU_GIA = "1.000802"  # Cấp lại Chứng chỉ hành nghề đấu giá (provincial, 500,000 VND)
# Đăng ký lại khai tử: fee set by the provincial People's Council (1.000656 is curated, ADR 0023: free on time).
KHAI_TU = "1.005461"
MINISTRY_ONLY = "1.000010"  # ministry level: not adopted by any province


def Term(**values):  # noqa: N802 - reads like the ChannelTerm it stands for
    """A channel term's values, as the display functions read them."""
    defaults = {
        "time_unit": "unknown",
        "time_value": None,
        "time_text": "",
        "fee_kind": "unknown",
        "fee_amount": None,
        "fee_currency": "VND",
        "fee_text": "",
    }
    return SimpleNamespace(**(defaults | values))


@pytest.fixture(scope="module")
def catalog_pages(units_loaded, django_db_blocker):
    """Import, adopt, build the reception trees and index once for this module; remove it all after."""
    with django_db_blocker.unblock():
        importer.import_catalog()
        exchange.adopt_national("01")
        exchange.adopt_national("31")
        with transaction.atomic():
            hanoi, haiphong = Hanoi(), HaiPhong()
        search_services.reindex()
    yield {"hanoi": hanoi, "haiphong": haiphong}
    with django_db_blocker.unblock(), transaction.atomic():
        ProcedureSearchDocument.objects.all().delete()
        wipe_catalog()
        with connection.cursor() as cursor:
            for model in (Counter, Agency, ReceptionPlace):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 (table names from models)


@pytest.fixture
def pages(catalog_pages, db):
    return catalog_pages


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def test_catalog_home_browses_hanoi_by_level_and_field(client, pages):
    response = client.get(reverse("portal:catalog"))
    assert response.status_code == 200
    assert response.context["province"].code == "01"
    levels = response.context["overview"]["levels"]
    assert (
        levels["total"] == 1696
    )  # every provincial- and commune-level procedure in force (1.001776 curated)
    assert levels["province"] > levels["commune"] > 400
    fields = {f["name"]: f for f in response.context["overview"]["fields"]}
    assert fields["Hộ tịch"]["count"] >= 20
    assert sum(f["count"] for f in fields.values()) == levels["total"]
    html = text_of(response)
    assert "Thành phố Hà Nội đang áp dụng 1.696 thủ tục" in html
    assert reverse("portal:catalog-field", args=[fields["Hộ tịch"]["id"]]) + "?tinh=01" in html
    assert 'href="/thu-tuc/cap/xa/?tinh=01"' in html


def test_search_without_diacritics_finds_the_birth_registration(client, pages):
    response = client.get(reverse("portal:catalog"), {"q": "dang ky khai sinh", "tinh": "01"})
    hits = response.context["hits"]
    assert hits[0]["name"] == "Thủ tục đăng ký khai sinh"
    assert hits[0]["code"] == KHAI_SINH
    assert hits[0]["levels"] == ["Cấp xã"]
    assert f'href="/thu-tuc/{KHAI_SINH}/?tinh=01">Thủ tục đăng ký khai sinh</a>' in response.content.decode()


def test_the_instant_results_come_from_the_same_search_as_the_page(client, pages):
    page = client.get(reverse("portal:catalog"), {"q": "khai sinh", "tinh": "31"})
    api = client.get(reverse("procedure-search"), {"q": "khai sinh", "province": "31", "limit": 10})
    assert [h["code"] for h in page.context["hits"][:10]] == [h["code"] for h in api.json()["results"]]
    html = page.content.decode()
    assert 'data-api="/api/v1/procedures/search"' in html
    assert 'data-province="31"' in html


def test_a_too_long_query_gets_a_vietnamese_message(client, pages):
    response = client.get(reverse("portal:catalog"), {"q": "khai sinh " * 40})
    assert response.status_code == 200
    assert response.context["hits"] == []
    assert response.context["error"]


def test_an_unknown_province_falls_back_to_hanoi_and_says_so(client, pages):
    response = client.get(reverse("portal:catalog"), {"tinh": "99"})
    assert response.context["province"].code == "01"
    assert "Chưa có danh mục thủ tục của tỉnh, thành phố có mã “99”" in text_of(response)


def test_field_page_lists_and_filters_by_level_with_pages(client, pages):
    field = Field.objects.get(name="Hộ tịch")
    url = reverse("portal:catalog-field", args=[field.pk])
    response = client.get(url, {"tinh": "01"})
    assert response.status_code == 200
    counts = response.context["level_counts"]
    assert response.context["page"].paginator.count == counts["total"] >= 20
    codes = [row["code"] for row in response.context["rows"]]
    assert codes == sorted(codes) and len(codes) == 25
    assert "Thời hạn:" in text_of(response)
    commune = client.get(url, {"tinh": "01", "cap": "xa"})
    assert commune.context["page"].paginator.count == counts["commune"]
    assert all("Cấp xã" in row["levels"] for row in commune.context["rows"])


def test_level_page_is_paginated(client, pages):
    url = reverse("portal:catalog-level", args=["xa"])
    first = client.get(url, {"tinh": "01"})
    second = client.get(url, {"tinh": "01", "trang": 2})
    assert first.context["page"].paginator.num_pages > 2
    assert len(first.context["rows"]) == 25
    assert {r["code"] for r in first.context["rows"]}.isdisjoint({r["code"] for r in second.context["rows"]})
    assert "?tinh=01&amp;trang=2" in first.content.decode()
    assert client.get(reverse("portal:catalog-level", args=["bo"])).status_code == 404


def test_birth_registration_page_in_hanoi(client, pages):
    response = client.get(reverse("portal:procedure", args=[KHAI_SINH]), {"tinh": "01"})
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Thủ tục đăng ký khai sinh</h1>" in html
    assert "1.001193" in html and "Hộ tịch" in html and "Cấp xã" in html
    assert "Ủy ban nhân dân xã, phường, đặc khu" in html  # competent agency, from the level
    # Channels: the source says only "1"; its steps say the same working day (catalog ADR 0022).
    terms = response.context["terms"]
    assert [t["label"] for t in terms] == ["Nộp trực tiếp", "Nộp trực tuyến", "Gửi qua bưu chính"]
    assert all(t["fee"].text == "Miễn phí" for t in terms)
    assert terms[0]["time"].text == "Trong ngày"
    # The checklist: the source's "* Giấy tờ phải nộp / xuất trình" are sections, one common group.
    titles = [group["title"] for group in response.context["checklist"]]
    assert titles == [""]
    first_case = response.context["checklist"][0]["documents"]
    birth_certificate = next(d for d in first_case if d["name"].startswith("Giấy chứng sinh"))
    assert birth_certificate["copies"] == ["1 bản chính"] and birth_certificate["required"]
    assert "Giấy khai sinh" in html  # the result
    # Where: a commune-level procedure goes to the commune points of Hà Nội's small tree.
    assert "Nộp tại nơi tiếp nhận của xã, phường, đặc khu nơi bạn cư trú." in html
    assert "3 điểm tiếp nhận cấp xã" in html
    assert "Điểm tiếp nhận phường Ba Đình" in html
    assert "Chi nhánh số 1" not in html
    # Offered online here: the site's own button, not a detour through the national portal.
    assert reverse("portal:submit-start", args=[KHAI_SINH]) in html
    assert "dichvucong.gov.vn" not in html and "Cổng Dịch vụ công quốc gia" not in html


def test_a_procedure_of_every_level_in_two_tier_haiphong(client, pages):
    response = client.get(reverse("portal:procedure", args=[BAN_SAO]), {"tinh": "31"})
    html = text_of(response)
    assert response.context["terms"][0]["time"].text == "1 ngày làm việc"
    assert "Nơi nộp hồ sơ tại Thành phố Hải Phòng" in html
    assert "1 trung tâm · 2 trung tâm cấp xã" in html
    assert "Tùy trường hợp, thủ tục do cấp tỉnh hoặc cấp xã giải quyết" in html
    assert "Cơ quan, tổ chức đang quản lý sổ gốc" in html  # the agency, verbatim from the source


def test_fees_in_plain_words(client, pages):
    auction = client.get(reverse("portal:procedure", args=[DAU_GIA]))
    fee = auction.context["terms"][0]["fee"]
    assert (fee.text, fee.verbatim) == ("500.000 đồng", "")  # "500,000 Việt Nam Đồng" says nothing more
    assert "10 ngày làm việc" in text_of(auction)
    death = client.get(reverse("portal:procedure", args=[KHAI_TU]))
    fee = death.context["terms"][0]["fee"]
    assert fee.text == "Theo quy định của HĐND tỉnh"
    assert fee.verbatim.startswith("Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh")


def test_boundary_free_adoption_with_its_own_agency_opens_every_place(client, pages):
    hanoi = pages["hanoi"]
    services.adopt(
        province=hanoi.province,
        procedure=Procedure.objects.get(code=KHAI_SINH),
        boundary_free=True,
        agency=hanoi.committee_ba_dinh,
        fee_kind="amount",
        fee_amount=8000,
    )
    response = client.get(reverse("portal:procedure", args=[KHAI_SINH]), {"tinh": "01"})
    html = text_of(response)
    assert "Nộp tại bất kỳ chi nhánh, điểm phục vụ nào trong tỉnh" in html
    assert "1 trung tâm · 2 chi nhánh · 3 điểm tiếp nhận cấp xã" in html
    assert "Ủy ban nhân dân phường Ba Đình" in html
    assert response.context["terms"][0]["fee"].text == "8.000 đồng"


def test_a_procedure_the_province_has_not_adopted(client, pages):
    response = client.get(reverse("portal:procedure", args=[MINISTRY_ONLY]), {"tinh": "01"})
    assert response.status_code == 200
    assert "Thành phố Hà Nội chưa công bố áp dụng thủ tục này" in text_of(response)
    assert response.context["where"]["total"] == 0


def test_unknown_code_gets_a_vietnamese_404(client, pages):
    response = client.get(reverse("portal:procedure", args=["9.999999"]))
    assert response.status_code == 404
    html = text_of(response)
    assert "Không tìm thấy trang bạn cần" in html
    assert "Không có thủ tục nào mang mã “9.999999”." in html
    assert client.get(reverse("portal:catalog-field", args=[999999])).status_code == 404


def test_a_form_template_is_downloadable_when_present(client, pages, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = RequiredDocument.objects.get(
        version__procedure__code=KHAI_SINH, name__startswith="Tờ khai đăng ký khai sinh theo mẫu"
    )
    document.template_name = "To khai dang ky khai sinh.docx"
    document.template.save("tk-khai-sinh.docx", ContentFile(b"PK\x03\x04 form"), save=True)
    page = client.get(reverse("portal:procedure", args=[KHAI_SINH]))
    url = reverse("portal:procedure-form", args=[KHAI_SINH, document.pk])
    assert f'href="{url}" download' in page.content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"PK\x03\x04 form"
    assert 'filename="To khai dang ky khai sinh.docx"' in download["Content-Disposition"]
    other = RequiredDocument.objects.filter(version__procedure__code=BAN_SAO).first()
    assert client.get(reverse("portal:procedure-form", args=[KHAI_SINH, other.pk])).status_code == 404


def test_english_is_the_second_language(client, pages):
    home = client.get(reverse("portal:catalog"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in home.content.decode()
    assert "Administrative procedures" in text_of(home)
    page = client.get(reverse("portal:procedure", args=[DAU_GIA]), HTTP_ACCEPT_LANGUAGE="en")
    html = text_of(page)
    assert "Documents to prepare" in html
    assert "10 working days" in html and "500,000 dong" in html


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_pages_take_a_fixed_number_of_queries(client, pages, django_assert_max_num_queries):
    client.get(reverse("portal:catalog"), {"q": "khai sinh"})  # warm the search's vector cache
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:catalog"), {"q": "dang ky khai sinh"})
    with django_assert_max_num_queries(6):
        client.get(reverse("portal:catalog"))
    big, small = Field.objects.get(name="Hộ tịch"), Field.objects.get(name="Chứng thực")
    field_counts = {
        _queries(client, reverse("portal:catalog-field", args=[field.pk]), {"tinh": "01"})
        for field in (big, small)
    }
    level_counts = {
        _queries(client, reverse("portal:catalog-level", args=["tinh"]), {"trang": n}) for n in (1, 30)
    }
    detail_counts = {
        _queries(client, reverse("portal:procedure", args=[code]), {"tinh": province})
        for code, province in ((KHAI_SINH, "01"), (BAN_SAO, "31"), (DAU_GIA, "01"))
    }
    assert len(field_counts) == len(level_counts) == len(detail_counts) == 1  # same whatever the size
    assert max(field_counts) <= 8 and max(level_counts) <= 8 and max(detail_counts) <= 14


def test_the_nav_links_the_catalog_from_every_page(client, pages):
    assert 'href="/thu-tuc/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("term", "vi", "en"),
    [
        (Term(time_unit="working_days", time_value=Decimal("3.00")), "3 ngày làm việc", "3 working days"),
        (Term(time_unit="working_days", time_value=Decimal("1.00")), "1 ngày làm việc", "1 working day"),
        (
            Term(time_unit="working_hours", time_value=Decimal("0.50")),
            "0,5 giờ làm việc",
            "0.5 working hours",
        ),
        (Term(time_unit="same_day", time_text="Trong ngày"), "Trong ngày", "Same day"),
        (Term(time_unit="not_regulated"), "Không quy định thời hạn", "No time limit set"),
        (Term(time_text="5"), "5", "5"),
        (Term(), "Chưa có thông tin", "Not known yet"),
    ],
)
def test_time_limits_in_plain_words(term, vi, en):
    with translation.override("vi"):
        assert display.time_limit(term).text == vi
    with translation.override("en"):
        assert display.time_limit(term).text == en


def test_unreadable_source_text_is_shown_as_published_with_a_note():
    phrase = display.time_limit(Term(time_text=" 5 "))
    assert (phrase.text, phrase.as_published) == ("5", True)
    assert "không nói rõ đơn vị" in phrase.note
    fee = display.fee(Term(fee_text="Thu theo Thông tư 85/2019/TT-BTC"))
    assert (fee.text, fee.as_published) == ("Thu theo Thông tư 85/2019/TT-BTC", True)


@pytest.mark.parametrize(
    ("term", "text", "verbatim"),
    [
        (Term(fee_kind="free", fee_amount=0, fee_text="Miễn phí"), "Miễn phí", ""),
        (Term(fee_kind="amount", fee_amount=50000, fee_text="50.000 đồng"), "50.000 đồng", ""),
        (Term(fee_kind="amount", fee_amount=500000, fee_text="500,000 Việt Nam Đồng"), "500.000 đồng", ""),
        (
            Term(fee_kind="amount", fee_amount=10, fee_currency="USD", fee_text="10 USD(10 USD/người)"),
            "10 USD",
            "10 USD(10 USD/người)",
        ),
        (
            Term(fee_kind="province", fee_text="Do HĐND tỉnh quy định"),
            "Theo quy định của HĐND tỉnh",
            "Do HĐND tỉnh quy định",
        ),
    ],
)
def test_fees_say_the_amount_and_keep_what_the_source_adds(term, text, verbatim):
    with translation.override("vi"):
        phrase = display.fee(term)
    assert (phrase.text, phrase.verbatim) == (text, verbatim)


def test_a_long_list_marks_time_limits_it_shows_as_published(client, pages):
    # Civil status times are read since catalog ADR 0022; customs keeps bare numbers ("120")
    field = Field.objects.get(name="Hải quan")
    response = client.get(reverse("portal:catalog-field", args=[field.pk]))
    assert "(theo nguyên văn, chưa rõ đơn vị)" in text_of(response)
