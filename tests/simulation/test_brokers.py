"""Planted brokers among ordinary applicants and relatives: the nightly scan finds them (≥ 0.9 / ≥ 0.9)."""

from collections import Counter
from datetime import date, datetime

from motcua.calendar.clock import TZ
from motcua.integrity import scoring, selectors
from motcua.integrity.models import RiskCase
from motcua.integrity.services import scan
from motcua.simulation.runner import Parameters, schedule, simulate
from motcua.units.models import AdministrativeUnit

NOW = datetime(2026, 11, 14, 20, 0, tzinfo=TZ)


def owners_of(plans, brokers):
    """Each planted broker's subjects (ID number, phone, e-mail) and how many dossiers it handed in."""
    owners = {}
    for b in brokers:
        owners[(scoring.SUBMITTER, b.id_number)] = b.id_number
        owners[(scoring.PHONE, b.phone)] = b.id_number
        if b.email:
            owners[(scoring.EMAIL, b.email.lower())] = b.id_number
    handed = Counter(p.submitter.id_number for p in plans if p.submitter in brokers)
    return owners, handed


def test_planted_brokers_are_found_and_relatives_are_left_alone(hanoi):
    params = Parameters(province=hanoi, start=date(2026, 11, 2), days=12, seed="brokers", dossiers=1500,
                        brokers=0.08, relatives=0.08, bulk=True, outbox_published=True)  # fmt: skip
    loaded, plans = schedule(params)
    from motcua.simulation.plan.schedule import Planner

    planner = Planner(loaded.world, None, params.planned_mix, params.seed, params.start)
    brokers = planner.brokers
    relatives = [p for p in plans if p.submitter is not None and p.submitter not in brokers]
    owners, handed = owners_of(plans, brokers)
    assert len(relatives) > 20 and sum(handed.values()) > 20  # both kinds are really planted
    report = simulate(params, now=NOW)
    assert report.outcome.failures == {}

    province = AdministrativeUnit.objects.current().provinces().get(code=hanoi)
    result = scan(province, last=date(2026, 11, 13), days=12, at=NOW)
    risks = scoring.score(selectors.filings(province, date(2026, 11, 2), date(2026, 11, 13)))
    # A broker is "planted" for recall when it handed in at least three dossiers: fewer is not a pattern.
    active = {number for number, n in handed.items() if n >= 3}
    quality = scoring.precision_recall(risks, owners, active)
    print(f"\nbrokers: {dict(handed)}; flagged {quality.flagged}, true {quality.true_positive}, "
          f"precision {quality.precision:.3f}, recall {quality.recall:.3f}")  # fmt: skip
    assert quality.precision >= 0.9 and quality.recall >= 0.9
    assert result.flagged == quality.flagged == RiskCase.objects.filter(province=province).count()
    # No relative is a case: every case's subject is a planted broker's.
    flagged_values = set(RiskCase.objects.filter(province=province).values_list("value", flat=True))
    assert not flagged_values & {p.submitter.id_number for p in relatives}
