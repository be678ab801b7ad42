"""Dossier codes (format and parse), masking of personal numbers, and the purity of the pure modules."""

import io
import logging
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.masking import MaskPersonalData, mask_id, mask_phone, mask_text
from motcua.dossiers.codes import InvalidDossierCode, format_code, parse_code
from motcua.dossiers.models import Applicant, Submitter
from motcua.org.agency_codes import InvalidAgencyCode


def test_the_circular_example():
    assert format_code("000.00.12.H62", date(2020, 11, 5), 4) == "000.00.12.H62-201105-0004"
    parsed = parse_code("000.00.12.H62-201105-0004")
    assert (parsed.prefix, parsed.day, parsed.sequence) == ("000.00.12.H62", date(2020, 11, 5), 4)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=1, max_value=10**7),
)
def test_codes_round_trip_and_keep_at_least_four_digits(day, sequence):
    code = format_code("000.00.12.H26", day, sequence)
    assert len(code.rsplit("-", 1)[1]) == max(4, len(str(sequence)))
    assert parse_code(code).day == day and parse_code(code).sequence == sequence
    assert str(parse_code(code)) == code


def test_bad_codes_are_refused():
    with pytest.raises(InvalidAgencyCode):
        format_code("H26", date(2026, 1, 1), 1)
    with pytest.raises(InvalidDossierCode):
        format_code("000.00.12.H26", date(2026, 1, 1), 0)
    for bad in ("000.00.12.H26-261301-0001", "000.00.12.H26-260101-001", "000.05.00.H26-260101-0001", "x"):
        with pytest.raises(InvalidDossierCode):
            parse_code(bad)


def test_masks():
    assert mask_id("001090012345") == "*********345"
    assert mask_phone("0912345678") == "091****678"
    text = mask_text("CCCD 001090012345, ĐT 0912 345 678, +84 912.345.678; mã 000.00.12.H26-260302-0001")
    assert "001090012345" not in text and "345 678" not in text and "912.345" not in text
    assert "000.00.12.H26-260302-0001" in text  # dossier codes are not personal data


def test_people_are_masked_in_repr_and_shown_by_name_in_str():
    person = Applicant(full_name="Nguyễn Văn An", id_number="001090012345", phone="0912345678")
    assert str(person) == "Nguyễn Văn An"
    assert "001090012345" not in repr(person) and "0912345678" not in repr(person)
    assert "001090012345" not in repr(Submitter(full_name="B", id_number="001090012345"))


def test_the_installed_log_handler_masks_personal_numbers():
    handlers = [
        h for h in logging.getLogger().handlers if any(isinstance(f, MaskPersonalData) for f in h.filters)
    ]
    assert handlers, "settings.LOGGING must install the masking filter on the console handler"
    handler = handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logger = logging.getLogger("motcua.dossiers.test")
        logger.warning("applicant %s phone %s", "001090012345", "0912345678")
        try:
            raise ValueError("bad id 079203004567")
        except ValueError:
            logger.exception("failed")
    finally:
        handler.setStream(previous)
    written = stream.getvalue()
    assert "applicant *********345 phone 091****678" in written
    assert "079203004567" not in written and "*********567" in written


def test_pure_modules_import_no_django():
    modules = ["core.identity", "core.masking", "dossiers.codes", "dossiers.lifecycle", "dossiers.deadlines"]
    code = (
        "import sys\n"
        + "".join(f"import motcua.{m}\n" for m in modules)
        + "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        + "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
