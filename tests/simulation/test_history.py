"""`motcua bootstrap`'s simulated history: every queue of the officer workspace has dossiers in it."""

from datetime import datetime, timedelta

from django.core.management import call_command
from django.db.models import Q

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.dossiers.models import Dossier
from motcua.org import selectors as org
from motcua.org.models import ReceptionPlace
from motcua.org.roles import RoleCode
from motcua.simulation import world as world_loader
from motcua.simulation.models import SimulationRun
from motcua.simulation.runner import history_parameters, simulate

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=TZ)  # a Friday morning
OPEN = ["received", "in_progress", "supplement_requested", "approved"]


def test_the_history_fills_every_queue(hanoi):
    params = history_parameters("01", now=NOW)
    assert params.start == datetime(2026, 11, 16).date()  # four working days back
    report = simulate(params, now=NOW)
    assert report.outcome.failures == {}
    mine = Dossier.objects.filter(pk__in=[d for d in _ids(report)])
    assert mine.count() == 300
    assert mine.filter(Q(received_at__lt=NOW) | Q(submitted_at__lt=NOW)).count() == 300  # all before now
    cal = calendar_for("01")
    end_of_day = NOW.replace(hour=17, minute=0)
    soon = cal.due(NOW, timedelta(hours=24))
    queues = {
        "to_accept": mine.filter(status="pending_acceptance").count(),
        "due_today": mine.filter(status__in=OPEN, due_at__gte=NOW, due_at__lte=end_of_day).count(),
        "due_soon": mine.filter(status__in=OPEN, due_at__gt=end_of_day, due_at__lte=soon).count(),
        "late": mine.filter(status__in=OPEN, due_at__lt=NOW).count(),
        "supplement": mine.filter(status="supplement_requested").count(),
        "to_return": mine.filter(status="result_ready").count(),
    }
    assert all(queues.values()), queues


def test_bootstrap_loads_the_history_once(hanoi):
    call_command("simulate", "--history", "--province", "01", stdout=open("/dev/null", "w"))  # noqa: SIM115
    runs = SimulationRun.objects.filter(seed="history").count()
    assert runs == 1
    call_command("simulate", "--history", "--province", "01", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SimulationRun.objects.filter(seed="history").count() == 1


def test_the_history_of_a_two_tier_province_runs_without_a_refusal(haiphong):
    """Hải Phòng: a commune's dossiers are received and accepted at its own center, where only that
    center's officers act (not the provincial center's); the simulated actors follow that rule."""
    day = NOW.date()
    world = world_loader.load("31", day).world
    for place in world.places:
        allowed = set(
            org.staff_who_can_act(
                RoleCode.RECEPTION_OFFICER, ReceptionPlace.objects.get(pk=place.id), on=day
            ).values_list("pk", flat=True)
        )
        assert set(place.officers) <= allowed, place.code
    report = simulate(history_parameters("31", now=NOW), now=NOW)
    assert report.outcome.failures == {}
    assert report.outcome.blocked == 0  # no earlier event of any dossier failed
    assert report.summary["dossiers"] == 300


def _ids(report):
    prefix = report.run.idempotency_key(0)[:-1]
    from motcua.dossiers.models import IdempotencyRecord

    return IdempotencyRecord.objects.filter(key__startswith=prefix).values_list("dossier_id", flat=True)
