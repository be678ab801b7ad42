"""Electronic identification codes of agencies (Decision 20/2020/QĐ-TTg, amended by 09/2025/QĐ-TTg).

Pure Python, no Django. A code is written from the lowest level to the highest:

    V1V2V3.Z1Z2.Y1Y2.L1L2L3        e.g. 000.00.12.H62, 000.A0.01.H26

- level 1 `L` (3 characters): a letter then two letters/digits; `G..` ministries, `H..` provinces
  (H26 = Hà Nội; 000.00.00.H26 is the city People's Committee itself);
- level 2 `Y` (2): a unit directly under level 1 (a department; since 1 July 2025, with districts gone,
  also a commune People's Committee);
- level 3 `Z` (2) and level 4 `V` (3): units further down.

An unused level is all zeros, and a level may be used only when every level above it is (no gaps).
Characters are digits and upper-case Latin letters. The code prefixes dossier codes
(`000.00.12.H62-201105-0004`, Circular 03/2025/TT-VPCP).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

_PATTERN = re.compile(r"^([0-9A-Z]{3})\.([0-9A-Z]{2})\.([0-9A-Z]{2})\.([A-Z][0-9A-Z]{2})$")


class InvalidAgencyCode(ValueError):
    """`reason` is stable: "format" (not four dot-separated groups of the right alphabet and length) or
    "gap" (a lower level used while a level above it is zero)."""

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code!r}: {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True, order=True)
class AgencyCode:
    level1: str
    level2: str = "00"
    level3: str = "00"
    level4: str = "000"

    def __str__(self) -> str:
        return f"{self.level4}.{self.level3}.{self.level2}.{self.level1}"

    @property
    def level(self) -> int:
        """1 for the top unit (a ministry, a province), 4 for the deepest."""
        used = [self.level2 != "00", self.level3 != "00", self.level4 != "000"]
        return 1 + sum(used)

    def parent(self) -> AgencyCode | None:
        """The code of the unit directly above, None at level 1."""
        match self.level:
            case 1:
                return None
            case 2:
                return AgencyCode(self.level1)
            case 3:
                return AgencyCode(self.level1, self.level2)
            case _:
                return AgencyCode(self.level1, self.level2, self.level3)

    def child(self, segment: str) -> AgencyCode:
        """The code of a unit directly below this one, numbered `segment`."""
        match self.level:
            case 1:
                return parse(str(AgencyCode(self.level1, segment)))
            case 2:
                return parse(str(AgencyCode(self.level1, self.level2, segment)))
            case 3:
                return parse(str(AgencyCode(self.level1, self.level2, self.level3, segment)))
            case _:
                raise InvalidAgencyCode(str(self), "depth")


def normalise(code: str) -> str:
    return code.strip().upper()


def parse(code: str) -> AgencyCode:
    """Parse and validate; raises InvalidAgencyCode."""
    match = _PATTERN.match(normalise(code))
    if not match:
        raise InvalidAgencyCode(code, "format")
    level4, level3, level2, level1 = match.groups()
    if (level3 != "00" and level2 == "00") or (level4 != "000" and level3 == "00"):
        raise InvalidAgencyCode(code, "gap")
    return AgencyCode(level1, level2, level3, level4)


def is_valid(code: str) -> bool:
    try:
        parse(code)
    except InvalidAgencyCode:
        return False
    return True


def segment(n: int, width: int = 2) -> str:
    """The n-th unit number (n >= 1) at a level of `width` characters.

    Numbers first (01..99), then a letter and a digit (A0..Z9), then two letters (AA..ZZ): the order in
    which provinces hand out codes once the decimal range is used up. Raises ValueError when exhausted.
    """
    if n < 1:
        raise ValueError("n starts at 1")
    decimal = 10**width - 1
    if n <= decimal:
        return str(n).zfill(width)
    n -= decimal + 1
    if width == 2:
        letter_digit = 26 * 10
        if n < letter_digit:
            return string.ascii_uppercase[n // 10] + string.digits[n % 10]
        n -= letter_digit
        if n < 26 * 26:
            return string.ascii_uppercase[n // 26] + string.ascii_uppercase[n % 26]
    raise ValueError(f"no unit number {n} left at width {width}")
