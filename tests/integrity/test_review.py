"""Broker cases from real receptions: the scan opens them, a supervisor reviews them on the page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from motcua.core.errors import DomainError
from motcua.dossiers import services as dossiers
from motcua.integrity import services
from motcua.integrity.models import RiskCase, RiskCaseEvent
from tests.dossiers.factories import at, person
from tests.twofactor import verified_login

pytestmark = pytest.mark.django_db

BROKER = {
    "full_name": "Trịnh Văn Cò",
    "id_number": "001085000111",
    "birth_date": "1985-02-02",
    "sex": "male",
    "phone": "0987000111",
    "address": "Số 9 phố Huế, phường Hai Bà Trưng",
    "relation": "người được ủy quyền",
}


def hand_in(world, n, *, submitter=None, address=None, proc=None, when="2026-11-02 09:00"):
    proc = proc or (world.birth, world.licence)[n % 2]
    applicant = person(
        full_name=f"Người dân {n}",
        id_number=f"0010900{n:05d}",
        phone=f"09120{n:05d}",
        email="",
        address=address or f"Số {n} đường Láng, xã Sóc Sơn",
    )
    return dossiers.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=proc,
        case=world.case(proc),
        provided=world.documents(proc),
        applicant=applicant,
        submitter=submitter,
        at=at(when),
    )


def scan(world, day="2026-11-06"):
    from datetime import date

    return services.scan(world.province, last=date.fromisoformat(day), at=at(f"{day} 21:30"))


def test_a_broker_is_flagged_and_a_son_filing_for_his_family_is_not(world):
    filed = [
        hand_in(world, n, submitter=BROKER, when=f"2026-11-0{2 + n % 3} {8 + n:02d}:00") for n in range(5)
    ]
    son = {**BROKER, "full_name": "Lê Văn Con", "id_number": "001095000222", "birth_date": "1995-03-03", "phone": "0988000222",
           "address": "Số 3 ngõ 12 Kim Mã", "relation": "con"}  # fmt: skip
    for n in range(10, 14):
        hand_in(world, n, submitter=son, address="Số 3, ngõ 12 Kim Mã")
    result = scan(world)
    assert (result.filings, result.flagged, result.opened) == (9, 1, 1)
    case = RiskCase.objects.get()
    assert (case.kind, case.value, case.label, case.status) == (
        "submitter",
        "001085000111",
        "Trịnh Văn Cò",
        "open",
    )
    rules = {e["rule"]: e for e in case.evidence}
    assert rules["unrelated_applicants"]["count"] == 5
    assert sorted(rules["unrelated_applicants"]["dossiers"]) == sorted(d.pk for d in filed)
    assert case.score >= 60 and case.filings == 5
    assert list(case.events.values_list("action", flat=True)) == ["flagged"]
    # A scan of the same window changes nothing: no second case, no second event.
    again = scan(world)
    assert (again.opened, again.updated) == (0, 0) and RiskCaseEvent.objects.count() == 1


def test_review_is_checked_audited_and_a_dismissed_case_returns_only_when_it_grows(world):
    for n in range(4):
        hand_in(world, n, submitter=BROKER)
    scan(world)
    case = RiskCase.objects.get()
    with pytest.raises(DomainError) as short:
        services.review(
            case.pk, actor=world.supervisor, version=case.version, decision="dismiss", reason="không"
        )
    assert short.value.code == "integrity.reason_required"
    with pytest.raises(DomainError) as officer:
        services.review(
            case.pk, actor=world.officer, version=case.version, decision="dismiss", reason="x" * 20
        )
    assert officer.value.code == "integrity.forbidden"
    reason = "Văn phòng luật sư được ủy quyền bằng văn bản"
    services.review(case.pk, actor=world.supervisor, version=case.version, decision="dismiss", reason=reason,
                    at=at("2026-11-07 08:00"))  # fmt: skip
    with pytest.raises(DomainError) as stale:
        services.review(
            case.pk, actor=world.supervisor, version=case.version, decision="watch", reason=reason
        )
    assert stale.value.code == "stale_write"
    case.refresh_from_db()
    assert (case.status, case.dismissed_score) == ("dismissed", case.score)
    last = case.events.last()
    assert (last.action, last.actor, last.reason) == ("dismissed", world.supervisor, reason)
    # One more dossier: not enough to ask the supervisor again.
    hand_in(world, 4, submitter=BROKER)
    assert scan(world, "2026-11-09").reopened == 0
    # Many more, across places and days: the case comes back open.
    for n in range(5, 10):
        hand_in(world, n, submitter=BROKER, when="2026-11-05 10:00")
    assert scan(world, "2026-11-10").reopened == 1
    case.refresh_from_db()
    assert case.status == "open" and case.events.last().action == "reopened"


def test_the_supervisor_reviews_on_the_page_and_downloads_the_evidence(world, client):
    for n in range(5):
        hand_in(world, n, submitter=BROKER)
    scan(world)
    case = RiskCase.objects.get()
    verified_login(client, world.officer)
    assert client.get(reverse("integrity:queue")).status_code == 403
    assert client.get(reverse("integrity:detail", args=[case.pk])).status_code == 403
    verified_login(client, world.supervisor)
    page = client.get(reverse("integrity:queue")).content.decode()
    assert "*********111" in page and "001085000111" not in page  # masked in the list
    detail = client.get(reverse("integrity:detail", args=[case.pk])).content.decode()
    assert "Nộp hoặc ghi liên hệ cho 5 hộ gia đình không có quan hệ với nhau." in detail
    assert "Người dân 3" in detail
    bad = client.post(
        reverse("integrity:detail", args=[case.pk]),
        {"decision": "watch", "reason": "", "version": case.version},
    )
    assert bad.status_code == 400 and "Ghi rõ lý do." in bad.content.decode()
    stale = client.post(
        reverse("integrity:detail", args=[case.pk]),
        {"decision": "watch", "reason": "Đã xác minh có thu tiền", "version": case.version + 5},
    )
    assert stale.status_code == 409
    ok = client.post(
        reverse("integrity:detail", args=[case.pk]),
        {"decision": "watch", "reason": "Đã xác minh có thu tiền của người dân", "version": case.version},
    )
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.status == "watching"
    pdf = client.get(reverse("integrity:evidence-pdf", args=[case.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("integrity:detail", args=[case.pk + 999])).status_code == 404


def test_the_command_scans_a_province(world, capsys):
    for n in range(5):
        hand_in(world, n, submitter=BROKER, when="2026-11-03 09:00")
    call_command("integrity", "scan", "--province", world.province.code, "--day", "2026-11-06")
    out = capsys.readouterr().out
    assert "5 hồ sơ" in out and "1 nghi vấn (1 mới" in out
