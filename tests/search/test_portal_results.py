"""The portal's catalog search page (/thu-tuc/?q=): what a citizen sees in each result.

The home page's search box (another team's) posts to this URL with `q`: the URL and the parameter stay.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("indexed")


def test_the_search_url_and_its_parameter_are_stable():
    assert reverse("portal:catalog") == "/thu-tuc/"


def test_each_result_shows_time_limit_fee_and_online(client):
    response = client.get("/thu-tuc/", {"q": "con tôi mới sinh, làm giấy khai sinh ở đâu"})
    assert response.status_code == 200
    first = response.context["hits"][0]
    assert first["code"] == "1.001193"
    assert (first["facts"].fee, first["facts"].online) == ("Miễn phí", True)
    html = response.content.decode()
    assert "Thời hạn:</b> Trong ngày" in html  # Luật Hộ tịch Art. 16: decided the same working day
    assert "Phí:</b> Miễn phí" in html
    assert '<span class="badge online">Nộp trực tuyến được</span>' in html


def test_a_commune_point_asks_with_cap_xa_and_keeps_it_in_the_form(client):
    response = client.get("/thu-tuc/", {"q": "cấp lại thẻ căn cước", "cap": "xa"})
    assert response.context["hits"][0]["code"] == "1.014064"
    html = response.content.decode()
    assert '<input type="hidden" name="cap" value="xa">' in html
    assert 'data-level="commune"' in html
    # An unknown level is ignored, not an error.
    assert client.get("/thu-tuc/", {"q": "căn cước", "cap": "huyen"}).context["search_level"] == ""


def test_the_english_page_translates_the_facts(client):
    response = client.get("/thu-tuc/", {"q": "đăng ký kết hôn"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Can be submitted online" in html or "Not available online" in html


def test_the_province_s_own_fee_and_its_adoption_decide_what_a_result_says():
    from motcua.catalog import services as catalog
    from motcua.catalog.models import FeeKind, Procedure
    from motcua.search.facts import facts_for
    from motcua.search.models import ProcedureSearchDocument
    from tests.org.factories import province

    hanoi = province("01", "Hà Nội")
    marriage = Procedure.objects.get(code="1.000894")  # free in the national catalog
    catalog.adopt(province=hanoi, procedure=marriage, fee_kind=FeeKind.AMOUNT, fee_amount=50_000)
    adopted = ProcedureSearchDocument.objects.get(code="1.000894").version_id
    not_adopted = ProcedureSearchDocument.objects.get(code="1.001193").version_id

    facts = facts_for([adopted, not_adopted], "01")
    assert (facts[adopted].fee, facts[adopted].fee_amount, facts[adopted].online) == (
        "50.000 đồng",
        50_000,
        True,
    )
    assert facts[not_adopted].online is False  # Hà Nội has not adopted it: its portal cannot take it
    national = facts_for([adopted], None)[adopted]
    assert (national.fee, national.online) == ("Miễn phí", True)
