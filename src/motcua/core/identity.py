"""Identity numbers of applicants: personal ID (CCCD), tax code (MST), phone numbers.

Pure Python (no Django). Each check returns the parsed value or raises `InvalidIdentity` whose `reason`
is stable (the services turn it into "dossier.invalid_applicant" with a Vietnamese message).

CCCD (12 digits, Circular 59/2021/TT-BCA): digits 1–3 the province where the birth was registered,
digit 4 century and sex (0/1 = born in the 1900s male/female, 2/3 = the 2000s), digits 5–6 the last two
digits of the year of birth, then 6 random digits; no check digit. The province codes are those of the
63 provinces before the 2025 merger (001–096 with gaps): a birth registered before 2025 keeps its code.

MST (Circular 105/2020/TT-BTC): 10 digits whose 10th is a check digit (weights 31, 29, 23, 19, 17, 13,
7, 5, 3 over the first nine; check = 10 − (sum mod 11), remainder 0 is invalid), or 13 digits = the 10
of the parent + a 3-digit branch number (written with or without a dash: 0100109106-001).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# The 63 pre-2025 provinces' codes (GSO), as used in digits 1–3 of a CCCD.
CCCD_PROVINCES = frozenset(
    f"{n:03d}"
    for n in (
        *(1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37),
        *(38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75),
        *(77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96),
    )
)
MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

_CENTURIES = {0: (1900, "male"), 1: (1900, "female"), 2: (2000, "male"), 3: (2000, "female")}
_DIGITS12 = re.compile(r"^[0-9]{12}$")
_PHONE = re.compile(r"^(?:0|84)(?:[35789][0-9]{8}|2[0-9]{9})$")


class InvalidIdentity(ValueError):
    """`reason`: format, province, century, birth_year, sex, future (CCCD); format, check_digit, branch
    (MST); format (phone)."""

    def __init__(self, kind: str, reason: str):
        super().__init__(f"invalid {kind}: {reason}")
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class PersonalId:
    number: str
    province_code: str
    sex: str  # "male" or "female"
    birth_year: int


@dataclass(frozen=True)
class TaxCode:
    number: str  # digits only, 10 or 13
    base: str
    branch: str  # "" for the parent entity

    @property
    def display(self) -> str:
        return f"{self.base}-{self.branch}" if self.branch else self.base


def check_personal_id(
    number: str, *, birth_date: date | None = None, sex: str | None = None, today: date | None = None
) -> PersonalId:
    """Validate a CCCD; with `birth_date` / `sex`, also that they agree with digits 4–6."""
    text = (number or "").strip()
    if not _DIGITS12.match(text):
        raise InvalidIdentity("personal_id", "format")
    if text[:3] not in CCCD_PROVINCES:
        raise InvalidIdentity("personal_id", "province")
    century = _CENTURIES.get(int(text[3]))
    if century is None:
        raise InvalidIdentity("personal_id", "century")
    base, encoded_sex = century
    year = base + int(text[4:6])
    if today is not None and year > today.year:
        raise InvalidIdentity("personal_id", "future")
    if birth_date is not None and birth_date.year != year:
        raise InvalidIdentity("personal_id", "birth_year")
    if sex and sex != encoded_sex:
        raise InvalidIdentity("personal_id", "sex")
    return PersonalId(text, text[:3], encoded_sex, year)


def tax_check_digit(first_nine: str) -> int | None:
    """The check digit of a tax code's first nine digits; None when the remainder makes it invalid."""
    total = sum(int(d) * w for d, w in zip(first_nine, MST_WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def check_tax_code(number: str) -> TaxCode:
    text = re.sub(r"[\s-]", "", number or "")
    if not re.fullmatch(r"[0-9]{10}(?:[0-9]{3})?", text):
        raise InvalidIdentity("tax_code", "format")
    base, branch = text[:10], text[10:]
    if tax_check_digit(base[:9]) != int(base[9]):
        raise InvalidIdentity("tax_code", "check_digit")
    if branch == "000":
        raise InvalidIdentity("tax_code", "branch")
    return TaxCode(text, base, branch)


def normalise_phone(number: str) -> str:
    """A Vietnamese mobile or landline number as 0XXXXXXXXX; "+84 912 345 678" is accepted."""
    text = re.sub(r"[\s.()-]", "", number or "").removeprefix("+")
    if not _PHONE.match(text):
        raise InvalidIdentity("phone", "format")
    return "0" + text[2:] if text.startswith("84") else text
