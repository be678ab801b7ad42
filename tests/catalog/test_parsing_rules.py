"""The parsing rules on the text shapes named in the issue, and the purity of the parser."""

import subprocess
import sys
from decimal import Decimal

import pytest

from motcua.catalog import vocabulary
from motcua.catalog.models import choices
from motcua.catalog.parsing.documents import parse_document, split_template
from motcua.catalog.parsing.terms import channel_terms, parse_fee, parse_fee_parts, parse_time_limit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("60 Ngày làm việc", Decimal(60), "working_days"),
        ("15 ngày", Decimal(15), "calendar_days"),
        ("Trong ngày", None, "same_day"),
        ("03 giờ làm việc", Decimal(3), "working_hours"),
        ("Không quá 05 ngày làm việc", Decimal(5), "working_days"),
        ("24 Giờ", Decimal(24), "hours"),
        ("0.5 Giờ", Decimal("0.5"), "hours"),
        ("3 Tháng", Decimal(3), "months"),
        ("Không quy định", None, "not_regulated"),
    ],
)
def test_time_limits(text, value, unit):
    limit = parse_time_limit(text)
    assert (limit.value, limit.unit, limit.usable) == (value, unit, True)


@pytest.mark.parametrize(
    ("text", "issue"),
    [("7", "time_no_unit"), ("120,000", "time_no_unit"), ("", "time_missing"), ("10-25", "time_unparsed")],
)
def test_time_limits_not_guessed(text, issue):
    limit = parse_time_limit(text)
    assert (limit.value, limit.unit, limit.issue, limit.text) == (None, "unknown", issue, text)


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        ("Lệ phí : 8.000 Đồng", "amount", 8000),
        ("Phí : 0 Đồng", "free", 0),
        ("Miễn phí", "free", 0),
        ("Không", "free", 0),
        ("200,000 Việt Nam Đồng(200.000 đồng/ hộ chiếu.)", "amount", 200000),
        ("50.000 VNĐ(đồng/lần)", "amount", 50000),
        ("Miễn phí(Mức thu theo quy định của Hội đồng nhân dân tỉnh.)", "province", None),
        ("Không có thông tinPhí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quy định", "province", None),
    ],
)
def test_fees(text, kind, amount):
    fee, _description = parse_fee(text)
    assert (fee.kind, fee.amount, fee.usable) == (kind, amount, True)


def test_fee_unknown_when_the_source_says_nothing():
    fee, description = parse_fee("Không có thông tinNộp hồ sơ trực tiếp tại Bộ phận Một cửa.")
    assert (fee.kind, fee.issue) == ("unknown", "fee_no_information")
    assert description == "Nộp hồ sơ trực tiếp tại Bộ phận Một cửa."


def test_fee_and_charge_both_zero_is_free_but_two_amounts_are_not_added():
    assert parse_fee_parts("Phí : 0 Đồng\nLệ phí : 0 Đồng").kind == "free"
    both = parse_fee_parts("Phí : 100.000 Đồng\nLệ phí : 50.000 Đồng")
    assert (both.kind, both.issue) == ("unknown", "fee_several_amounts")


def test_one_value_for_all_offered_channels_and_fragments_glued_back():
    rows = channel_terms(
        "10 Ngày làm việc",
        "Trực tuyến: Miễn phí; Trực tuyến: qua Cổng Dịch vụ công quốc gia.; Trực tiếp: 50.000 VNĐ",
        ["Trực tuyến", "Trực tiếp"],
    )
    assert [(r.channel, r.time.value, r.fee.kind, r.fee.amount) for r in rows] == [
        ("online", Decimal(10), "free", 0),
        ("in_person", Decimal(10), "amount", 50000),
    ]


@pytest.mark.parametrize(
    ("item", "name", "originals", "copies", "template"),
    [
        ("Tờ khai [1 bản chính]", "Tờ khai", 1, 0, ""),
        ("Giấy khai sinh [0 bản chính,1 bản sao]", "Giấy khai sinh", 0, 1, ""),
        ("Văn bản [Bản chính: 2, Bản sao: 1]", "Văn bản", 2, 1, ""),
        ("Tờ khai (NA20).Mau NA20-BCA.docx [1 bản chính]", "Tờ khai (NA20).", 1, 0, "Mau NA20-BCA.docx"),
        (
            "Đơn theo mẫu quy địnhvăn bản đề nghị.docx [1 bản chính]",
            "Đơn theo mẫu quy định",
            1,
            0,
            "văn bản đề nghị.docx",
        ),
    ],
)
def test_documents(item, name, originals, copies, template):
    document = parse_document(item, None)
    assert (document.name, document.originals, document.copies, document.template_name) == (
        name,
        originals,
        copies,
        template,
    )


def test_several_glued_templates_are_split():
    assert split_template("Bản khai theo mẫu.MauA.docxMauB (1).docx") == (
        "Bản khai theo mẫu.",
        ["MauA.docx", "MauB (1).docx"],
    )


def test_document_without_quantity_is_flagged():
    assert parse_document("Giấy tờ khác", None).issue == "document_no_quantity"


@pytest.mark.parametrize(
    ("pure", "model"),
    [
        (vocabulary.Channel, choices.Channel),
        (vocabulary.TimeUnit, choices.TimeUnit),
        (vocabulary.FeeKind, choices.FeeKind),
        (vocabulary.AgencyKind, choices.AgencyKind),
    ],
)
def test_vocabulary_and_model_choices_agree(pure, model):
    assert {v.value for v in pure} == set(model.values)


def test_parser_imports_no_django():
    code = "import sys, motcua.catalog.parsing; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
