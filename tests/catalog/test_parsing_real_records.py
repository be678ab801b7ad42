"""The parser on real records of the national catalog (the package's data file), with values checked by
hand against the source text quoted in each test."""

import gzip
import json
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from motcua.catalog.parsing import parse_record

DATA = Path(__file__).resolve().parents[2] / "src" / "motcua" / "catalog" / "data" / "tthc-2026.jsonl.gz"


@cache
def records() -> dict[str, dict]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return {r["code"]: r for r in map(json.loads, handle)}


def parsed(code: str):
    return parse_record(records()[code])


def terms(code: str) -> list[tuple]:
    return [
        (t.channel.value, t.time.value, t.time.unit.value, t.fee.kind.value, t.fee.amount, t.fee.currency)
        for t in parsed(code).terms
    ]


def issues(code: str) -> list[str]:
    return [i["issue"] for i in parsed(code).issues]


def test_data_file_holds_both_sources_without_duplicates():
    data = records()
    assert len(data) == 2849
    origins = [r["source"] for r in data.values()]
    assert origins.count("chatbot-tthc/chatbot_tthc") == 2642
    assert origins.count("nhdandz/ThuTucHanhChinh") == 207
    assert all("raw_text" not in (r.get("raw") or {}) for r in data.values())


def test_complaint_procedure_working_days_and_no_fee_information():
    # "60 Ngày làm việc"; fees "Không có thông tinThời hạn giải quyết khiếu nại…"
    p = parsed("1.000178")
    assert terms("1.000178") == [
        ("postal", Decimal(60), "working_days", "unknown", None, "VND"),
        ("in_person", Decimal(60), "working_days", "unknown", None, "VND"),
    ]
    assert issues("1.000178") == ["fee_no_information", "fee_no_information"]
    assert p.levels == {"ministry"} and p.agency_kind == "ministry"  # "Thanh tra Bộ"
    assert [(d.originals, d.copies) for d in p.documents] == [(1, 0)] * 8
    optional = [d.name for d in p.documents if not d.required]
    assert optional == [
        "Biên bản tổ chức đối thoại (nếu có)",
        "Biên bản kiểm tra, xác minh, kết luận, kết quả giám định (nếu có)",
    ]


def test_bare_number_under_the_civil_status_law_is_working_days_and_fee_set_by_province_council():
    # time "7" (unit lost in the source), legal basis Luật Hộ tịch 60/2014/QH13 (limits in working days);
    # "Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh … quyết định…)"
    p = parsed("1.000080")
    assert [(t.time.value, t.time.unit, t.time_source) for t in p.terms] == [
        (7, "working_days", "legal_basis")
    ] * 3
    assert [t.time.text for t in p.terms] == ["7"] * 3
    assert [t.fee.kind for t in p.terms] == ["province"] * 3
    assert issues("1.000080") == []
    # "* Giấy tờ phải nộp / phải xuất trình / Lưu ý" are sections, not cases: papers common, notes apart
    assert p.cases == [] and {d.case_index for d in p.documents} == {None}
    assert p.documents[0].condition.startswith("Trường hợp không có văn bản nêu trên")
    assert not p.documents[0].required and p.documents[1].required
    assert len(p.notes) == 21
    assert p.results == [("Trích lục đăng ký nhận cha, mẹ, con", "KQ.G15.000033")]
    assert p.levels == {"commune"} and p.agency_kind == "commune_pc"


def test_bare_number_without_any_hint_stays_unknown_and_flagged():
    p = parsed("1.003650")
    assert [t.time.unit for t in p.terms] == ["unknown"] * 3
    assert issues("1.003650") == ["time_no_unit"] * 3


def test_template_file_glued_to_the_document_name():
    # "Văn bản đề nghị hủy tài khoản điện tử (NA20).Mau NA20-BCA.docx [1 bản chính]"
    p = parsed("1.000232")
    (document,) = p.documents
    assert document.name == "Văn bản đề nghị hủy tài khoản điện tử (NA20)."
    assert document.template_name == "Mau NA20-BCA.docx"
    assert (document.originals, document.copies, document.required) == (1, 0, True)
    assert p.results == [("Công văn thông báo hủy tài khoản điện tử (NB10)", "KQ.G01.000068")]
    assert "time_missing" in issues("1.000232")  # processing_time_text is empty


def test_defence_ministry_record_uses_the_structured_tables():
    # hinh_thuc_nop rows "30 Ngày làm việc" / "Phí : 0 Đồng"; ghi_chu "Bản chính: 1\nBản sao: 0"
    p = parsed("1.013124")
    assert terms("1.013124") == [
        ("in_person", Decimal(30), "working_days", "free", 0, "VND"),
        ("online", Decimal(30), "working_days", "free", 0, "VND"),
        ("postal", Decimal(30), "working_days", "free", 0, "VND"),
    ]
    assert [(d.originals, d.copies, d.template_name) for d in p.documents] == [
        (1, 0, ""),
        (1, 0, "5-PHLCII.doc"),
    ]
    (basis,) = p.legal_bases
    assert (basis.number, basis.issued_on, basis.issuer) == (
        "12/2021/QĐ-TTg",
        date(2021, 3, 24),
        "Thủ tướng Chính phủ",
    )
    assert p.issues == []


def test_several_rows_per_channel_kept_in_source_order():
    # "Trực tuyến: 5 Ngày làm việc; Dịch vụ bưu chính: 5 …; Trực tiếp: 5 …; Trực tuyến: 3 …; Trực tiếp: 3 …; …"
    assert terms("1.001471") == [
        ("online", Decimal(5), "working_days", "amount", 200000, "VND"),
        ("postal", Decimal(5), "working_days", "amount", 200000, "VND"),
        ("in_person", Decimal(5), "working_days", "amount", 200000, "VND"),
        ("online", Decimal(3), "working_days", "amount", 200000, "VND"),
        ("in_person", Decimal(3), "working_days", "amount", 200000, "VND"),
        ("postal", Decimal(3), "working_days", "amount", 200000, "VND"),
    ]
    templates = [d.template_name for d in parsed("1.001471").documents if d.template_name]
    assert templates == ["Mau TK01.tt73.2021.doc"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1.002372", [("in_person", Decimal(3), "hours", "free", 0, "VND")]),  # "3 Giờ", "Miễn phí(…)"
        ("1.001010", [("in_person", Decimal(6), "months", "amount", 100, "USD")]),  # "6 Tháng", "100 USD(…)"
        ("1.000886", [("in_person", Decimal(115), "calendar_days", "amount", 3700000, "VND")]),  # "115 Ngày"
        (
            "1.013097",  # "1.5 Ngày làm việc", "40,000 Việt Nam Đồng(- Xe ô tô trên 10 chỗ)…"
            [
                (c, Decimal("1.5"), "working_days", "amount", 40000, "VND")
                for c in ("postal", "in_person", "online")
            ],
        ),
        (
            "1.000771",  # "5 Ngày làm việc", "10 USD(/lần)"
            [(c, Decimal(5), "working_days", "amount", 10, "USD") for c in ("postal", "in_person", "online")],
        ),
        (
            "1.013144",  # "Không quy định", "Phí : 0 Đồng"
            [(c, None, "not_regulated", "free", 0, "VND") for c in ("in_person", "online", "postal")],
        ),
        (
            "1.008563",  # "40 Ngày", "Miễn phí(Không)"
            [(c, Decimal(40), "calendar_days", "free", 0, "VND") for c in ("postal", "in_person", "online")],
        ),
    ],
)
def test_time_units_and_fees(code, expected):
    assert terms(code) == expected
    assert issues(code) == []


def test_unit_lost_and_fee_only_in_a_note_without_amount():
    # time "120,000"; fee "VNĐ(Theo khoản 1 Điều 3 Thông tư số 172/2010/TT-BTC …)"
    assert terms("1.000005") == [("online", None, "unknown", "unknown", None, "VND")]
    assert issues("1.000005") == ["time_no_unit", "fee_amount_in_note"]
    bases = [(b.number, b.title) for b in parsed("1.000005").legal_bases]
    # "Luật 54/2014/QH1354/2014/QH13Thông tư 92/2015/TT-BTC92/2015/TT-BTCLuật 78/2006/QH1178/2006/QH11"
    assert bases == [
        ("54/2014/QH13", "Luật 54/2014/QH13"),
        ("92/2015/TT-BTC", "Thông tư 92/2015/TT-BTC"),
        ("78/2006/QH11", "Luật 78/2006/QH11"),
    ]


def test_legal_basis_numbers_glued_to_titles():
    # "…Nghị định 08/2015/NĐ-CP08/2015/NĐ-CPNghị định số 187/2013/NĐ-CP187/2013/NĐ-CP…"
    assert [b.number for b in parsed("1.000086").legal_bases] == [
        "54/2014/QH13",
        "38/2015/TT-BTC",
        "08/2015/NĐ-CP",
        "187/2013/NĐ-CP",
        "191/2015/TT-BTC",
    ]
    assert issues("1.000086") == ["time_no_unit"]  # time "1"


def test_several_fee_amounts_are_not_summed_or_picked():
    # "Phí : 2.000.000 Đồng (…)\nPhí : 3.500.000 Đồng (…)\nPhí : 4.000.000 Đồng …"
    assert terms("1.013539") == [
        ("in_person", Decimal(15), "calendar_days", "unknown", None, "VND"),
        ("online", Decimal(15), "calendar_days", "unknown", None, "VND"),
        ("postal", Decimal(15), "working_days", "unknown", None, "VND"),
    ]
    assert issues("1.013539") == ["fee_several_amounts"] * 3


def test_cell_and_note_disagreeing_by_a_thousand_takes_the_note_and_is_flagged():
    # "20 VNĐ(20.000 vnđ /tờ khai)": the cell lost its thousands (ADR 0022), to be confirmed
    assert terms("1.000034") == [
        ("in_person", Decimal(15), "calendar_days", "amount", 20_000, "VND"),
        ("online", Decimal(15), "calendar_days", "amount", 20_000, "VND"),
    ]
    assert issues("1.000034") == ["fee_read_from_note"] * 2


@pytest.mark.parametrize(
    ("code", "time_text", "expected_issues"),
    [
        ("1.013577", "Chậm nhất là ngay trước khi tàu rời cảng", ["time_unparsed"]),
        ("1.013629", "10-25", ["time_unparsed", "time_unparsed"]),
    ],
)
def test_prose_and_ranges_are_kept_verbatim(code, time_text, expected_issues):
    p = parsed(code)
    assert {t.time.text for t in p.terms} == {time_text}
    assert issues(code) == expected_issues
    assert {t.fee.kind for t in p.terms} == {"free"}  # "Phí : Không Đồng" / "Phí : 0 Đồng"


def test_fee_cell_without_amount_is_unparsed():
    # "Lệ phí :   (Thông tư số 249/2016/TT-BTC ngày 11 tháng 11 năm 2016)"
    assert [t[3] for t in terms("1.013203")] == ["unknown"] * 3
    assert [t[1:3] for t in terms("1.013203")] == [(Decimal(7), "working_days")] * 3
    assert issues("1.013203") == ["fee_unparsed"] * 3


def test_several_templates_and_copies():
    p = parsed("1.000055")
    # "…Thông tư số 16/2025/TT-BNNMT...Mus04.docxMus05.docx [1 bản chính]"
    assert p.documents[1].template_name == "Mus04.docx; Mus05.docx"
    assert p.documents[3].template_name == "Mus01.docx; PhlcIV.docx"
    # "Bản sao các loại bản đồ: … [0 bản chính,1 bản sao]"
    assert (p.documents[2].originals, p.documents[2].copies) == (0, 1)


def test_zero_count_rows_are_notes_unless_they_name_a_paper():
    # "Bản kê tổn thất … (nếu có) … (Đối với tổ chức) [0 bản chính]": an explanation, kept as a note;
    # "Văn bản đề nghị miễn, giảm … [0 bản chính]": a paper whose count was lost, kept and flagged
    p = parsed("1.000058")
    assert any(n.text.startswith("Bản kê tổn thất") for n in p.notes)
    first = p.documents[0]
    assert first.name.startswith("Văn bản đề nghị miễn, giảm")
    assert (first.originals, first.copies, first.issue) == (0, 0, "document_no_quantity")


def test_results_with_their_codes_and_numbered_documents():
    p = parsed("1.000107")
    assert p.results == [
        ("Giấy phép sửa đổi, bổ sung tạm nhập vàng nguyên liệu để tái xuất sản phẩm", "KQ.G19.000333"),
        ("Văn bản từ chối cấp Giấy phép tạm nhập vàng nguyên liệu để tái xuất sản phẩm", "G19-KQ006098"),
    ]
    # "…Thông tư số 34/2025/TT-NHNN (nếu có).Phulucso05a.docx" / "…34/2025/TT-NHNN;Phulucso4a.docx"
    assert [d.template_name for d in p.documents] == ["Phulucso05a.docx", "", "Phulucso4a.docx"]
    assert [d.required for d in p.documents] == [False, True, True]


def test_case_heading_groups_the_documents_after_it():
    p = parsed("1.002372")
    assert p.cases[0].startswith("Các giấy tờ phải nộp đối với phương tiện thủy nội địa")
    # "Kháng nghị hàng hải (02 bản) [2 bản chính]"
    assert (p.documents[0].name, p.documents[0].originals, p.documents[0].case_index) == (
        "Kháng nghị hàng hải (02 bản)",
        2,
        0,
    )
