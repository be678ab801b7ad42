"""The maintained aggregates (ADR 0049) over a simulated month of Hà Nội: kept by the events of every change
the simulator drives through the services, they equal the naive recomputation dossier by dossier
(`motcua index verify`); after a bulk load, `motcua index rebuild-aggregates` makes them true, and later
changes keep them so."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.calendar.clock import TZ
from motcua.dossiers.models import Dossier
from motcua.dossiers.outbox import publish_pending
from motcua.index import aggregates, figures, selectors
from motcua.index.models import OpenFigures
from motcua.index.selectors import Period
from motcua.index.verify import verify
from motcua.simulation.plan import mix as mixes
from motcua.simulation.runner import MIXES, Parameters, simulate

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
MONTH = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def lively(monkeypatch):
    """Every path of a dossier in a small month: supplements, late ones, apology letters, refusals."""
    mix = mixes.REALISTIC.with_overrides(
        supplement=0.25, late=0.4, refusal=0.1, withdrawal=0.05, stop=0.03, late_days=3.0, apology=0.9
    )
    monkeypatch.setitem(MIXES, "lively", mix)
    return "lively"


def params(mix, **overrides):
    values = {
        "province": "01",
        "start": date(2026, 11, 2),
        "days": 28,
        "seed": "5",
        "dossiers": 40,
        "mix": mix,
    }
    return Parameters(**{**values, **overrides})


def delivered() -> None:
    """What the worker does after each commit (tests run in a transaction that never commits)."""
    while publish_pending(batch_size=500):
        pass


def test_a_simulated_month_through_the_services_keeps_them_equal_to_the_naive_count(hanoi, lively):
    report = simulate(params(lively), now=NOW)
    assert report.outcome.failures == {} and report.summary["dossiers"] == 40
    delivered()
    assert verify(MONTH) == []
    assert verify(Period(date(2026, 11, 23), date(2026, 11, 29))) == []  # a week
    for kind in selectors.KINDS:
        assert figures.counts_by(kind, MONTH) == selectors.direct_counts_by(kind, MONTH), kind
    c = figures.counts(selectors.resolve("01"), MONTH)
    assert c.received == Dossier.objects.filter(received_at__gte=MONTH.bounds[0]).count() > 0
    assert c.ended > 0 and c.ended_on_time < c.ended  # some late ones
    assert aggregates.refresh(Dossier.objects.values_list("pk", flat=True)) == 0  # delivered twice: no change


def test_a_bulk_load_is_made_true_by_the_rebuild_and_kept_true_by_later_changes(hanoi, lively):
    bulk = simulate(params(lively, bulk=True, outbox_published=True), now=NOW)
    assert bulk.outcome.dossier_ids
    with pytest.raises(CommandError, match="chênh lệch"):  # the bulk writer announced nothing
        call_command("index", "verify", "--from", "2026-11-01", "--to", "2026-11-30", stdout=StringIO())
    out = StringIO()
    call_command("index", "rebuild-aggregates", stdout=out, stderr=StringIO())
    assert "Đã tính lại số liệu tổng hợp" in out.getvalue()
    call_command("index", "verify", "--from", "2026-11-01", "--to", "2026-11-30", stdout=out)
    assert "Khớp" in out.getvalue()
    # Changes after the rebuild, through the services, delivered as the worker would: still equal.
    later = simulate(params(lively, seed="6", start=date(2026, 11, 20), days=8, dossiers=10), now=NOW)
    assert later.outcome.failures == {}
    delivered()
    assert verify(MONTH) == []
    assert not OpenFigures.objects.filter(n__lt=0).exists()
