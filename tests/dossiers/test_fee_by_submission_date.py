"""A fee reduced until a date (issue #16, ADR 0022): a dossier is charged by the catalog terms in force on
the day it is submitted, not by the first row of the procedure."""

from datetime import date

import pytest

from motcua.catalog import services as catalog
from motcua.catalog.content import version_content
from motcua.dossiers import services
from motcua.dossiers.models import Payment

from .factories import at, person


def _terms(channel: str) -> list[dict]:
    # 1.013818's own text: 3.500.000 đồng, "áp dụng mức phí 1.750.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến
    # hết ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC"
    common = {"channel": channel, "time_value": "5", "time_unit": "working_days", "fee_kind": "amount"}
    return [
        {**common, "fee_amount": 1_750_000, "valid_from": "2025-07-01", "valid_until": "2026-12-31"},
        {**common, "fee_amount": 3_500_000, "valid_from": "2027-01-01", "valid_until": None},
    ]


@pytest.fixture
def reduced_until_new_year(world):
    current = world.version(world.licence)
    draft = catalog.create_draft(
        procedure=world.licence,
        from_version=current,
        data={"channel_terms": [t for ch in ("in_person", "online", "postal") for t in _terms(ch)]},
    )
    catalog.publish(version=draft, valid_from=date(2026, 12, 1))
    return draft


def _case_and_papers(version):
    case = version.cases.order_by("position").first()
    papers = [d.pk for d in version.documents.all() if d.required and d.case_id in (None, case.pk)]
    return case, papers


def submit(world, version, when):
    case, papers = _case_and_papers(version)
    return services.submit_online(
        user=world.citizen,
        procedure=world.licence,
        province=world.province,
        case=case,
        provided=papers,
        applicant=person(),
        at=at(when),
    )


def receive(world, version, when):
    case, papers = _case_and_papers(version)
    return services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.licence,
        case=case,
        provided=papers,
        applicant=person(),
        at=at(when),
    )


def test_an_online_submission_on_7_december_2026_pays_the_reduced_fee(world, reduced_until_new_year):
    dossier = submit(world, reduced_until_new_year, "2026-12-07 09:00")
    assert Payment.objects.get(dossier=dossier).amount == 1_750_000


def test_a_counter_reception_after_the_window_pays_the_full_fee(world, reduced_until_new_year):
    dossier = receive(world, reduced_until_new_year, "2027-01-04 09:00")
    assert Payment.objects.get(dossier=dossier).amount == 3_500_000


def test_the_last_day_of_the_window_still_pays_the_reduced_fee(world, reduced_until_new_year):
    dossier = receive(world, reduced_until_new_year, "2026-12-31 14:00")
    assert Payment.objects.get(dossier=dossier).amount == 1_750_000
    assert version_content(dossier.procedure_version)["channel_terms"][0]["valid_until"] == "2026-12-31"
