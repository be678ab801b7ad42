"""The review queue over the real national catalog: what the import flagged, counted per reason,
filtered by field, level, reason and status, fifty to a page; a procedure being fixed shows its draft."""

import re

import pytest
from django.urls import reverse

from motcua.catalog import review
from motcua.catalog.models import ProcedureVersion
from tests.catalog.review_fixtures import catalog_admin

QUEUE = "/can-bo/danh-muc/"


@pytest.fixture
def admin_client(client, national):
    client.force_login(catalog_admin())
    return client


def codes(page: str) -> list[str]:
    return re.findall(r'<td class="code"><a href="[^"]+">([^<]+)</a>', page)


def count_of(page: str, label: str) -> int:
    return int(re.search(rf'<span class="num">(\d+)</span> {label}', page).group(1))


def test_the_queue_counts_and_pages_what_the_import_flagged(admin_client):
    flagged = ProcedureVersion.objects.filter(needs_review=True, status="published").count()
    assert flagged > 100  # the real catalog: hundreds of procedures the parser could not read fully
    first = admin_client.get(QUEUE).content.decode()
    assert count_of(first, "thủ tục cần rà soát") == flagged
    assert count_of(first, "khớp bộ lọc") == flagged
    assert len(codes(first)) == review.PAGE_SIZE and codes(first) == sorted(codes(first))
    second = admin_client.get(QUEUE + "?trang=2").content.decode()
    assert len(codes(second)) == review.PAGE_SIZE and not set(codes(first)) & set(codes(second))
    assert f"Trang 2 / {-(-flagged // review.PAGE_SIZE)}" in second
    # Every reason chip counts the procedures it names, and filtering by it lists exactly those.
    chips = re.findall(r'ly-do=([a-z_]+)"[^>]*>([^<]+) <span class="num">(\d+)</span>', first)
    assert {"time_no_unit", "fee_no_information"} <= {code for code, _, _ in chips}
    labels = dict((code, label) for code, label, _ in chips)
    assert labels["time_no_unit"] == "Thời hạn chỉ có con số, mất đơn vị (ngày làm việc? ngày?)"
    for code, _, number in chips[:3]:
        page = admin_client.get(f"{QUEUE}?ly-do={code}").content.decode()
        assert count_of(page, "khớp bộ lọc") == int(number)


def test_filters_by_level_field_and_search(admin_client):
    communes = admin_client.get(QUEUE + "?cap=commune").content.decode()
    expected = review.queue_versions().filter(at_commune=True).count()
    assert 0 < count_of(communes, "khớp bộ lọc") == expected < count_of(communes, "thủ tục cần rà soát")
    civil = review.queue_versions().filter(field__name="Hộ tịch").first()
    page = admin_client.get(f"{QUEUE}?linh-vuc={civil.field_id}&cap=commune").content.decode()
    matching = review.queue_versions().filter(field_id=civil.field_id, at_commune=True).count()
    assert count_of(page, "khớp bộ lọc") == matching
    found = admin_client.get(f"{QUEUE}?q={civil.procedure.code}").content.decode()
    assert codes(found) == [civil.procedure.code]
    nothing = admin_client.get(f"{QUEUE}?q=9.999999").content.decode()
    assert "Không có thủ tục nào cần rà soát khớp bộ lọc này." in nothing


def test_a_procedure_being_fixed_is_listed_once_as_its_draft(admin_client):
    version = review.queue_versions().order_by("procedure__code").first()
    code = version.procedure.code
    response = admin_client.post(
        reverse("workspace:catalog-revise", kwargs={"code": code, "number": version.number})
    )
    assert response.status_code == 302
    page = admin_client.get(f"{QUEUE}?q={code}").content.decode()
    assert codes(page) == [code] and "Bản nháp" in page and f"v{version.number + 1}" in page
    drafts = admin_client.get(QUEUE + "?trang-thai=draft").content.decode()
    assert codes(drafts) == [code] and count_of(drafts, "bản nháp đang sửa") == 1
