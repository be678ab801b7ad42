"""Reception at a counter: received with a receipt, completion guidance (form 02), refusal (form 03)."""

import pytest

from motcua.catalog import services as catalog
from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import (
    Applicant,
    CounterSlip,
    Dossier,
    IdempotencyRecord,
    OutboxMessage,
    Payment,
    TrackingEntry,
)
from motcua.org import services as org
from motcua.org.models import AgencyKind
from tests.org.factories import agency

from .conftest import receive
from .factories import at, person, procedure

pytestmark = pytest.mark.django_db


def nothing_stored():
    return not (
        Dossier.objects.exists()
        or Applicant.objects.exists()
        or TrackingEntry.objects.exists()
        or OutboxMessage.objects.exists()
        or IdempotencyRecord.objects.exists()
    )


def test_a_complete_dossier_is_received_with_code_receipt_and_due_moment(world):
    dossier = receive(world, when="2026-03-02 09:00", counter=world.counter1)
    assert dossier.code == "000.00.12.H26-260302-0001"
    assert dossier.status == "received" and dossier.version == 1
    assert dossier.received_place == world.point_ba_dinh and dossier.counter == world.counter1
    assert dossier.clock_started_at == at("2026-03-02 09:00")
    assert dossier.due_at == dossier.appointment_at == at("2026-03-05 09:00")
    assert dossier.time_limit_text == "3 ngày làm việc"
    assert dossier.applicant.id_number == "001090012345" and dossier.applicant.commune == world.soc_son
    lines = list(dossier.checklist.values_list("name", "provided", "required"))
    assert lines == [
        ("Tờ khai", True, True),
        ("Giấy chứng sinh", True, True),
        ("Giấy tờ khác (nếu có)", False, False),
    ]
    steps = list(dossier.steps.order_by("position"))
    assert [s.name for s in steps] == [
        "Tiếp nhận hồ sơ",
        "Thẩm định, xử lý hồ sơ",
        "Phê duyệt kết quả",
        "Trả kết quả",
    ]
    assert steps[0].finished_by == world.officer and dossier.current_step == steps[1]
    assert steps[-1].due_at == dossier.due_at
    assert [s.due_at for s in steps] == sorted(s.due_at for s in steps)
    entry = dossier.tracking.get()
    assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
        "receive",
        "",
        "received",
        world.officer,
    )
    assert entry.step_name == "Thẩm định, xử lý hồ sơ" and entry.step_due_at == steps[1].due_at
    event = OutboxMessage.objects.get()
    assert event.topic == "dossier.receive" and event.key == dossier.code
    assert event.payload["portal_status"] == 2 and event.payload["portal_channel"] == 1
    assert event.payload["due_at"] == "2026-03-05T02:00:00+00:00" or event.payload["due_at"].startswith(
        "2026-03-05T09"
    )
    assert "001090012345" not in str(event.payload) and "0912345678" not in str(event.payload)


def test_codes_follow_each_other_per_agency_and_day(world):
    first = receive(world, when="2026-03-02 09:00")
    second = receive(world, when="2026-03-02 09:05", officer=world.officer2)
    other_day = receive(world, when="2026-03-03 09:00")
    assert [first.code, second.code, other_day.code] == [
        "000.00.12.H26-260302-0001",
        "000.00.12.H26-260302-0002",
        "000.00.12.H26-260303-0001",
    ]


def test_received_after_the_cut_off_counts_from_the_next_opening(world):
    dossier = receive(world, when="2026-03-02 15:30")
    assert dossier.clock_started_at == at("2026-03-03 08:00")
    assert dossier.due_at == at("2026-03-05 17:00")


def test_an_incomplete_dossier_is_not_stored_and_every_missing_document_is_listed(world):
    tokhai = world.documents(world.birth)[0]
    with pytest.raises(DomainError) as error:
        receive(world, provided=[])
    assert error.value.code == "dossier.checklist_incomplete"
    assert [m["name"] for m in error.value.details["missing"]] == ["Tờ khai", "Giấy chứng sinh"]
    with pytest.raises(DomainError) as error:
        receive(world, provided=[tokhai], case_index=1)
    assert [m["name"] for m in error.value.details["missing"]] == ["Văn bản xác nhận cư trú"]
    assert nothing_stored()


def test_completion_guidance_is_recorded_as_a_slip_and_an_event_not_a_dossier(world):
    tokhai = world.documents(world.birth)[0]
    slip = services.issue_completion_guidance(
        officer=world.officer,
        counter=world.counter2,
        procedure=world.birth,
        case=world.case(world.birth),
        provided=[tokhai],
        applicant_name="Nguyễn Văn An",
        extra_items=["Tờ khai thiếu chữ ký"],
        at=at("2026-03-02 09:00"),
    )
    assert slip.kind == "guidance" and slip.place == world.point_ba_dinh
    assert slip.items == ["Giấy chứng sinh", "Tờ khai thiếu chữ ký"]
    assert not Dossier.objects.exists()
    assert OutboxMessage.objects.get().topic == "counter.guidance_issued"
    with pytest.raises(DomainError) as error:
        services.issue_completion_guidance(
            officer=world.officer,
            place=world.point_ba_dinh,
            procedure=world.birth,
            case=world.case(world.birth),
            provided=world.documents(world.birth),
            applicant_name="Nguyễn Văn An",
        )
    assert error.value.code == "dossier.checklist_complete"


def test_a_refusal_at_the_counter_needs_reasons(world):
    with pytest.raises(DomainError) as error:
        services.refuse_at_counter(
            officer=world.officer,
            place=world.point_ba_dinh,
            procedure=world.birth,
            applicant_name="A",
            reasons=[" "],
        )
    assert error.value.code == "dossier.note_required"
    slip = services.refuse_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        applicant_name="Nguyễn Văn An",
        reasons=["Không thuộc thẩm quyền giải quyết"],
    )
    assert slip.kind == "refusal" and CounterSlip.objects.count() == 1
    assert OutboxMessage.objects.get().topic == "counter.refused"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "001090012345", "birth_date": "1991-05-17"}, "birth_date"),
        ({"id_number": "003090012345"}, "id_number"),
        ({"id_number": "00109001234"}, "id_number"),
        ({"sex": "female"}, "sex"),
        ({"phone": "12345"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"commune": "99999"}, "commune"),
        ({"full_name": "  "}, "full_name"),
        ({"kind": "robot"}, "kind"),
    ],
)
def test_a_bad_applicant_is_refused_and_nothing_is_stored(world, overrides, field):
    with pytest.raises(DomainError) as error:
        receive(world, applicant=person(**overrides))
    assert error.value.code == "dossier.invalid_applicant"
    assert field in error.value.details
    assert nothing_stored()


def test_an_organisation_needs_a_valid_tax_code_and_a_representative(world):
    company = {"kind": "organisation", "full_name": "Công ty TNHH Sóc Sơn Xanh", "commune": "00376"}
    with pytest.raises(DomainError) as error:
        receive(world, applicant={**company, "tax_code": "0100109107"})
    assert set(error.value.details) == {"tax_code", "representative_name"}
    dossier = receive(
        world, applicant={**company, "tax_code": "0100109106-001", "representative_name": "Lý Văn Ba"}
    )
    assert dossier.applicant.kind == "organisation" and dossier.applicant.tax_code == "0100109106001"


def test_a_submitter_filing_for_the_applicant_is_stored(world):
    dossier = receive(
        world,
        submitter={
            "full_name": "Trần Văn Bốn",
            "id_number": "001085000111",
            "relation": "Người được ủy quyền",
        },
    )
    assert (
        dossier.submitter.full_name == "Trần Văn Bốn" and dossier.submitter.relation == "Người được ủy quyền"
    )


def test_only_officers_of_the_place_receive_there(world):
    for intruder in (world.officer_soc_son, world.specialist, world.supervisor):
        with pytest.raises(DomainError) as error:
            receive(world, officer=intruder)
        assert error.value.code == "dossier.forbidden"
    assert nothing_stored()


def test_a_commune_bound_procedure_is_received_only_in_its_commune(world):
    proc = world.residence
    with pytest.raises(DomainError) as error:
        receive(world, proc)
    assert error.value.code == "dossier.outside_boundary"
    dossier = receive(world, proc, officer=world.officer_soc_son, place=world.point_soc_son)
    assert dossier.agency == world.committee_soc_son


def test_a_provincial_procedure_goes_to_the_department_with_its_fee(world):
    dossier = receive(world, world.licence, paid={"method": "cash", "reference": "BL-0001"})
    assert dossier.agency == world.justice and dossier.code.startswith("000.00.01.H26-260302-")
    assert dossier.due_at == at("2026-03-09 09:00")
    payment = Payment.objects.get(dossier=dossier)
    assert (payment.amount, payment.status, payment.reference) == (100_000, "paid", "BL-0001")


def test_a_case_of_another_version_and_an_unadopted_procedure_are_refused(world):
    with pytest.raises(DomainError) as error:
        services.receive_at_counter(
            officer=world.officer,
            place=world.point_ba_dinh,
            procedure=world.birth,
            case=world.case(world.licence),
            provided=world.documents(world.birth),
            applicant=person(),
            at=at("2026-03-02 09:00"),
        )
    assert error.value.code == "dossier.invalid_case"
    world.birth.adoptions.update(active=False)
    with pytest.raises(DomainError) as error:
        receive(world)
    assert error.value.code == "dossier.procedure_not_adopted"
    assert nothing_stored()


def test_a_counter_of_another_place_is_refused(world):
    other = org.add_counter(place=world.point_soc_son)
    with pytest.raises(DomainError) as error:
        receive(world, counter=other)
    assert error.value.code == "dossier.invalid_counter"


def test_a_department_named_with_another_province_routes_to_this_provinces_own(world):
    agency(world.province, AgencyKind.DEPARTMENT, name="Sở Xây dựng thành phố Hà Nội")
    named = {
        "Sở Tư pháp Thành phố Hải Phòng": world.justice,  # the national catalog's wording, another city
        "Sở Tư pháp": world.justice,
    }
    for number, (name, expected) in enumerate(named.items(), start=1):
        proc = procedure(f"9.20000{number}", level="province", agency_name=name)
        catalog.adopt(province=world.province, procedure=proc, active=True)
        assert receive(world, proc).agency == expected
    unknown = procedure("9.200009", level="province", agency_name="Sở Du lịch tỉnh Khánh Hòa")
    catalog.adopt(province=world.province, procedure=unknown, active=True)
    with pytest.raises(DomainError) as error:
        receive(world, unknown)
    assert error.value.code == "dossier.no_competent_agency"
