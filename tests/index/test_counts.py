"""The counts behind the index, read from real dossiers driven through the dossier services; the command's
JSON; the naive recomputation (`motcua index verify`) agreeing with the grouped queries."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers import services as dossiers
from motcua.dossiers.outbox import publish_pending
from motcua.index import figures, scoring, selectors, services
from motcua.index.selectors import Period
from motcua.index.verify import verify
from tests.dossiers.factories import at

from .conftest import receive

pytestmark = pytest.mark.django_db

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))


def decided(world, dossier, when):
    """Assigned, examined, approved and its result issued (with an electronic copy) at `when`."""
    d = dossiers.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    d = dossiers.finish_step(
        d, actor=world.specialist, version=2, next_assignee=world.leader, at=at("2026-03-02 11:00")
    )
    d = dossiers.approve(d, actor=world.leader, version=3, at=at("2026-03-02 14:00"))
    return dossiers.issue_result(
        d, actor=world.leader, version=4, title="Giấy khai sinh", e_copy_ref="kho:1", at=at(when)
    )


@pytest.fixture
def three(world):
    on_time = decided(world, receive(world), "2026-03-03 15:00")  # 3 working days: due 5 March
    late = decided(world, receive(world), "2026-04-20 09:00")
    still_open = receive(world, when="2026-03-10 09:00")
    publish_pending()  # the worker delivers the events: the aggregates follow them (ADR 0049)
    return on_time, late, still_open


def test_counts_of_a_month(world, three):
    unit = selectors.resolve(world.province.code)
    c = figures.counts(unit, MARCH)
    assert (c.received, c.ended, c.ended_on_time, c.ended_satisfied) == (3, 1, 1, 1)
    assert (c.results, c.results_electronic) == (1, 1)
    assert (c.procedures, c.procedures_online) == (1, 1)  # the birth procedure, offered online in full
    assert (c.received_online_capable, c.received_online) == (3, 0)  # all three at the counter
    assert c.paper_received == 3
    result = scoring.score(c)
    by_key = {cr.key: cr for g in result.groups for cr in g.criteria}
    assert by_key["ho_so_dung_han"].points == 20  # 1 of 1 ended on time
    assert by_key["ho_so_truc_tuyen"].points == 0  # 0 of 3 online
    assert by_key["ho_so_thanh_toan_truc_tuyen"].status == scoring.NO_DATA  # a free procedure: no fee paid


def test_late_dossier_loses_the_progress_points_and_is_listed(world, three):
    on_time, late, _ = three
    unit = selectors.resolve(world.province.code)
    c = figures.counts(unit, APRIL)
    assert (c.received, c.ended, c.ended_on_time) == (0, 1, 0)
    result = scoring.score(c)
    progress = next(g for g in result.groups if g.key == "tien_do_giai_quyet")
    assert progress.points == 0 and progress.max == 20
    assert [d.pk for d in selectors.lost_dossiers(unit, APRIL, "ho_so_dung_han")] == [late.pk]
    assert [d.pk for d in selectors.lost_dossiers(unit, MARCH, "ho_so_dung_han")] == []


def test_every_kind_of_unit_sees_the_same_dossiers(world, three):
    for code in (
        world.province.code,
        world.soc_son.code,
        f"co-quan:{world.committee_soc_son.code}",
        "chi-nhanh:01.CN01",
    ):
        try:
            unit = selectors.resolve(code)
        except selectors.UnknownUnit:
            continue
        assert figures.counts(unit, MARCH).received == 3, code


def test_a_period_without_dossiers_reads_no_data(world, three):
    out = StringIO()
    call_command(
        "index", "--unit", world.province.code, "--from", "2025-01-01", "--to", "2025-01-31", stdout=out
    )
    assert "Chưa có dữ liệu" in out.getvalue()
    data = services.report(
        selectors.resolve(world.province.code), Period(date(2025, 1, 1), date(2025, 1, 31))
    )
    assert data["status"] == "no_data" and data["total"] is None and data["scaled"] is None


def test_command_prints_the_json_shape(world, three):
    out = StringIO()
    call_command(
        "index",
        "--unit",
        world.province.code,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) >= {"total", "max", "groups"}
    assert [g["key"] for g in data["groups"]] == [g.key for g in scoring.GROUPS]
    for group in data["groups"]:
        assert {"key", "max", "points", "criteria"} <= set(group)
        for c in group["criteria"]:
            assert {"key", "max", "points"} <= set(c)
        assert group["points"] == round(sum(c["points"] or 0 for c in group["criteria"]), 2)
    assert data["total"] == round(sum(g["points"] for g in data["groups"]), 2)


def test_command_refuses_bad_input(world):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("index", "--unit", "99999999", "--from", "2026-03-01", "--to", "2026-03-31")
    with pytest.raises(CommandError, match="ngày không hợp lệ"):
        call_command("index", "--unit", world.province.code, "--from", "2026-13-01")
    with pytest.raises(CommandError, match="không sớm hơn"):
        call_command("index", "--unit", world.province.code, "--from", "2026-03-31", "--to", "2026-03-01")


def test_maintained_aggregates_equal_the_naive_recomputation_and_the_grouped_queries(world, three):
    receive(
        world,
        world.licence,
        officer=world.officer_soc_son,
        place=world.point_soc_son,
        when="2026-03-05 10:00",
    )
    unit = selectors.resolve(world.province.code)
    assert figures.counts(unit, MARCH).received == 3  # not delivered yet: the aggregates lag behind
    assert any("received" in line for line in verify(MARCH))
    publish_pending()
    assert figures.counts(unit, MARCH).received == 4
    assert verify(MARCH) == []
    assert verify(APRIL) == []
    for kind in selectors.KINDS:
        assert figures.counts_by(kind, MARCH) == selectors.direct_counts_by(kind, MARCH), kind


def test_weekly_snapshots_keep_ranks_and_their_change(world, three):
    assert services.take_snapshot(date(2026, 3, 2)) > 0
    assert services.take_snapshot(date(2026, 3, 9)) > 0
    from motcua.index.models import RankingSnapshot

    province = RankingSnapshot.objects.get(week=date(2026, 3, 9), kind="province")
    assert province.rank == 1 and province.previous_rank == 1 and province.change == 0
    again = services.take_snapshot(date(2026, 3, 9))  # taking a week again replaces it
    assert RankingSnapshot.objects.filter(week=date(2026, 3, 9)).count() == again


def test_the_index_command_needs_no_secret_key():
    from motcua import cli

    assert cli.is_keyless(["index", "--unit", "01", "--from", "2026-03-01", "--json"])
    assert cli.is_keyless(["index", "verify"])


def test_the_dossiers_listed_as_lost_are_exactly_the_missing_ones(world, three):
    """For every dossier-counted criterion: listed dossiers = denominator − numerator."""
    unit = selectors.resolve(world.province.code)
    for period in (MARCH, APRIL):
        result = scoring.score(figures.counts(unit, period))
        for c in (c for g in result.groups for c in g.criteria if c.status == scoring.MEASURED):
            if c.key in {
                "ho_so_dung_han",
                "hai_long_tthc",
                "ho_so_truc_tuyen",
                "ho_so_so_hoa",
                "tai_su_dung_du_lieu",
            }:
                lost = selectors.lost_dossiers(unit, period, c.key)
                assert len(lost) == c.denominator - c.numerator, (period, c.key)


def test_the_weekly_task_is_scheduled_and_takes_last_weeks_snapshot(world, three, settings):
    from motcua.index import tasks
    from motcua.index.models import RankingSnapshot

    entry = settings.CELERY_BEAT_SCHEDULE["index-weekly-snapshot"]
    assert entry["task"] == tasks.weekly_snapshot.name == "index.weekly_snapshot"
    assert entry["schedule"].day_of_week == {1} and entry["schedule"].hour == {1}  # Monday 01:00
    tasks.weekly_snapshot()  # last week as of today: no dossier of the tiny world then
    assert not RankingSnapshot.objects.exclude(rank=None).exclude(week__lt=date(2026, 1, 1)).exists()
