"""The supervisors' explain page and the public transparency page, through the test client."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.dossiers.outbox import publish_pending
from motcua.index import public
from tests.index.test_counts import decided
from tests.twofactor import verified_login

from .conftest import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(world):
    on_time = decided(world, receive(world), "2026-03-03 15:00")
    late = decided(world, receive(world), "2026-03-30 09:00")  # due 5 March: late
    publish_pending()  # the worker delivers the events: the index reads the aggregates (ADR 0049)
    return on_time, late


def test_explain_lists_the_dossiers_behind_lost_points(client, world, month):
    on_time, late = month
    verified_login(client, world.supervisor)
    page = client.get(reverse("index:explain"), {"tu": "2026-03-01", "den": "2026-03-31"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tiến độ, kết quả giải quyết" in html and "không đo được" in html
    progress = html.split('id="g-tien_do_giai_quyet"')[1].split("</section>")[0]
    assert late.code in progress and on_time.code not in progress  # only the late one lost points
    assert reverse("workspace:dossier", args=[late.code]) in progress
    assert "Xếp hạng trong tỉnh" in html and "Ủy ban nhân dân xã Sóc Sơn" in html


def test_explain_shows_the_weekly_history_with_rank_changes(client, world, month):
    from datetime import date

    from motcua.index import services

    receive(world, when="2026-03-10 09:00")  # the week after has data too
    publish_pending()
    services.take_snapshot(date(2026, 3, 2))
    services.take_snapshot(date(2026, 3, 9))
    verified_login(client, world.supervisor)
    html = client.get(reverse("index:explain"), {"tu": "2026-03-01", "den": "2026-03-31"}).content.decode()
    history = html.split("Lịch sử xếp hạng theo tuần")[1]
    assert "02/03/2026" in history and "09/03/2026" in history and "=" in history  # rank 1 kept


def test_explain_for_a_period_without_dossiers(client, world, month):
    verified_login(client, world.supervisor)
    html = client.get(reverse("index:explain"), {"tu": "2025-01-01", "den": "2025-01-31"}).content.decode()
    assert "Chưa có dữ liệu" in html


def test_explain_bad_dates_read_as_a_message(client, world, month):
    verified_login(client, world.supervisor)
    html = client.get(reverse("index:explain"), {"tu": "2026-02-31"}).content.decode()
    assert "Ngày không hợp lệ" in html


def test_explain_is_for_supervisors_only(client, world, month):
    verified_login(client, world.officer)  # a reception officer
    assert client.get(reverse("index:explain")).status_code == 404
    verified_login(client, world.supervisor)
    assert client.get(reverse("index:explain"), {"don-vi": "tinh:79"}).status_code == 404  # not theirs


def test_public_page_needs_no_sign_in_and_is_served_from_the_cache(client, world, month, monkeypatch):
    cache.clear()
    from datetime import date

    monkeypatch.setattr(
        public, "period_ending_yesterday", lambda: public.Period(date(2026, 3, 1), date(2026, 3, 31))
    )
    url = reverse("index:public")
    first = client.get(url, {"tinh": world.province.code})
    html = first.content.decode()
    assert first.status_code == 200
    assert "Công khai kết quả phục vụ" in html and "Ủy ban nhân dân xã Sóc Sơn" in html
    assert "Phiếu xin lỗi" in html and "SIPAS" in html
    assert "50%" in html  # 1 of the 2 ended on time
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        second = client.get(url, {"tinh": world.province.code})
        elapsed = time.perf_counter() - started
    main = lambda r: r.content.decode().split("<main")[1]  # noqa: E731 (the header holds a fresh CSRF token)
    assert main(second) == main(first)
    assert not [q for q in queries.captured_queries if "dossier" in q["sql"].lower()]  # no recomputation
    assert len(queries.captured_queries) == 0  # an anonymous visitor's cache hit asks the database nothing
    assert elapsed < 0.1  # ≤ 20 ms measured in bench; generous here for a shared CI machine


def test_public_page_of_an_unknown_province_is_not_found(client, world):
    assert client.get(reverse("index:public"), {"tinh": "98"}).status_code == 404
    assert client.get(reverse("index:public"), {"tinh": "<script>"}).status_code == 404


def test_public_page_shows_ten_communes_and_folds_the_rest_away(client, world, month, monkeypatch):
    # Hà Nội has 126 communes: in one table that was a page 14,000 px long on a phone. Thirteen ranked
    # communes here: the real figures, with the one ranked commune repeated under other names.
    import dataclasses
    from datetime import date

    real = public.figures

    def figures(unit, period):
        data = real(unit, period)
        (first,) = [c for c in data["communes"] if c.rank]
        extra = [dataclasses.replace(first, name=f"Xã Thử {n:02d}", rank=2) for n in range(12)]
        return {**data, "communes": [first, *extra]}

    cache.clear()
    monkeypatch.setattr(public, "figures", figures)
    monkeypatch.setattr(
        public, "period_ending_yesterday", lambda: public.Period(date(2026, 3, 1), date(2026, 3, 31))
    )
    html = client.get(reverse("index:public"), {"tinh": world.province.code}).content.decode()
    section = html.split("Xã, phường, đặc khu</h2>")[1].split("Theo cơ quan giải quyết")[0]
    shown, folded = section.split('<details class="all-rows">')
    assert shown.count("<tr>") - 1 == 10 and folded.count("<tr>") - 1 == 3  # minus the header rows
    assert "Xem tất cả 13 xã, phường, đặc khu" in folded
    assert "Sóc Sơn" in shown and "Xã Thử 11" in folded
