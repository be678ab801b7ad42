"""A person looks a procedure up in a real browser: types "khai sinh", sees instant results, opens the
birth registration and finds the documents to bring."""

import gzip
import json
import re

import pytest

from motcua.catalog import exchange, importer
from motcua.search import services as search_services
from tests.org.factories import Hanoi

pytestmark = pytest.mark.browser


@pytest.fixture
def birth_procedures(units_map, tmp_path):
    """The real records of every procedure about birth registration (a dozen, not the whole catalog: the
    live server flushes the database after each test), adopted by Hà Nội, with a small reception tree."""
    records = [r for r in importer.read_records() if "khai sinh" in r["name"].lower()]
    path = tmp_path / "khai-sinh.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    importer.import_catalog(path)
    exchange.adopt_national("01")
    Hanoi()
    search_services.reindex()
    return records


def test_typing_khai_sinh_shows_instant_results_and_the_checklist(page, live_server, birth_procedures):
    page.goto(live_server.url + "/thu-tuc/")
    assert page.locator("h1").inner_text() == "Thủ tục hành chính"
    page.locator("#procedure-q").press_sequentially("khai sinh", delay=30)
    results = page.locator("#procedure-results li")
    results.first.wait_for()
    assert page.url == live_server.url + "/thu-tuc/"  # instant: no page load
    names = results.locator(".proc-name").all_inner_texts()
    assert "Thủ tục đăng ký khai sinh" in names
    assert "1.001193 · Hộ tịch · Cấp xã" in results.filter(has_text="1.001193").inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True).click()
    assert page.url == live_server.url + "/thu-tuc/1.001193/?tinh=01"
    assert page.locator("h1").inner_text() == "Thủ tục đăng ký khai sinh"

    checklist = page.locator("#ho-so")
    # the source's "* Giấy tờ phải nộp / xuất trình" are sections (catalog ADR 0022): one list, no case heading
    assert checklist.locator("h3").count() == 0
    name = page.locator(".doc-name", has_text=re.compile("^Giấy chứng sinh"))
    birth_certificate = checklist.locator(".checklist li", has=name)
    assert birth_certificate.is_visible()
    assert "1 bản chính" in birth_certificate.locator(".badges").inner_text()
    birth_certificate.locator("label").click()  # the person ticks what they already have
    assert birth_certificate.locator("input[type=checkbox]").is_checked()
    where = page.locator("#noi-nop")
    assert "3 điểm tiếp nhận cấp xã" in where.inner_text()
