"""The planner's properties, on a small hand-made province and the national calendar (no database)."""

import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.calendar.clock import TZ, WorkCalendar
from motcua.core.identity import check_personal_id, normalise_phone
from motcua.dossiers.deadlines import Limit
from motcua.simulation.plan import mix as mixes
from motcua.simulation.plan.schedule import APPLICANT, Planner, arrivals, plan_dossiers, timeline, volume
from motcua.simulation.plan.world import AgencyRef, CommuneRef, PlaceRef, ProcedureRef, World

CAL = WorkCalendar()


def limits(value, unit="working_days"):
    limit = Limit.from_catalog(value, unit)
    return {"counter": limit, "online": limit, "postal": limit}


def small_world() -> World:
    communes = (CommuneRef(11, "00004", "Phường Ba Đình"), CommuneRef(12, "00008", "Phường Ngọc Hà"))
    places = (
        PlaceRef(1, "01.TT", "center", 11, counters=(101, 102), officers=(1, 2)),
        PlaceRef(2, "01.X00004", "commune_point", 11, counters=(103,), officers=(3,)),
        PlaceRef(3, "01.X00008", "commune_point", 12, counters=(104,), officers=(4,)),
    )
    agencies = (
        AgencyRef(21, "000.00.01.H26", 11, 2, specialists=(31,), leaders=(32,)),
        AgencyRef(22, "000.00.02.H26", 12, 3, specialists=(33,), leaders=(34,)),
        AgencyRef(23, "000.00.03.H26", None, 1, specialists=(35, 36), leaders=(37,)),
    )
    procedures = (
        ProcedureRef(41, "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", True, limits(None, "same_day"),
                     weight=10),
        ProcedureRef(42, "2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", True, limits(2), weight=8,
                     fees={"counter": 2000, "online": 2000, "postal": 2000}),
        ProcedureRef(43, "1.013225", "Cấp giấy phép xây dựng", "Hoạt động xây dựng", False, limits(15),
                     agency_id=23, weight=2),
    )  # fmt: skip
    return World("01", "Thành phố Hà Nội", procedures, communes, places, agencies, {11: 21, 12: 22})


def schedule(seed, total=200, start=date(2026, 11, 2), days=14, mix=mixes.REALISTIC, until=None):
    world = small_world()
    planned = arrivals(cal=CAL, start=start, days=days, total=total, mix=mix, seed=seed, until=until)
    return list(plan_dossiers(Planner(world, CAL, mix, seed, start), planned))


def test_the_hanoi_volume_is_66000_dossiers_in_three_weeks_and_scales():
    assert volume(21, 1.0) == 66_000
    assert volume(21, 0.01) == 660
    assert volume(7, 1.0) == 22_000
    assert volume(21, 1.0, dossiers=1_000_000) == 1_000_000


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), total=st.integers(0, 400), days=st.integers(1, 30))
def test_arrivals_count_channels_and_office_hours(seed, total, days):
    start = date(2026, 11, 2)
    found = arrivals(cal=CAL, start=start, days=days, total=total, mix=mixes.REALISTIC, seed=seed)
    assert len(found) == total
    channels = Counter(a.channel for a in found)
    assert channels["online"] == round(total * 0.6)
    assert channels["postal"] == round(total * 0.0024)
    assert [a.at for a in found] == sorted(a.at for a in found)
    first, end = datetime.combine(start, datetime.min.time(), TZ), start + timedelta(days=days)
    for a in found:
        assert first <= a.at < datetime.combine(end, datetime.min.time(), TZ)
        if a.channel != "online":  # people come to the counters in office hours, on working days
            assert CAL.is_working_time(a.at), a


def test_arrivals_follow_the_intraday_curve_and_busier_weekdays():
    found = arrivals(cal=CAL, start=date(2026, 11, 2), days=14, total=20_000, mix=mixes.REALISTIC, seed=3)
    counter = [a.at.astimezone(TZ) for a in found if a.channel == "counter"]
    hours = Counter(t.hour for t in counter)
    assert hours[9] + hours[10] > 1.8 * (hours[8] + hours[16])  # morning peak, quiet at the ends
    days = Counter(t.weekday() for t in counter)
    assert days[0] > days[4] and 5 not in days and 6 not in days
    online = [a.at.astimezone(TZ) for a in found if a.channel == "online"]
    assert any(t.hour >= 19 for t in online) and any(t.weekday() >= 5 for t in online)


def test_arrivals_stop_at_until():
    until = datetime(2026, 11, 5, 10, 30, tzinfo=TZ)
    found = arrivals(cal=CAL, start=date(2026, 11, 2), days=7, total=300, mix=mixes.DEMO, seed=1, until=until)
    assert len(found) == 300 and max(a.at for a in found) < until


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_officers_act_in_office_hours_in_order_and_versions_count_up(seed):
    for plan in schedule(seed, total=120):
        times = [e.at for e in plan.events]
        assert times == sorted(times) and len(set(times)) == len(times)
        assert [e.version for e in plan.events] == list(range(len(plan.events)))
        assert plan.events[0].action in ("receive", "submit_online")
        for event in plan.events[1:]:
            if event.actor != APPLICANT:
                assert CAL.is_working_time(event.at), (event, plan.channel)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_applicants_have_valid_identity_numbers_and_phones(seed):
    for plan in schedule(seed, total=60):
        person = plan.applicant
        parsed = check_personal_id(person.id_number, birth_date=person.birth_date, sex=person.sex)
        assert parsed.birth_year == person.birth_date.year
        assert normalise_phone(person.phone) == person.phone
        assert person.full_name.count(" ") >= 2 and person.address.endswith("Thành phố Hà Nội")


def test_the_same_seed_gives_the_same_schedule_and_another_seed_another():
    first, again, other = schedule(7), schedule(7), schedule(8)
    assert [(p.applicant, p.events) for p in first] == [(p.applicant, p.events) for p in again]
    assert [p.applicant for p in first] != [p.applicant for p in other]


def test_commune_level_dossiers_go_to_the_committee_and_a_place_of_that_commune():
    world = small_world()
    for plan in schedule(5, total=300):
        agency = world.agency(plan.agency_id)
        place = world.place(plan.place_id)
        if plan.procedure.commune_level:
            assert agency.commune_id in (11, 12)
            if plan.channel == "online":
                assert place.id == agency.online_place_id
            else:  # not boundary-free: received in the competent commune (away from home: `commune`)
                assert place.commune_id == agency.commune_id
                assert plan.commune_id in (None, agency.commune_id)
        else:
            assert agency.id == 23


def test_outcome_shares_follow_the_mix():
    mix = mixes.REALISTIC.with_overrides(late=0.2, supplement=0.2, refusal=0.1, withdrawal=0.05)
    plans = schedule(11, total=3000, days=21, mix=mix)
    outcomes = Counter(p.outcome for p in plans)
    online = sum(p.channel == "online" for p in plans)
    assert abs(outcomes["not_accepted"] / online - 0.02) < 0.01
    decided = [
        p for p in plans if p.outcome in ("approved", "refused") and p.procedure.limits["counter"].has_due
    ]
    late = sum(p.late for p in decided) / len(decided)
    assert abs(late - 0.2) < 0.04
    assert abs(outcomes["refused"] / len(plans) - 0.1 * 0.98) < 0.03
    actions = Counter(e.action for p in plans for e in p.events)
    assert actions["request_supplement"] / len(plans) > 0.15
    assert actions["extend"] > 0


def test_the_timeline_is_in_time_order_and_cut_at_the_horizon():
    plans = schedule(2, total=100)
    horizon = datetime(2026, 11, 9, 12, 0, tzinfo=TZ)
    events = timeline(plans, horizon)
    assert events and all(e.at < horizon for e in events)
    assert [(e.at, e.index) for e in events] == sorted((e.at, e.index) for e in events)


def test_the_planner_does_not_import_django():
    code = (
        "import sys, motcua.simulation.plan.schedule;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
