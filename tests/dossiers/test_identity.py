"""Identity numbers: CCCD, tax code and phone checks (pure module), with generated cases."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from motcua.core.identity import (
    CCCD_PROVINCES,
    InvalidIdentity,
    check_personal_id,
    check_tax_code,
    normalise_phone,
    tax_check_digit,
)

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
sexes = st.sampled_from(["male", "female"])
provinces = st.sampled_from(sorted(CCCD_PROVINCES))
randoms = st.text("0123456789", min_size=6, max_size=6)


def cccd(province: str, born: date, sex: str, tail: str) -> str:
    century = (born.year - 1900) // 100 * 2 + (sex == "female")
    return f"{province}{century}{born.year % 100:02d}{tail}"


def test_there_are_63_birth_registration_provinces_between_001_and_096():
    assert len(CCCD_PROVINCES) == 63
    assert min(CCCD_PROVINCES) == "001" and max(CCCD_PROVINCES) == "096"


@given(provinces, births, sexes, randoms)
def test_a_well_formed_number_is_read_back(province, born, sex, tail):
    number = cccd(province, born, sex, tail)
    parsed = check_personal_id(number, birth_date=born, sex=sex)
    assert (parsed.province_code, parsed.birth_year, parsed.sex) == (province, born.year, sex)


@given(provinces, births, sexes, randoms, st.integers(1, 150))
def test_another_birth_year_is_refused(province, born, sex, tail, shift):
    other = born.year + shift
    assume(other <= 2099)
    with pytest.raises(InvalidIdentity) as error:
        check_personal_id(cccd(province, born, sex, tail), birth_date=born.replace(year=other, day=1))
    assert error.value.reason == "birth_year"


@given(provinces, births, randoms)
def test_the_other_sex_is_refused(province, born, tail):
    with pytest.raises(InvalidIdentity) as error:
        check_personal_id(cccd(province, born, "male", tail), sex="female")
    assert error.value.reason == "sex"


@given(st.integers(0, 999).map(lambda n: f"{n:03d}").filter(lambda p: p not in CCCD_PROVINCES), randoms)
def test_a_number_outside_the_province_codes_is_refused(province, tail):
    with pytest.raises(InvalidIdentity) as error:
        check_personal_id(f"{province}090{tail}")
    assert error.value.reason == "province"


@pytest.mark.parametrize("digit", "456789")
def test_centuries_other_than_1900s_and_2000s_are_refused(digit):
    with pytest.raises(InvalidIdentity) as error:
        check_personal_id(f"001{digit}90123456")
    assert error.value.reason == "century"


@pytest.mark.parametrize(
    "number", ["", "00109001234", "0010900123456", "00109001234a", " 001 090 012 345", None]
)
def test_anything_but_12_digits_is_refused(number):
    with pytest.raises(InvalidIdentity) as error:
        check_personal_id(number)
    assert error.value.reason == "format"


def test_a_birth_year_in_the_future_is_refused():
    with pytest.raises(InvalidIdentity) as error:
        check_personal_id("001299012345", today=date(2026, 11, 22))  # born 2099
    assert error.value.reason == "future"


@given(st.text("0123456789", min_size=9, max_size=9))
def test_the_tax_check_digit_follows_the_weights(first_nine):
    check = tax_check_digit(first_nine)
    total = sum(int(d) * w for d, w in zip(first_nine, (31, 29, 23, 19, 17, 13, 7, 5, 3), strict=True))
    if total % 11 == 0:
        assert check is None
        with pytest.raises(InvalidIdentity):
            check_tax_code(first_nine + "0")
        return
    assert check == 10 - total % 11
    assert check_tax_code(first_nine + str(check)).base == first_nine + str(check)
    for wrong in set("0123456789") - {str(check)}:
        with pytest.raises(InvalidIdentity) as error:
            check_tax_code(first_nine + wrong)
        assert error.value.reason == "check_digit"


def test_real_tax_codes_and_branches():
    parent = check_tax_code("0100109106")  # Viettel
    assert parent.branch == "" and parent.display == "0100109106"
    branch = check_tax_code("0100109106-001")
    assert (branch.base, branch.branch, branch.number) == ("0100109106", "001", "0100109106001")
    with pytest.raises(InvalidIdentity) as error:
        check_tax_code("0100109106-000")
    assert error.value.reason == "branch"
    for bad in ("010010910", "01001091061", "0100109106-01", "abc"):
        with pytest.raises(InvalidIdentity):
            check_tax_code(bad)


@pytest.mark.parametrize(
    ("given_", "expected"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84.912.345.678", "0912345678"),
        ("024 3825 1234", "02438251234"),
        ("(028) 3829 1234", "02838291234"),
    ],
)
def test_phone_numbers_are_normalised(given_, expected):
    assert normalise_phone(given_) == expected


@pytest.mark.parametrize("bad", ["", "091234567", "09123456789", "0112345678", "1912345678", "phone"])
def test_bad_phone_numbers_are_refused(bad):
    with pytest.raises(InvalidIdentity):
        normalise_phone(bad)
