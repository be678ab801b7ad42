"""The supervisor's live page at 08:30 on Wednesday 4 March 2026: one dossier late, one due at 09:00
today, one due tomorrow (at risk), one waiting for a supplement with the specialist, one with an apology
letter; the figures per branch, agency and officer, the alert list, the htmx poll, the trend, the CSV."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.outbox import publish_pending
from motcua.workspace import charts
from tests.dossiers.factories import at
from tests.workspace.conftest import now, signed_in  # noqa: F401 (fixture)

from .conftest import receive


@pytest.fixture
def morning(world, now):  # noqa: F811 (the imported fixture)
    cache.clear()  # the trend is cached per user and day
    late = receive(world, when="2026-02-24 09:00")  # due 27/02 09:00
    today = receive(world, when="2026-02-27 09:00")  # due 04/03 09:00
    tomorrow = receive(world, when="2026-03-02 09:00")  # due 05/03 09:00: 1 working day 30 min left
    held = services.assign(
        tomorrow,
        actor=world.specialist,
        version=tomorrow.version,
        assignee=world.specialist,
        at=at("2026-03-02 10:00"),
    )
    waiting = receive(world, when="2026-03-02 09:30")
    waiting = services.assign(
        waiting,
        actor=world.specialist,
        version=waiting.version,
        assignee=world.specialist,
        at=at("2026-03-02 10:00"),
    )
    services.request_supplement(
        waiting,
        actor=world.specialist,
        version=waiting.version,
        items=["Bản sao"],
        reason="Thiếu",
        at=at("2026-03-02 11:00"),
    )
    services.extend(
        late,
        actor=world.leader,
        version=late.version,
        new_appointment=at("2026-03-09 16:00"),
        reason="Cần xác minh thêm",
        at=at("2026-02-26 09:00"),
    )
    publish_pending()  # the worker delivers the events: the aggregates follow them (ADR 0049)
    return {"late": late, "today": today, "held": held, "waiting": waiting}


def test_the_eight_figures_per_branch_agency_and_officer(client, world, morning):
    page = signed_in(client, world.supervisor).get(reverse("workspace:supervisor"))
    assert page.status_code == 200
    overview = page.context["overview"]
    [branch] = overview.branches
    figures = dict(branch.cells)
    assert figures == {
        "received_today": 0,
        "in_progress": 4,
        "due_today": 1,
        "at_risk": 1,  # due 09:00 today; 09:00 tomorrow is just over one working day away
        "late": 1,
        "supplement": 1,
        "apology": 1,
        "returned_today": 0,
    }
    [agency] = overview.agencies
    assert agency.apology == 1 and agency.late == 1
    [officer] = overview.officers
    assert officer.name == "Hoàng Văn Em"
    assert (officer.in_progress, officer.at_risk, officer.supplement) == (2, 0, 1)
    html = page.content.decode()
    assert f'href="?o={officer.key}&amp;cot=at_risk"' in html and "Sắp quá hạn" in html


def test_the_alert_list_holds_the_late_and_the_at_risk_most_overdue_first(client, world, morning):
    page = signed_in(client, world.supervisor).get(reverse("workspace:supervisor"))
    codes = [r["dossier"].code for r in page.context["alerts"]]
    assert codes == [morning["late"].code, morning["today"].code]
    assert morning["held"].code not in codes  # more than one working day left
    assert morning["waiting"].code not in codes  # the clock is stopped while the applicant completes it


def test_a_figure_drills_down_to_its_dossiers_and_to_csv(client, world, morning):
    signed_in(client, world.supervisor)
    url = reverse("workspace:supervisor")
    drill = client.get(url, {"o": f"officer:{world.specialist.pk}", "cot": "supplement"})
    assert [r["dossier"].code for r in drill.context["drill"]["rows"]] == [morning["waiting"].code]
    apology = client.get(url, {"o": "all", "cot": "apology"})
    assert [r["dossier"].code for r in apology.context["drill"]["rows"]] == [morning["late"].code]
    download = client.get(url, {"o": "all", "cot": "late", "dinh-dang": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert table[0][0] == "Mã hồ sơ" and [row[0] for row in table[1:]] == [morning["late"].code]


def test_the_poll_returns_only_the_live_part_and_the_page_ships_htmx_and_an_svg_trend(client, world, morning):
    signed_in(client, world.supervisor)
    url = reverse("workspace:supervisor")
    full = client.get(url).content.decode()
    assert 'hx-trigger="every 30s"' in full and "/static/workspace/htmx.min.js" in full
    assert (
        "<svg" in full
        and "Xu hướng 30 ngày" in full
        and "http://" not in full.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    poll = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert poll.startswith('<div id="truc-tiep"') and "<html" not in poll and "<svg" not in poll
    assert "Cảnh báo" in poll


def test_the_trend_counts_received_per_day(client, world, morning):
    page = signed_in(client, world.supervisor).get(reverse("workspace:supervisor"))
    svg = page.context["trend"]
    assert "Tiếp nhận 27/02: 1" in svg and "Tiếp nhận 02/03: 2" in svg and "Tiếp nhận 03/03: 0" in svg


def test_chart_steps_are_round_and_text_is_escaped():
    from datetime import date

    assert [charts.nice_step(n) for n in (3, 10, 37, 180, 999)] == [1, 5, 10, 50, 500]
    svg = charts.line_chart(
        [date(2026, 3, 1), date(2026, 3, 2)], [charts.Series("<b>", "#000", (1, 2))], title="a&b"
    )
    assert "&lt;b&gt;" in svg and "a&amp;b" in svg and "<b>" not in svg
