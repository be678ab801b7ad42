"""Dossier codes (Circular 03/2025/TT-VPCP): agency electronic ID + "-" + YYMMDD + "-" + daily sequence.

Pure Python (no Django). `000.00.12.H62-201105-0004`: the fourth dossier of 5 November 2020 with that
prefix. The sequence has at least 4 digits and grows beyond 9999 without changing the format's start.
Which number comes next is the database's business (services/codes.py: a counter row per prefix and day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from motcua.org import agency_codes

_CODE = re.compile(r"^(?P<prefix>[0-9A-Z.]{13})-(?P<day>[0-9]{6})-(?P<seq>[0-9]{4,})$")


class InvalidDossierCode(ValueError):
    pass


@dataclass(frozen=True)
class DossierCode:
    prefix: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return format_code(self.prefix, self.day, self.sequence)


def format_code(prefix: str, day: date, sequence: int) -> str:
    if sequence < 1:
        raise InvalidDossierCode("the sequence starts at 1")
    agency_codes.parse(prefix)  # raises InvalidAgencyCode
    return f"{agency_codes.normalise(prefix)}-{day:%y%m%d}-{sequence:04d}"


def parse_code(text: str) -> DossierCode:
    match = _CODE.match((text or "").strip().upper())
    if not match or not agency_codes.is_valid(match["prefix"]):
        raise InvalidDossierCode(f"not a dossier code: {text!r}")
    day = match["day"]
    try:
        parsed_day = date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
    except ValueError:
        raise InvalidDossierCode(f"not a date: {day}") from None
    sequence = int(match["seq"])
    if sequence < 1:
        raise InvalidDossierCode("the sequence starts at 1")
    return DossierCode(match["prefix"], parsed_day, sequence)
