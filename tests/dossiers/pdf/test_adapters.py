"""Forms printed from real dossiers: received, asked to complete, refused, late, withdrawn, tracked —
each made through the dossier services, then rendered and read back."""

import os
from pathlib import Path

import pytest

from motcua.documents import services as documents
from motcua.dossiers import services
from motcua.dossiers.forms_pdf import adapters, render_pdf
from motcua.dossiers.models import ApologyLetter, SupplementRequest
from tests.documents import samples as files
from tests.dossiers.conftest import receive
from tests.dossiers.factories import at, person

from .readers import pdf_text, qr_codes

pytestmark = pytest.mark.django_db
URL = "https://motcua.example.vn/tra-cuu/{code}?k=Zx81Qm"
# MOTCUA_FORMS_OUT=/some/dir keeps the rendered PDFs to look at (pdftoppm -png -r 60 ...).
OUT = Path(os.environ["MOTCUA_FORMS_OUT"]) if os.environ.get("MOTCUA_FORMS_OUT") else None


def test_the_receipt_of_a_counter_dossier(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = receive(world)
    tokhai = dossier.checklist.order_by("position").first()
    documents.store_document(
        content=files.pdf(),
        filename="to-khai.pdf",
        name=tokhai.name,
        actor=world.officer,
        dossier=dossier,
        required_document=tokhai.required_document,
        digitised=True,
    )
    url = URL.format(code=dossier.code)

    form = adapters.receipt(dossier, url)
    pdf = render_pdf(form)
    text = pdf_text(pdf)
    if OUT:
        (OUT / "adapter-01.pdf").write_bytes(pdf)

    assert dossier.code in text
    assert "Nguyễn Văn An" in text and "001090012345" in text
    assert "Thủ tục thử nghiệm 9.100001 (thủ tục 9.100001)" in text
    assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 3 năm 2026" in text
    appointment = form.appointment_at.astimezone(at("2026-01-01 00:00").tzinfo)
    assert f"{appointment:%H} giờ {appointment:%M} phút" in text
    assert "Ủy ban nhân dân xã Sóc Sơn" in text  # the agency the dossier was routed to
    assert "Trần Thị Bình" in text  # the officer who received it
    assert "Đã số hóa" in text  # the scanned form is marked
    assert [line.name for line in form.documents] == list(
        dossier.checklist.filter(provided=True).order_by("position").values_list("name", flat=True)
    )
    assert qr_codes(pdf) == [url]


def test_supplement_apology_stop_and_tracking_sheet_of_one_dossier(world):
    dossier = receive(world)
    dossier = services.assign(
        dossier,
        actor=world.leader,
        version=dossier.version,
        assignee=world.specialist,
        at=at("2026-03-02 10:00"),
    )
    dossier = services.request_supplement(
        dossier,
        actor=world.specialist,
        version=dossier.version,
        items=["Bản sao giấy chứng sinh có chứng thực", "Xác nhận cư trú của người mẹ"],
        reason="Bản sao chưa chứng thực",
        at=at("2026-03-02 11:00"),
    )
    supplement = pdf_text(render_pdf(adapters.supplement(SupplementRequest.objects.get(dossier=dossier))))
    assert "Bản sao giấy chứng sinh có chứng thực" in supplement
    assert "Xác nhận cư trú của người mẹ" in supplement
    assert "Lý do: Bản sao chưa chứng thực" in supplement
    assert "đề nghị Ông bổ sung" in supplement  # the applicant is a man

    dossier = services.receive_supplement(
        dossier, actor=world.officer, version=dossier.version, at=at("2026-03-03 09:00")
    )
    dossier = services.extend(
        dossier,
        actor=world.leader,
        version=dossier.version,
        new_appointment=at("2026-03-12 16:00"),
        reason="Chờ xác minh tại nơi cư trú",
        at=at("2026-03-04 09:00"),
    )
    apology = pdf_text(render_pdf(adapters.apology(ApologyLetter.objects.get(dossier=dossier))))
    assert "Kính gửi: Ông Nguyễn Văn An" in apology
    assert "16 giờ 00 phút, ngày 12 tháng 3 năm 2026" in apology
    assert "Lý do: Chờ xác minh tại nơi cư trú" in apology
    assert "Sóc Sơn, ngày 04 tháng 3 năm 2026" in apology

    dossier = services.withdraw(
        dossier,
        actor=world.officer,
        version=dossier.version,
        reason="Người yêu cầu rút hồ sơ",
        at=at("2026-03-05 14:20"),
    )
    notice = pdf_text(render_pdf(adapters.stop_notice(dossier)))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in notice
    assert "14 giờ 20 phút, ngày 05 tháng 3 năm 2026" in notice
    assert "Ông đã đề nghị rút hồ sơ" in notice

    sheet = adapters.tracking_sheet(dossier, at=at("2026-03-05 15:00"))
    assert len(sheet.rows) == dossier.tracking.count() >= 5
    pdf = render_pdf(sheet)
    if OUT:
        (OUT / "adapter-06.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    for label in ("Tiếp nhận hồ sơ", "Phân công", "Yêu cầu bổ sung hồ sơ", "Nhận hồ sơ bổ sung", "Rút hồ sơ"):
        assert label in text
    for actor in ("Trần Thị Bình", "Đỗ Văn Hùng", "Hoàng Văn Em"):  # officer, leader, specialist
        assert actor in text
    assert "Ủy ban nhân dân xã Sóc Sơn" in text


def test_counter_guidance_and_refusal_slips(world):
    version = world.version(world.birth)
    guidance = services.issue_completion_guidance(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        applicant_name="Lê Thị Thu",
        case=world.case(world.birth),
        provided=[],
        at=at("2026-03-02 09:30"),
    )
    text = pdf_text(render_pdf(adapters.counter_slip(guidance)))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    for required in version.documents.filter(required=True, case__isnull=True):
        assert required.name in text
    assert "Lê Thị Thu" in text

    refusal = services.refuse_at_counter(
        officer=world.officer,
        place=world.point_ba_dinh,
        procedure=world.birth,
        applicant_name="Lê Thị Thu",
        reasons=["Hồ sơ giả mạo chữ ký"],
        at=at("2026-03-02 09:40"),
    )
    text = pdf_text(render_pdf(adapters.counter_slip(refusal)))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hồ sơ giả mạo chữ ký" in text


def test_a_dossier_never_stopped_has_no_stop_notice(world):
    with pytest.raises(ValueError):
        adapters.stop_notice(receive(world))


def test_an_applicant_from_person_factory_is_printed_with_address():
    # Pure check of the person mapping on an unsaved applicant row.
    from motcua.dossiers.models import Applicant

    data = person()
    applicant = Applicant(**{k: v for k, v in data.items() if k not in {"commune", "birth_date"}})
    mapped = adapters.person(applicant)
    assert (mapped.full_name, mapped.id_number, mapped.sex, mapped.is_organisation) == (
        "Nguyễn Văn An",
        "001090012345",
        "male",
        False,
    )
