"""Deterministic Vietnamese personal names and log-in names for demo staff (pure Python, no Django)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from motcua.core.text import fold

# Common family names, weighted roughly by their share of the population.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 2),
    ("Phan", 4),
    ("Vũ", 3),
    ("Võ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
)
MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc", "Xuân", "Công", "Tiến", "Mạnh", "Hoàng")
FEMALE_MIDDLE = (
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Minh",
    "Phương",
    "Hồng",
    "Kim",
    "Thùy",
    "Mai",
    "Bích",
    "Diệu",
)
MALE_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Hải", "Hiếu", "Huy", "Khánh", "Kiên", "Long",
    "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tùng", "Việt", "Tuấn", "Trung", "Thành", "Hưng",
    "Tiến", "Lâm", "Đạt", "Vinh", "Toàn", "Khoa",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Lan", "Linh",
    "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến", "Thủy",
    "Huyền", "Ly", "Oanh", "Tâm", "Uyên", "Xuân",
)  # fmt: skip

_FAMILY = [name for name, _ in FAMILY_NAMES]
_WEIGHTS = [weight for _, weight in FAMILY_NAMES]


@dataclass(frozen=True)
class PersonName:
    family: str
    middle: str
    given: str

    @property
    def full(self) -> str:
        return f"{self.family} {self.middle} {self.given}"

    @property
    def username_base(self) -> str:
        """ "Nguyễn Văn An" -> "nguyen.van.an"."""
        return ".".join(fold(part).replace(" ", "") for part in (self.family, self.middle, self.given))


def person_name(rng: random.Random) -> PersonName:
    family = rng.choices(_FAMILY, weights=_WEIGHTS)[0]
    if rng.random() < 0.55:  # public administration staff are more often women
        return PersonName(family, rng.choice(FEMALE_MIDDLE), rng.choice(FEMALE_GIVEN))
    return PersonName(family, rng.choice(MALE_MIDDLE), rng.choice(MALE_GIVEN))


class Usernames:
    """Hands out unique log-in names: the second "nguyen.van.an" becomes "nguyen.van.an2"."""

    def __init__(self, taken: set[str] | None = None):
        self._taken = set(taken or ())

    def claim(self, base: str) -> str:
        name, n = base, 1
        while name in self._taken:
            n += 1
            name = f"{base}{n}"
        self._taken.add(name)
        return name
