"""Issue #16: the parser reads the page as a person does — sections, notes, conditions, alternatives,
lost units, fees in notes and fees that change at a date — checked by hand on real records."""

from datetime import date
from decimal import Decimal

import pytest

from motcua.catalog.parsing.documents import parse_documents, split_glued_quantity
from motcua.catalog.parsing.terms import parse_time_limit

from .test_parsing_real_records import issues, parsed


def test_birth_registration_reads_as_the_counter_needs_it():
    p = parsed("1.001193")
    # "* Giấy tờ phải nộp / phải xuất trình / Lưu ý" are sections: no cases, every paper common
    assert p.cases == [] and {d.case_index for d in p.documents} == {None}
    required = [d.name.split(";")[0].split("/")[0] for d in p.documents if d.required and not d.one_of]
    assert required == ["Giấy chứng sinh", "Hộ chiếu"]
    # the declaration form (it sat under "Lưu ý") and its online counterpart: one of them, by channel
    forms = [d for d in p.documents if d.one_of]
    assert [d.name[:30] for d in forms] == [
        "Tờ khai đăng ký khai sinh theo",
        "Mẫu hộ tịch điện tử tương tác ",
    ]
    assert all(d.required for d in forms) and len({d.one_of for d in forms}) == 1
    # "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản…" is asked only then, with its condition
    abandoned = next(d for d in p.documents if d.name.startswith("Trường hợp trẻ em bị bỏ rơi"))
    assert (abandoned.required, abandoned.condition) == (False, "Trường hợp trẻ em bị bỏ rơi")
    # 0/0 rows are explanations
    assert len(p.notes) == 25 and all(not (d.originals == d.copies == 0) for d in p.documents)
    # time "1" (unit lost); the steps say "nếu tiếp nhận hồ sơ sau 15 giờ … trong ngày làm việc tiếp theo"
    assert [(t.time.unit, t.time_source, t.fee.kind) for t in p.terms] == [
        ("same_day", "description", "free")
    ] * 3
    assert issues("1.001193") == []


def test_a_fee_reduced_until_a_date_becomes_two_terms_with_windows():
    # 1.013818: "3,500,000 … (áp dụng mức phí 1.750.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 …)"
    p = parsed("1.013818")
    online = [(t.fee.amount, t.valid_from, t.valid_until) for t in p.terms if t.channel == "online"]
    assert online == [(1_750_000, date(2025, 7, 1), date(2026, 12, 31)), (3_500_000, date(2027, 1, 1), None)]


def test_implausible_amounts_are_not_charged_and_are_flagged():
    # 1.002010: "50 VNĐ((áp dụng mức phí 25.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 …))"
    p = parsed("1.002010")
    rows = [(t.fee.kind, t.fee.amount, t.valid_from) for t in p.terms if t.channel == "in_person"]
    assert rows == [("amount", 25_000, date(2025, 7, 1)), ("unknown", None, date(2027, 1, 1))]
    assert "fee_implausible" in issues("1.002010")
    # 1.002032 online: "1 Việt Nam Đồng(… qua mạng điện tử được miễn lệ phí …)" → free
    online = [t for t in parsed("1.002032").terms if t.channel == "online"]
    assert [(t.fee.kind, t.fee.amount) for t in online] == [("free", 0)]


def test_a_free_cell_whose_note_holds_the_amount_takes_it_and_asks_for_review():
    # 1.002345: "Miễn phí(150.000 đồng/giấy)"
    p = parsed("1.002345")
    assert {(t.fee.kind, t.fee.amount) for t in p.terms} == {("amount", 150_000)}
    assert "fee_read_from_note" in issues("1.002345")


def test_per_page_tiers_of_certified_copies():
    # 2.000942: "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa … 200.000 đồng/bản"
    term = parsed("2.000942").terms[0]
    assert (term.fee.kind, term.fee.amount) == ("amount", 2000)
    assert [t["amount"] for t in term.fee_tiers] == [2000, 1000]
    assert term.fee_tiers[1]["label"].startswith("từ trang thứ 3 trở lên thu 1.000 đồng/trang")


def test_a_bare_number_under_a_working_day_law_and_one_without_any_hint():
    assert [(t.time.value, t.time.unit, t.time_source) for t in parsed("1.001022").terms] == [
        (Decimal(3), "working_days", "legal_basis")
    ] * 3
    assert {t.time.unit for t in parsed("1.003650").terms} == {"unknown"}  # tàu cá "3": flagged, not guessed


@pytest.mark.parametrize(
    "text",
    [
        "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        "Trong ngày",
        "Ngay trong ngày",
    ],
)
def test_same_day_rules(text):
    assert parse_time_limit(text).unit == "same_day"


def test_sections_notes_alternatives_and_glued_quantities():
    cases, documents, notes = parse_documents(
        [
            "## * Giấy tờ phải nộp",
            "Đơn đề nghị theo Mẫu số 181 bản chính",
            "Người yêu cầu xuất trình một trong các giấy tờ sau [0 bản chính]",
            "Hộ chiếu [1 bản chính]",
            "Thẻ căn cước [1 bản chính]",
            "## * Lưu ý",
            "Cơ quan tiếp nhận không được yêu cầu nộp thêm giấy tờ [0 bản chính]",
            "## Trường hợp đăng ký lại",
            "Bản sao giấy tờ đã cấp (nếu có) [0 bản chính,1 bản sao]",
        ]
    )
    assert cases == ["Trường hợp đăng ký lại"]
    assert [(d.name, d.originals, d.one_of, d.case_index, d.required) for d in documents] == [
        ("Đơn đề nghị theo Mẫu số 18", 1, "", None, True),
        ("Hộ chiếu", 1, "1", None, True),
        ("Thẻ căn cước", 1, "1", None, True),
        ("Bản sao giấy tờ đã cấp (nếu có)", 0, "", 0, False),
    ]
    assert documents[-1].condition == "nếu có"
    assert [n.text[:30] for n in notes] == [
        "Người yêu cầu xuất trình một t",
        "Cơ quan tiếp nhận không được y",
    ]


def test_glued_quantity_keeps_a_real_number_in_the_name():
    assert split_glued_quantity("Giấy phép xuất khẩu: 01 bản chính") == ("Giấy phép xuất khẩu", (1, 0))
    assert split_glued_quantity("Bản sao Giấy khai sinh") == ("Bản sao Giấy khai sinh", None)


def test_driving_licence_renewal_is_charged_135_000_and_online_was_reduced_until_2025():
    # 3.000347: "Miễn phí(- Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần. - Trường hợp … trực tuyến: Kể từ
    # ngày 01/12/2023 đến hết ngày 31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần cấp.)"
    rows = [
        (t.channel, t.fee.kind, t.fee.amount, t.valid_from, t.valid_until) for t in parsed("3.000347").terms
    ]
    assert rows == [
        ("in_person", "amount", 135_000, None, None),
        ("online", "amount", 115_000, date(2023, 12, 1), date(2025, 12, 31)),
        ("online", "amount", 135_000, date(2026, 1, 1), None),
    ]
    # 3.000349: "135 VNĐ(Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.)": the cell lost its thousands
    assert [(t.fee.kind, t.fee.amount) for t in parsed("3.000349").terms] == [("amount", 135_000)]
    assert issues("3.000349") == ["fee_read_from_note"]
