"""Agency electronic ID codes (Decision 20/2020/QĐ-TTg): the pure parser, allocator and model validator."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from motcua.org import agency_codes
from motcua.org.agency_codes import AgencyCode, InvalidAgencyCode, is_valid, parse, segment
from motcua.org.models.agencies import validate_agency_code

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("000.00.00.H26", 1),  # Hà Nội city People's Committee
        ("000.00.12.H62", 2),  # a department (the example of Circular 03/2025)
        ("000.A0.01.H26", 3),  # letters are allowed in every group
        ("001.05.12.H26", 4),
        ("000.00.04.G14", 2),  # a unit of a ministry
    ],
)
def test_valid_codes_and_their_level(code, level):
    parsed = parse(code)
    assert str(parsed) == code
    assert parsed.level == level


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("000.00.12", "format"),  # three groups
        ("000.00.12.H6", "format"),  # level 1 too short
        ("000.00.12.162", "format"),  # level 1 starts with a digit
        ("00.00.12.H62", "format"),
        ("000.000.12.H62", "format"),
        ("000.00.1Đ.H62", "format"),  # not Latin
        ("000-00-12-H62", "format"),
        ("", "format"),
        ("000.05.00.H26", "gap"),  # level 3 without level 2
        ("001.00.05.H26", "gap"),  # level 4 without level 3
    ],
)
def test_invalid_codes_say_why(code, reason):
    with pytest.raises(InvalidAgencyCode) as caught:
        parse(code)
    assert caught.value.reason == reason
    assert not is_valid(code)


def test_lower_case_and_spaces_are_normalised():
    assert str(parse("  000.00.12.h62 ")) == "000.00.12.H62"


def test_parent_and_child_walk_the_hierarchy():
    code = parse("001.05.12.H26")
    assert str(code.parent()) == "000.05.12.H26"
    assert str(code.parent().parent()) == "000.00.12.H26"
    assert str(code.parent().parent().parent()) == "000.00.00.H26"
    assert code.parent().parent().parent().parent() is None
    assert str(AgencyCode("H26").child("A7")) == "000.00.A7.H26"
    with pytest.raises(InvalidAgencyCode):
        code.child("01")  # nothing below level 4
    with pytest.raises(InvalidAgencyCode):
        AgencyCode("H26").child("0")  # a segment of the wrong width


def test_segments_count_in_decimal_then_letters():
    assert [segment(n) for n in (1, 9, 10, 99, 100, 109, 110, 359, 360, 1035)] == [
        "01", "09", "10", "99", "A0", "A9", "B0", "Z9", "AA", "ZZ",
    ]  # fmt: skip
    assert segment(999, width=3) == "999"
    with pytest.raises(ValueError):
        segment(1036)
    with pytest.raises(ValueError):
        segment(0)


def test_segments_are_unique_and_valid_at_level_2():
    codes = [str(AgencyCode("H26").child(segment(n))) for n in range(1, 1036)]
    assert len(set(codes)) == len(codes)
    assert all(parse(c).level == 2 for c in codes)


segment2 = st.text(alphabet=ALNUM, min_size=2, max_size=2)
segment3 = st.text(alphabet=ALNUM, min_size=3, max_size=3)
level1 = st.builds(lambda a, b: a + b, st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), segment2)


@given(level1, segment2, segment2, segment3)
def test_a_code_is_valid_exactly_when_no_level_is_skipped(l1, l2, l3, l4):
    code = f"{l4}.{l3}.{l2}.{l1}"
    gap = (l3 != "00" and l2 == "00") or (l4 != "000" and l3 == "00")
    assert is_valid(code) is not gap
    if not gap:
        parsed = parse(code)
        assert str(parsed) == code
        assert parsed.parent() is None or parsed.parent().level == parsed.level - 1


def test_the_model_validator_speaks_vietnamese():
    validate_agency_code("000.00.12.H26")
    with pytest.raises(ValidationError) as caught:
        validate_agency_code("000.05.00.H26")
    assert caught.value.code == "agency_code_gap"
    assert "cấp trên" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        validate_agency_code("H26")
    assert caught.value.code == "agency_code_format"


def test_module_is_pure():
    source = open(agency_codes.__file__, encoding="utf-8").read()
    assert "django" not in source
