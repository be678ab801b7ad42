"""The six dossier forms, rendered to PDF and read back with Poppler and ZBar."""

import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from motcua.dossiers.forms_pdf import render_html, render_pdf
from motcua.dossiers.forms_pdf.context import Person, TrackingRow

from . import samples
from .readers import pdf_fonts, pdf_page_size_mm, pdf_pages, pdf_text, qr_codes

NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
}


@pytest.fixture(scope="module")
def rendered():
    """Each sample form rendered once for the module (WeasyPrint takes ~0.3 s a page)."""
    return {number: render_pdf(build()) for number, build in samples.ALL.items()}


@pytest.mark.parametrize("number", sorted(TITLES))
def test_every_form_has_the_national_header_its_number_title_and_issuer(rendered, number):
    pdf = rendered[number]
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for line in NATIONAL:
        assert line in text
    assert f"Mẫu số {number}" in text
    assert TITLES[number] in text
    assert "UBND THÀNH PHỐ HÀ NỘI" in text  # the governing body, upper-case as on paper
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("number", sorted(TITLES))
def test_every_form_names_the_applicant_and_the_dossier(rendered, number):
    text = pdf_text(rendered[number])
    assert "Nguyễn Thị Hương" in text
    assert "Đăng ký khai sinh (thủ tục 1.001193)" in text
    if number != "03":  # the sample refusal happens at the counter, before any code exists
        assert samples.CODE in text


@pytest.mark.parametrize("number", sorted(TITLES))
def test_fonts_are_the_shipped_ones_and_embedded(rendered, number):
    fonts = pdf_fonts(rendered[number])
    assert fonts
    assert all(name.startswith("MotcuaSerif") and embedded for name, embedded in fonts), fonts


def test_receipt_reads_as_form_01(rendered):
    pdf = rendered["01"]
    text = pdf_text(pdf)
    assert pdf_pages(pdf) == 1
    assert pdf_page_size_mm(pdf) == (210, 297)
    assert "Hà Nội, ngày 05 tháng 11 năm 2020" in text
    assert "Trung tâm Phục vụ hành chính công thành phố Hà Nội tiếp nhận hồ sơ của" in text
    assert "Số định danh cá nhân: 001190012345" in text
    assert "Giấy chứng sinh do cơ sở y tế cấp" in text
    assert "2. Số lượng hồ sơ: 01 (bộ)" in text
    assert "3. Thời hạn giải quyết hồ sơ theo quy định: 05 ngày làm việc" in text
    assert "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05 tháng 11 năm 2020" in text
    assert "17 giờ 00 phút, ngày 12 tháng 11 năm 2020" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Trần Văn Đức" in text


def test_receipt_qr_code_decodes_to_the_tracking_url(rendered):
    assert qr_codes(rendered["01"]) == [samples.URL]


def test_qr_code_survives_a_long_url_with_a_vietnamese_path():
    url = "https://dichvucong.example.vn/tra-cuu/000.00.12.H62-251231-12345?k=" + "Ab9" * 12
    pdf = render_pdf(samples.receipt(tracking_url=url))
    assert qr_codes(pdf) == [url]


def test_receipt_without_time_limit_says_so():
    text = pdf_text(render_pdf(samples.receipt(appointment_at=None, time_limit_text="Không quy định")))
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: không quy định thời hạn" in text


def test_supplement_lists_every_item_once(rendered):
    text = pdf_text(rendered["02"])
    assert "Bổ sung Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp (bản chính)." in text
    assert "Ghi đầy đủ quê quán của người mẹ tại mục 5 của tờ khai." in text
    assert "đề nghị Bà bổ sung, hoàn thiện hồ sơ" in text
    assert "024 3825 6789" in text
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_refusal_gives_the_legal_basis_and_reasons(rendered):
    text = pdf_text(rendered["03"])
    assert "Căn cứ khoản 1 Điều 16 Nghị định số 118/2025/NĐ-CP" in text
    assert "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã." in text


def test_apology_gives_both_appointments_and_is_signed_by_the_agency(rendered):
    text = pdf_text(rendered["04"])
    assert "Kính gửi: Bà Nguyễn Thị Hương" in text
    assert "Sóc Sơn, ngày 11 tháng 11 năm 2020" in text
    assert "17 giờ 00 phút, ngày 12 tháng 11 năm 2020" in text  # the appointment missed
    assert "10 giờ 00 phút, ngày 16 tháng 11 năm 2020" in text  # the new one
    assert "Ủy ban nhân dân xã Sóc Sơn xin lỗi Bà" in text
    assert "CHỦ TỊCH" in text and "Lê Minh Quân" in text


def test_stop_notice_says_when_the_applicant_withdrew(rendered):
    text = pdf_text(rendered["05"])
    assert "Ngày 09 tháng 11 năm 2020, Bà đã đề nghị rút hồ sơ" in text
    assert "14 giờ 15 phút, ngày 09 tháng 11 năm 2020" in text


def test_tracking_sheet_is_a_landscape_table_of_hand_overs(rendered):
    pdf = rendered["06"]
    text = pdf_text(pdf)
    assert pdf_page_size_mm(pdf) == (297, 210)
    for expected in ("09:10 05/11/2020", "Trước hạn", "Đúng hạn", "Quá hạn", "Chậm do xác minh"):
        assert expected in text
    assert "Trang 1/1" in text


def test_a_long_history_continues_on_numbered_pages():
    start = datetime(2025, 7, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    rows = tuple(
        TrackingRow(
            at=start + timedelta(hours=i),
            giver=f"Cán bộ số {i}",
            receiver=f"Cán bộ số {i + 1}",
            step_due_at=start + timedelta(hours=i, minutes=30),
        )
        for i in range(45)
    )
    pdf = render_pdf(samples.tracking_sheet(rows=rows))
    text = pdf_text(pdf)
    pages = pdf_pages(pdf)
    assert pages >= 2
    assert f"Trang {pages}/{pages}" in text
    assert "Cán bộ số 44" in text
    assert text.count("Bên giao") == pages  # the table head repeats on every page


def test_an_organisation_is_addressed_by_name_with_its_tax_code():
    company = Person(full_name="Công ty TNHH Thương mại Đông Á", id_number="0101234567", is_organisation=True)
    text = pdf_text(render_pdf(samples.apology(applicant=company)))
    assert "Kính gửi: Công ty TNHH Thương mại Đông Á" in text
    assert "xin lỗi Quý tổ chức" in text
    receipt = pdf_text(render_pdf(samples.receipt(applicant=company)))
    assert "Mã số thuế: 0101234567" in receipt


def test_decomposed_input_is_printed_composed():
    nfd = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    text = pdf_text(render_pdf(samples.refusal(applicant=Person(full_name=nfd))))
    assert "Phạm Thị Ngọc Ánh" in text


def test_user_text_is_escaped_not_interpreted():
    html = render_html(samples.receipt(applicant=Person(full_name='<img src="file:///etc/passwd">Lan')))
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;Lan" in html
    assert '<img src="file:///etc/passwd">' not in html


def test_the_renderer_reads_nothing_outside_its_package():
    from motcua.dossiers.forms_pdf.render import resource_fetcher

    fetcher = resource_fetcher()
    for url in ("file:///etc/hostname", "http://127.0.0.1:8000/", "https://example.com/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
