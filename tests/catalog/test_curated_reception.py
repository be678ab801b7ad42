"""The 30 most used procedures at the counter, after the importer applied the curated overlay: the
checklist the officer is offered (papers, required or conditional, alternatives, real cases, notes) and
the appointment the slip prints, on the legal clock, for a dossier received on a working Wednesday.

The catalog rows come from the real national data file (the curated codes only) through
`importer.import_catalog`; the reception goes through the officer's page and `receive_at_counter`."""

import copy
import gzip
import json
from datetime import date, datetime, timedelta

import holidays
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator

from motcua.catalog import importer
from motcua.catalog import services as catalog
from motcua.catalog.curated import load_overlays
from motcua.catalog.models import Procedure
from motcua.dossiers import services
from motcua.dossiers.errors import ChecklistIncomplete
from motcua.dossiers.forms_pdf import adapters, render_pdf
from motcua.org.services import ensure_roles
from tests import snapshots
from tests.dossiers.conftest import TOUCHED_APPS
from tests.dossiers.factories import TZ, World, at, person
from tests.dossiers.pdf.readers import pdf_text

from .test_curated_overlay import MOST_USED

pytestmark = pytest.mark.django_db
OVERLAYS = load_overlays()
WEDNESDAY = "2026-03-04"  # a working day, three weeks before any public holiday
URL = "https://motcua.example.vn/tra-cuu/{code}?k=Zx81Qm"


@pytest.fixture(scope="module")
def curated_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """A small Hà Nội (tests.dossiers.factories.World) with the curated procedures imported from their
    real crawled records and adopted by the city; built for this module only and removed after it, so
    the catalog package's other tests never see its adoptions."""
    path = tmp_path_factory.mktemp("catalog") / "curated.jsonl.gz"
    with gzip.open(importer.DATA_FILE, "rt", encoding="utf-8") as source, gzip.open(path, "wt") as out:
        for line in source:
            if line.strip() and json.loads(line)["code"] in OVERLAYS:
                out.write(line)
    with django_db_blocker.unblock():
        before = snapshots.last_ids(TOUCHED_APPS)
        with transaction.atomic():
            ensure_roles()
            built = World()
            importer.import_catalog(path)
            for proc in Procedure.objects.filter(code__in=OVERLAYS):
                catalog.adopt(province=built.province, procedure=proc, active=True, boundary_free=True)
    yield built
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.delete_newer(before)


@pytest.fixture
def world(curated_world, db):
    return curated_world


@pytest.fixture
def curated(curated_world):
    return None


def working_days_after(start: datetime, n: int) -> datetime:
    """`n` working days after `start`, same time of day (weekends skipped; the test range has no holiday)."""
    moment = start
    while n:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            n -= 1
    return moment


def close_of_working_day(day: date) -> datetime:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 17, 0, tzinfo=TZ)


def expected_appointment(term: dict, received: datetime) -> datetime:
    """The legal clock worked out by hand: same day (15:00 cut-off), N working days, N calendar days."""
    unit, value = term["time_unit"], term["time_value"]
    late = received.hour >= 15
    start = close_of_working_day(received.date() + timedelta(days=1)).replace(hour=8) if late else received
    if unit == "same_day":
        return close_of_working_day(start.date())
    if unit == "working_day":
        if late:  # counting starts at 08:00: N whole working days end at 17:00 of the Nth
            return working_days_after(start, value - 1).replace(hour=17)
        return working_days_after(start, value)
    if unit == "day":
        return close_of_working_day(start.date() + timedelta(days=value))
    raise AssertionError(f"no hand-made clock for {unit}")


def test_the_test_range_has_no_public_holiday():
    days = holidays.country_holidays("VN", years=2026)
    assert not [d for d in days if date(2026, 3, 1) <= d <= date(2026, 4, 20)]


def _version(code):
    return Procedure.objects.get(code=code).versions.filter(status="published").order_by("-number").first()


def _checklist_rows(version, case) -> list[tuple]:
    docs = [d for d in version.documents.all() if d.case_id is None or (case and d.case_id == case.pk)]
    docs.sort(key=lambda d: (d.case_id is not None, d.position, d.pk))
    return [(d.name, d.required, d.condition or None, bool(d.one_of), d.originals, d.copies) for d in docs]


def _overlay_rows(overlay, case_index) -> list[tuple]:
    docs = list(overlay["common_documents"])
    if overlay["cases"]:
        docs += overlay["cases"][case_index]["documents"]
    return [
        (d["name"], d["required"], d["condition"], bool(d["one_of"]), d["originals"], d["copies"])
        for d in docs
    ]


def _handed_in(version, case) -> list[int]:
    """What a complete dossier holds: every required paper, one paper of each group of alternatives."""
    chosen, groups = [], set()
    for doc in sorted(version.documents.all(), key=lambda d: (d.position, d.pk)):
        if doc.case_id not in (None, getattr(case, "pk", None)) or not doc.required:
            continue
        if doc.one_of and doc.one_of in groups:
            continue
        groups.add(doc.one_of)
        chosen.append(doc.pk)
    return chosen


def _receive(world, code, when, case_index=0):
    version = _version(code)
    cases = list(version.cases.order_by("position"))
    case = cases[case_index] if cases else None
    return services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=version.procedure,
        case=case,
        provided=_handed_in(version, case),
        applicant=person(),
        agency=world.committee_soc_son,
        at=at(when),
    )


@pytest.mark.parametrize("code", sorted(MOST_USED))
def test_the_officer_is_offered_the_curated_checklist(client, world, curated, code):
    overlay = OVERLAYS[code]
    version = _version(code)
    assert version.name == overlay["name"]
    cases = list(version.cases.order_by("position"))
    assert [c.title for c in cases] == [c["name"] for c in overlay["cases"]]
    for index, case in enumerate(cases or [None]):
        assert _checklist_rows(version, case) == _overlay_rows(overlay, index), code
    assert [n.text for n in version.notes.order_by("position")] == overlay["notes"]
    assert version.sources == overlay["sources"]

    client.force_login(world.officer)
    page = client.get(reverse("workspace:receive"), {"procedure": code}).content.decode()
    for case in overlay["cases"]:
        assert escape(Truncator(case["name"]).chars(200)) in page
    for doc in overlay["common_documents"] + (overlay["cases"][0]["documents"] if overlay["cases"] else []):
        assert escape(Truncator(doc["name"]).chars(200)) in page, doc["name"]
        if doc["condition"]:
            assert escape(f"chỉ khi: {Truncator(doc['condition']).chars(160)}") in page
    for heading in ("* Giấy tờ phải nộp", "* Giấy tờ phải xuất trình", "* Lưu ý"):
        assert heading not in page
    if any(d["one_of"] for d in overlay["common_documents"]):
        assert '<b class="alternative">hoặc</b>' in page


@pytest.mark.parametrize("code", sorted(MOST_USED))
def test_a_complete_dossier_received_at_ten_gets_the_legal_appointment(world, curated, code):
    term = OVERLAYS[code]["terms"]["in_person"][0]
    received = at(f"{WEDNESDAY} 10:00")
    dossier = _receive(world, code, f"{WEDNESDAY} 10:00")
    assert dossier.due_at.astimezone(TZ) == expected_appointment(term, received), code
    slip = adapters.receipt(dossier, URL.format(code=dossier.code))
    assert slip.appointment_at.astimezone(TZ) == expected_appointment(term, received)
    assert "chưa xác định" not in slip.time_limit_text


@pytest.mark.parametrize(
    "code, when, appointment",
    [
        ("1.001193", f"{WEDNESDAY} 10:00", "2026-03-04 17:00"),  # birth: the same working day
        ("1.001193", f"{WEDNESDAY} 15:30", "2026-03-05 17:00"),  # after 15:00: the next working day
        ("1.000894", "2026-03-06 16:10", "2026-03-09 17:00"),  # marriage on a Friday afternoon: Monday
        ("1.004873", f"{WEDNESDAY} 10:00", "2026-03-09 10:00"),  # marital status: 03 working days
        ("1.004222", f"{WEDNESDAY} 10:00", "2026-03-13 10:00"),  # permanent residence: 07 working days
        ("1.004194", f"{WEDNESDAY} 15:30", "2026-03-09 17:00"),  # temporary residence after 15:00
        ("2.000815", "2026-03-06 15:01", "2026-03-09 17:00"),  # certified copy after 15:00 on a Friday
        ("3.000333", f"{WEDNESDAY} 10:00", "2026-03-16 17:00"),  # criminal record: 10 days end on a Saturday
    ],
)
def test_the_counter_cut_off_and_the_calendar(world, curated, code, when, appointment):
    dossier = _receive(world, code, when)
    assert dossier.due_at.astimezone(TZ) == at(appointment)


def test_a_curated_doubt_stays_flagged_for_review_and_a_settled_fact_is_not(curated):
    changed = _version("1.004859")  # the crawl's "1" against the law's 03 working days
    assert changed.needs_review
    assert {"field": "time_limit", "reason": "source_conflict"}.items() <= changed.review_reasons[0].items()
    birth = _version("1.001193")
    assert not birth.needs_review and birth.review_reasons == []


def test_any_one_of_the_alternatives_completes_the_dossier_and_none_names_them_all(world, curated):
    version = _version("1.001193")
    docs = {d.name.split(" (")[0]: d for d in version.documents.all()}
    witness = docs["Văn bản của người làm chứng xác nhận về việc sinh"]
    declaration = docs["Tờ khai đăng ký khai sinh theo mẫu"]
    identity = next(d for d in version.documents.all() if d.name.startswith("Giấy tờ tùy thân"))
    dossier = services.receive_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=version.procedure,
        # A witness's statement instead of the birth certificate.
        provided=[declaration.pk, witness.pk, identity.pk],
        applicant=person(),
        agency=world.committee_soc_son,
        at=at(f"{WEDNESDAY} 09:00"),
    )
    assert dossier.due_at.astimezone(TZ) == at(f"{WEDNESDAY} 17:00")
    with pytest.raises(ChecklistIncomplete) as refused:
        services.receive_at_counter(
            officer=world.officer,
            place=world.point_ba_dinh,
            procedure=version.procedure,
            provided=[declaration.pk, identity.pk],
            applicant=person(),
            agency=world.committee_soc_son,
            at=at(f"{WEDNESDAY} 09:00"),
        )
    alternatives = [d.name for d in version.documents.order_by("position") if d.one_of]
    assert len(alternatives) == 3
    assert [m["name"] for m in refused.value.details["missing"]] == alternatives


def test_a_corrected_overlay_is_published_as_a_new_version_like_any_other(curated, tmp_path):
    """Curators fix a fact; the next import publishes a new version from today and closes the old one."""
    path = tmp_path / "birth.jsonl.gz"
    with gzip.open(importer.DATA_FILE, "rt", encoding="utf-8") as source, gzip.open(path, "wt") as out:
        out.writelines(line for line in source if line.strip() and json.loads(line)["code"] == "1.001193")
    before = _version("1.001193")
    corrected = copy.deepcopy(OVERLAYS)
    corrected["1.001193"]["notes"].append(
        "Trẻ em sinh ra và chết trước khi đăng ký khai sinh: khai sinh và khai tử cùng lúc."
    )
    report = importer.import_catalog(path, overlays=corrected)
    assert report.republished == ["1.001193"]
    after = _version("1.001193")
    assert after.number == before.number + 1 and after.status == "published"
    assert after.valid_from == timezone.localdate()
    assert after.notes.order_by("-position").first().text.startswith("Trẻ em sinh ra và chết")
    before.refresh_from_db()
    assert before.valid_to == after.valid_from  # one version in force on any day
    assert importer.import_catalog(path, overlays=corrected).unchanged == 1


@pytest.mark.parametrize(
    "code, limit, appointment",
    [
        ("1.001193", "trong ngày", "17 giờ 00 phút, ngày 04 tháng 3 năm 2026"),
        ("1.000894", "trong ngày", "17 giờ 00 phút, ngày 04 tháng 3 năm 2026"),
        ("1.004222", "7 ngày làm việc", "10 giờ 00 phút, ngày 13 tháng 3 năm 2026"),
    ],
)
def test_the_printed_slip_states_the_limit_and_the_appointment(world, curated, code, limit, appointment):
    dossier = _receive(world, code, f"{WEDNESDAY} 10:00")
    text = pdf_text(render_pdf(adapters.receipt(dossier, URL.format(code=dossier.code))))
    assert f"Thời hạn giải quyết hồ sơ theo quy định: {limit}" in text
    assert appointment in text.split("Thời gian trả kết quả giải quyết hồ sơ:")[1]
    assert "chưa xác định" not in text


def test_papers_shown_are_checked_but_not_printed_among_the_papers_handed_in(client, world, curated):
    # Nghị định 123/2015/NĐ-CP, Điều 2 khoản 1: the identity paper is shown, checked and handed back.
    identity = (
        "Giấy tờ tùy thân của cả hai bên nam, nữ (hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ "
        "khác có ảnh, còn giá trị sử dụng)"
    )
    version = _version("1.000894")  # marriage registration
    shown = {d.name: d for d in version.documents.all() if d.presented}
    assert set(shown) == {identity, "Giấy tờ chứng minh nơi cư trú"}
    assert shown[identity].required and not shown["Giấy tờ chứng minh nơi cư trú"].required
    client.force_login(world.officer)
    page = client.get(reverse("workspace:receive"), {"procedure": "1.000894"}).content.decode()
    assert page.count("xuất trình bản chính: kiểm tra, đối chiếu rồi trả lại, không giữ") == 2

    dossier = _receive(world, "1.000894", f"{WEDNESDAY} 10:00")
    page = client.get(reverse("workspace:dossier", args=[dossier.code])).content.decode()
    assert f"Đã xuất trình, đã trả lại: {escape(Truncator(identity).chars(160))}" in page
    slip = adapters.receipt(dossier, URL.format(code=dossier.code))
    assert slip.presented == (identity,)
    assert [line.name for line in slip.documents] == [
        d.name for d in version.documents.order_by("position") if d.required and not d.presented
    ]
    text = " ".join(pdf_text(render_pdf(slip)).split())
    assert "Giấy tờ xuất trình (đã kiểm tra, đối chiếu và trả lại người nộp): Giấy tờ tùy thân" in text
    handed_in = text.split("1. Thành phần hồ sơ nộp gồm:")[1].split("Giấy tờ xuất trình")[0]
    assert "Giấy tờ tùy thân" not in handed_in and "Tờ khai đăng ký kết hôn" in handed_in


def test_a_paper_under_the_shown_heading_of_the_source_is_marked_shown():
    # 1.000080 (nhận cha, mẹ, con): "* Giấy tờ phải nộp" then "* Giấy tờ phải xuất trình" in the source
    record = next(
        json.loads(line)
        for line in gzip.open(importer.DATA_FILE, "rt", encoding="utf-8")
        if '"1.000080"' in line and json.loads(line)["code"] == "1.000080"
    )
    from motcua.catalog.parsing import parse_record

    documents = parse_record(record).documents
    shown = [d.name for d in documents if d.presented]
    assert shown and all("cư trú" in name or "nhân thân" in name for name in shown), shown
    handed_in = [d for d in documents if not d.presented]
    assert handed_in[0].name.startswith("Trường hợp không có văn bản nêu trên")  # under "phải nộp"
    assert any(d.name.startswith("Tờ khai đăng ký nhận cha, mẹ, con") for d in handed_in)
