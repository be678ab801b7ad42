"""Applicants as plain values: Vietnamese names, valid personal ID numbers (CCCD), phones, addresses.

The CCCD rules are motcua.core.identity's (digits 1–3 the province of birth registration, digit 4
century and sex, digits 5–6 the year of birth, then 6 random digits); every number made here passes
`check_personal_id` with the birth date and sex it is given.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from motcua.core.identity import CCCD_PROVINCES
from motcua.core.text import fold
from motcua.org.demo.names import FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE

_FAMILY = [name for name, _ in FAMILY_NAMES]
_FAMILY_WEIGHTS = [weight for _, weight in FAMILY_NAMES]
_BIRTH_PROVINCES = sorted(CCCD_PROVINCES)
STREETS = (
    "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt",
    "Lê Duẩn", "Nguyễn Văn Cừ", "Phạm Văn Đồng", "Võ Nguyên Giáp", "Hoàng Quốc Việt", "Trường Chinh",
    "Giải Phóng", "Tôn Đức Thắng", "Kim Mã", "Láng", "Cầu Giấy", "Xuân Thủy", "Tây Sơn", "Minh Khai",
)  # fmt: skip
MOBILE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076",
                   "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090",
                   "091", "093", "094", "096", "097", "098")  # fmt: skip


@dataclass(frozen=True)
class Person:
    full_name: str
    id_number: str
    birth_date: date
    sex: str  # "male" / "female"
    phone: str
    email: str
    address: str
    commune_id: int

    def as_submitter(self, relation: str) -> dict:
        """The submitter dict of the dossier services (no applicant kind; the relation declared)."""
        data = self.as_applicant()
        del data["kind"]
        return {**data, "relation": relation}

    def as_applicant(self) -> dict:
        """The dict the dossier services take (the commune as a database id is resolved by the driver)."""
        return {
            "kind": "person",
            "full_name": self.full_name,
            "id_number": self.id_number,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }


def personal_id(rng: random.Random, birth: date, sex: str, home_province: str) -> str:
    """A CCCD: most people born in the province where they live, the others anywhere in Viet Nam."""
    province = f"{int(home_province):03d}" if rng.random() < 0.6 else rng.choice(_BIRTH_PROVINCES)
    if province not in CCCD_PROVINCES:
        province = rng.choice(_BIRTH_PROVINCES)
    century = (0 if birth.year < 2000 else 2) + (1 if sex == "female" else 0)
    return f"{province}{century}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


def person(rng: random.Random, *, commune_id: int, commune_name: str, province_code: str,
           province_name: str, today: date) -> Person:  # fmt: skip
    sex = "female" if rng.random() < 0.52 else "male"
    family = rng.choices(_FAMILY, weights=_FAMILY_WEIGHTS)[0]
    if sex == "female":
        middle, given = rng.choice(FEMALE_MIDDLE), rng.choice(FEMALE_GIVEN)
    else:
        middle, given = rng.choice(MALE_MIDDLE), rng.choice(MALE_GIVEN)
    # Adults of working age mostly; the oldest applicants were born in the 1940s.
    age = min(85, max(18, int(rng.gauss(40, 13))))
    birth = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    full_name = f"{family} {middle} {given}"
    number = personal_id(rng, birth, sex, province_code)
    phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
    email = ""
    if rng.random() < 0.35:
        email = f"{fold(given)}.{fold(family)}{rng.randrange(100, 10_000)}@example.vn".replace(" ", "")
    street = rng.choice(STREETS)
    where = f"{commune_name}, {province_name}"
    if rng.random() < 0.5:
        address = f"Số {rng.randint(1, 250)} ngõ {rng.randint(1, 180)} phố {street}, {where}"
    else:
        address = f"Số {rng.randint(1, 400)} đường {street}, {where}"
    return Person(full_name, number, birth, sex, phone, email, address, commune_id)


def relative_of(rng: random.Random, applicant: Person, today: date) -> Person:
    """A grown-up child or spouse at the applicant's address: the same family name, home and commune."""
    sex = "female" if rng.random() < 0.5 else "male"
    family = applicant.full_name.split()[0]
    if sex == "female":
        middle, given = rng.choice(FEMALE_MIDDLE), rng.choice(FEMALE_GIVEN)
    else:
        middle, given = rng.choice(MALE_MIDDLE), rng.choice(MALE_GIVEN)
    age = rng.randint(20, 60)
    birth = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    number = personal_id(rng, birth, sex, applicant.id_number[:3].lstrip("0") or "1")
    phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
    return Person(f"{family} {middle} {given}", number, birth, sex, phone, "", applicant.address,
                  applicant.commune_id)  # fmt: skip
