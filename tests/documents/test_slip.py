"""The receipt (form 01) as the citizen takes it home: numbered in its center's series of the year, the
place and date under the motto, one page for up to 8 papers. Read back with Poppler."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.documents.models import ReceiptNumber
from motcua.documents.receipts import receipt_number
from motcua.dossiers.forms_pdf import adapters, render_pdf
from motcua.dossiers.forms_pdf.context import DocumentLine, Issuer, Person, ReceiptForm
from motcua.org.models import Agency
from motcua.org.services import ensure_roles
from tests.dossiers.conftest import receive
from tests.dossiers.factories import World
from tests.dossiers.pdf.readers import pdf_pages, pdf_text
from tests.dossiers.test_concurrency import together

URL = "https://motcua.example.vn/tra-cuu/{code}?k=Zx81Qm"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def slip_text(dossier) -> str:
    return pdf_text(render_pdf(adapters.receipt(dossier, URL.format(code=dossier.code))))


@pytest.mark.django_db
def test_the_slip_carries_its_number_place_and_date(world):
    dossier = receive(world, when="2026-12-07 09:30")  # at the Ba Đình point of Hà Nội's center
    text = slip_text(dossier)
    assert "Số: 01/2026/TN" in text
    assert "Ba Đình, ngày 07 tháng 12 năm 2026" in text
    assert "……" not in text and "....../" not in text


@pytest.mark.django_db
def test_numbers_follow_each_other_in_the_center_and_a_reprint_keeps_its_number(world):
    first = receive(world, when="2026-03-02 09:00")
    second = receive(world, place=world.point_soc_son, officer=world.officer_soc_son, when="2026-03-02 09:05")
    assert receipt_number(first) == "01/2026/TN"
    assert receipt_number(second) == "02/2026/TN"  # another branch of the same center: the same series
    assert receipt_number(first) == "01/2026/TN"  # printed again, the same number
    assert "Số: 01/2026/TN" in slip_text(first)
    assert ReceiptNumber.objects.filter(dossier__in=[first, second]).count() == 2


@pytest.mark.django_db
def test_a_new_year_starts_the_series_again(world):
    december = receive(world, when="2026-12-31 10:00")
    january = receive(world, when="2027-01-04 09:00")
    assert receipt_number(december) == "01/2026/TN"
    assert receipt_number(january) == "01/2027/TN"


@pytest.mark.django_db
def test_a_dossier_not_yet_received_has_no_receipt_number(world):
    dossier = receive(world)
    dossier.received_at = None
    with pytest.raises(ValueError):
        receipt_number(dossier)


@pytest.fixture
def live_world(committed_world, transactional_db):
    """The package's world while it exists; the database is flushed after each transactional test."""
    if Agency.objects.filter(pk=committed_world.committee_soc_son.pk).exists():
        return committed_world
    ensure_roles()
    return World()


@pytest.mark.django_db(transaction=True)
def test_two_counters_printing_at_the_same_moment_get_two_consecutive_numbers(live_world):
    w = live_world

    def reception_and_slip(counter, officer):
        def run():
            dossier = receive(w, officer=officer, counter=counter, when="2026-03-02 09:00")
            return receipt_number(dossier)

        return run

    results = together(reception_and_slip(w.counter1, w.officer), reception_and_slip(w.counter2, w.officer2))
    assert sorted(results) == ["01/2026/TN", "02/2026/TN"], results
    later = receive(w, when="2026-03-02 10:00")
    assert receipt_number(later) == "03/2026/TN"


@pytest.mark.django_db(transaction=True)
def test_one_slip_printed_twice_at_once_gets_one_number(live_world):
    dossier = receive(live_world, when="2026-03-02 09:00")
    results = together(lambda: receipt_number(dossier), lambda: receipt_number(dossier))
    assert results == ["01/2026/TN", "01/2026/TN"], results
    assert ReceiptNumber.objects.filter(dossier=dossier).count() == 1


PAPERS = (
    "Tờ khai đăng ký khai sinh theo mẫu quy định",
    "Giấy chứng sinh do cơ sở y tế nơi trẻ em sinh ra cấp; trường hợp không có, văn bản của người làm chứng",
    "Bản sao Giấy chứng nhận kết hôn của cha, mẹ trẻ em (nếu cha, mẹ đã đăng ký kết hôn)",
    "Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký",
    "Giấy tờ chứng minh nơi cư trú của người yêu cầu",
    "Biên bản xác nhận việc trẻ bị bỏ rơi do Ủy ban nhân dân cấp xã nơi trẻ bị bỏ rơi lập",
    "Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con",
    "Giấy tờ tùy thân của người đi đăng ký khai sinh (hộ chiếu, căn cước hoặc giấy tờ khác có ảnh)",
)


def slip_with(papers: int) -> bytes:
    lines = tuple(
        DocumentLine(name, originals=1, copies=i % 2, note="Tái sử dụng bản điện tử" if i % 3 == 0 else "")
        for i, name in enumerate(PAPERS[:papers])
    )
    form = ReceiptForm(
        issuer=Issuer(
            unit="Chi nhánh số 1",
            parent="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
            place="Ba Đình",
            number="125/2026/TN",
        ),
        dossier_code="000.00.12.H26-261207-0125",
        applicant=Person(
            full_name="Nguyễn Thị Hương",
            id_number="001190012345",
            phone="0912345678",
            address="Thôn Đông Xuân, xã Sóc Sơn, thành phố Hà Nội",
            email="huong@example.vn",
            sex="female",
        ),
        submitter=Person(full_name="Lê Văn Cường", id_number="001090011111", phone="0987654321"),
        procedure_name="Đăng ký khai sinh (thủ tục 1.001193)",
        documents=lines,
        received_at=datetime(2026, 12, 7, 9, 30, tzinfo=VN),
        appointment_at=datetime(2026, 12, 10, 9, 30, tzinfo=VN),
        time_limit_text="03 ngày làm việc",
        tracking_url="https://motcua.example.vn/tra-cuu/000.00.12.H26-261207-0125?k=Zx81Qm7Kq2",
        result_place="Chi nhánh số 1 — Trung tâm Phục vụ hành chính công, phường Ba Đình",
        handling_agency="Ủy ban nhân dân phường Ba Đình",
        received_by="Trần Thị Bình",
        channel_label="Trực tiếp tại quầy",
    )
    return render_pdf(form)


@pytest.mark.parametrize("papers", [1, 5, 8])
def test_up_to_eight_papers_fit_on_one_page_with_both_signatures(papers):
    pdf = slip_with(papers)
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Vui lòng mang theo giấy này khi nhận kết quả." in text
    assert all(name in text for name in PAPERS[:papers])
    assert "Ba Đình, ngày 07 tháng 12 năm 2026" in text
