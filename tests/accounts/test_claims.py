"""The claim mapping: what a provider's claims become, and which claims refuse a sign-in."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.claims import InvalidClaims, citizen_from_claims
from motcua.core.identity import CCCD_PROVINCES

TODAY = date(2026, 12, 1)
GOOD = {
    "sub": "vneid-1",
    "name": "  Nguyễn   Thị Minh Anh ",
    "personal_id": "001195004521",
    "birthdate": "1995-03-08",
    "phone_number": "+84 912 345 601",
    "email": "minhanh@example.vn",
}


def refused(claims, **kwargs):
    with pytest.raises(InvalidClaims) as caught:
        citizen_from_claims(claims, today=TODAY, **kwargs)
    return caught.value.claim, caught.value.reason


def test_standard_claims_become_the_profile_fields():
    citizen = citizen_from_claims(GOOD, today=TODAY)
    assert citizen.as_fields() == {
        "full_name": "Nguyễn Thị Minh Anh",
        "personal_id": "001195004521",
        "birth_date": date(1995, 3, 8),
        "phone": "0912345601",
        "email": "minhanh@example.vn",
    }
    assert citizen.subject == "vneid-1"


def test_the_personal_id_claim_name_is_configurable():
    claims = {**GOOD, "cccd": GOOD["personal_id"]}
    del claims["personal_id"]
    assert citizen_from_claims(claims, personal_id_claim="cccd", today=TODAY).personal_id == "001195004521"
    assert refused(claims) == ("personal_id", "missing")


@pytest.mark.parametrize("claim", ["sub", "name", "personal_id"])
def test_a_required_claim_that_is_missing_or_blank_refuses(claim):
    assert refused({k: v for k, v in GOOD.items() if k != claim}) == (claim, "missing")
    assert refused({**GOOD, claim: "   "}) == (claim, "missing")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"personal_id": "999195004521"}, ("personal_id", "invalid")),  # no such province
        ({"personal_id": "00119500452"}, ("personal_id", "invalid")),  # 11 digits
        ({"birthdate": "1996-03-08"}, ("personal_id", "invalid")),  # digits 5-6 say 1995
        ({"birthdate": "08/03/1995"}, ("birthdate", "invalid")),
        ({"birthdate": "2027-01-01", "personal_id": "001227004521"}, ("birthdate", "invalid")),
        ({"name": ["Nguyễn"]}, ("name", "invalid")),
        ({"name": "N" * 201}, ("name", "invalid")),
        ({"sub": True}, ("sub", "invalid")),
    ],
)
def test_invalid_claims_refuse_with_the_claim_at_fault(changes, expected):
    assert refused({**GOOD, **changes}) == expected


def test_optional_claims_may_be_absent_and_bad_ones_are_dropped_not_stored_half_right():
    bare = citizen_from_claims({"sub": "s", "name": "Trần Văn Hùng", "personal_id": "031082007788"})
    assert (bare.birth_date, bare.phone, bare.email) == (None, "", "")
    odd = citizen_from_claims({**GOOD, "phone_number": "12345", "email": "not an e-mail"}, today=TODAY)
    assert (odd.phone, odd.email) == ("", "")


@given(
    province=st.sampled_from(sorted(CCCD_PROVINCES)),
    born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    female=st.booleans(),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_any_valid_cccd_that_agrees_with_the_birth_date_is_accepted(province, born, female, serial):
    century = (0 if born.year < 2000 else 2) + int(female)
    number = f"{province}{century}{born.year % 100:02d}{serial:06d}"
    claims = {**GOOD, "personal_id": number, "birthdate": born.isoformat()}
    citizen = citizen_from_claims(claims, today=TODAY)
    assert (citizen.personal_id, citizen.birth_date) == (number, born)
