"""Officers and staffing, and the report page: who did what in March 2026, how many officers branch 1
needs at 9 o'clock from four days of queue tickets, and the report downloads; closed to a counter officer."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.queueing.models import QueueService, Ticket
from motcua.supervision import erlang, staffing
from tests.dossiers.factories import at
from tests.workspace.conftest import signed_in

from .conftest import receive

MARCH = (at("2026-03-01 00:00"), at("2026-04-01 00:00"))


def _assigned(world, when):
    d = receive(world, when=when)
    return services.assign(
        d, actor=world.specialist, version=d.version, assignee=world.specialist, at=at(when)
    )


def test_each_officer_s_month_and_the_balance_of_the_load(world):
    early = _assigned(world, "2026-03-02 09:00")
    Dossier.objects.filter(pk=early.pk).update(status="returned", finished_at=at("2026-03-02 15:00"))
    late = _assigned(world, "2026-02-20 09:00")
    Dossier.objects.filter(pk=late.pk).update(status="returned", finished_at=at("2026-03-03 10:00"))
    _assigned(world, "2026-03-03 09:00")  # still held
    waiting = _assigned(world, "2026-03-03 10:00")
    services.request_supplement(
        waiting,
        actor=world.specialist,
        version=waiting.version,
        items=["Bản sao"],
        reason="Thiếu",
        at=at("2026-03-03 11:00"),
    )
    receive(world, officer=world.officer2, when="2026-03-04 09:00")  # received by another officer, unassigned
    other = receive(world, officer=world.officer2, when="2026-03-04 10:00")
    services.assign(
        other,
        actor=world.specialist2,
        version=other.version,
        assignee=world.specialist2,
        at=at("2026-03-04 10:00"),
    )

    result = staffing.officers(world.supervisor, *MARCH)
    lines = {o.name: o for o in result.lines}
    em, giang = lines["Hoàng Văn Em"], lines["Vũ Thị Giang"]
    assert (em.processed, em.early, em.on_time, em.late, em.supplements, em.load) == (2, 1, 0, 1, 1, 2)
    assert giang.load == 1 and giang.processed == 0
    assert lines["Trần Thị Bình"].received == 3  # the February one is not March's
    assert lines["Lê Văn Cường"].received == 2
    assert result.balance.officers == 2 and result.balance.mean == pytest.approx(1.5)
    assert result.balance.heaviest == "Hoàng Văn Em" and result.balance.spread == pytest.approx(1 / 3)


@pytest.fixture
def four_mornings(world):
    service = QueueService.objects.create(
        place=world.point_ba_dinh, code="ho-tich", prefix="A", name="Hộ tịch"
    )
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 5)):
        for n in range(20):  # 20 people between 09:00 and 09:57, each served 10 minutes
            arrived = at(f"{day} 09:00") + timedelta(minutes=3 * n)
            Ticket.objects.create(
                place=world.point_ba_dinh, service=service, day=day, sequence=n + 1, number=f"A-{n + 1:03d}",
                channel="kiosk", status="done", issued_at=arrived, checked_in_at=arrived,
                served_at=arrived + timedelta(minutes=5), done_at=arrived + timedelta(minutes=15),
            )  # fmt: skip
    return world


def test_the_forecast_per_hour_from_the_tickets_against_the_officers_assigned(four_mornings):
    world = four_mornings
    forecast = staffing.forecast(world.branch1.pk, now=at("2026-03-09 08:00"))
    assert forecast.days == 4 and forecast.service_seconds == pytest.approx(600)
    assert forecast.on_duty == 2  # Trần Thị Bình and Lê Văn Cường at Ba Đình's point
    nine = next(h for h in forecast.hours if h.hour == 9)
    expected = erlang.servers_needed(20, 600, target_share=0.8, target_seconds=900)
    assert nine.arrivals == pytest.approx(20) and nine.needed == expected.servers == 5
    assert nine.short == 3 and nine.service_level < 0.8
    assert all(h.needed == 0 for h in forecast.hours if h.hour != 9)
    stricter = staffing.forecast(world.branch1.pk, now=at("2026-03-09 08:00"), share=0.95, seconds=300)
    assert next(h for h in stricter.hours if h.hour == 9).needed > nine.needed


def test_the_staffing_page_shows_both_and_is_closed_to_a_counter_officer(client, four_mornings):
    world = four_mornings
    page = signed_in(client, world.supervisor).get(
        reverse("supervision:staffing"),
        {"chi-nhanh": world.branch1.pk, "thang": "2026-03", "muc-tieu": "80", "phut": "15"},
    )
    html = page.content.decode()
    assert (
        page.status_code == 200 and "Dự báo nhân lực theo giờ: Chi nhánh số 1" in html and "Erlang C" in html
    )
    client.logout()
    assert signed_in(client, world.officer).get(reverse("supervision:staffing")).status_code == 403


def test_the_report_page_shows_the_table_and_downloads(client, world, tmp_path):
    receive(world, when="2026-03-02 09:00")
    signed_in(client, world.supervisor)
    url = reverse("supervision:reports")
    query = {"don-vi": world.province.code, "ky": "thang", "gia-tri": "2026-03"}
    page = client.get(url, query)
    assert page.status_code == 200 and page.context["report"].total.received == 1
    download = client.get(url, {**query, "dinh-dang": "xlsx"})
    path = tmp_path / "r.xlsx"
    path.write_bytes(download.content)
    assert load_workbook(path)["Theo cơ quan"]["C6"].value == "Số hồ sơ nhận giải quyết"
    assert client.get(url, {**query, "dinh-dang": "pdf"}).content.startswith(b"%PDF")
    bad = client.get(url, {**query, "gia-tri": "03/2026"})
    assert bad.status_code == 400 and "Kỳ báo cáo không hợp lệ" in bad.content.decode()
    quarter = client.get(url, {**query, "ky": "quy", "gia-tri": "2026-Q1"})
    assert quarter.context["report"].period.label == "quý I/2026"
