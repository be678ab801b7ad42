"""Demo citizens of the local provider: Vietnamese names, personal ID numbers that pass the CCCD check
(motcua.core.identity), stable subjects. None of them is a real person."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citizen:
    sub: str
    name: str
    personal_id: str
    birthdate: str
    gender: str
    phone_number: str
    email: str = ""
    address: dict = field(default_factory=dict)

    def claims(self, scope: str, personal_id_claim: str = "personal_id") -> dict:
        """The userinfo claims for a scope (OpenID Connect Core 5.4); the CCCD goes with `profile`."""
        scopes = set((scope or "").split())
        claims = {"sub": self.sub}
        if "profile" in scopes:
            claims.update(name=self.name, birthdate=self.birthdate, gender=self.gender, locale="vi-VN")
            claims[personal_id_claim] = self.personal_id
        if "phone" in scopes:
            claims.update(phone_number=self.phone_number, phone_number_verified=True)
        if "email" in scopes and self.email:
            claims.update(email=self.email, email_verified=True)
        if "address" in scopes and self.address:
            claims["address"] = self.address
        return claims


CITIZENS = (
    Citizen(
        "vneid-7f3c2a10-0001",
        "Nguyễn Thị Minh Anh",
        "001195004521",
        "1995-03-08",
        "female",
        "0912345601",
        "minhanh@example.vn",
        {"formatted": "Số 12 ngõ 45 phố Kim Mã, phường Ngọc Hà, Thành phố Hà Nội", "country": "VN"},
    ),
    Citizen("vneid-7f3c2a10-0002", "Trần Văn Hùng", "031082007788", "1982-11-20", "male", "0983456702"),
    Citizen(
        "vneid-7f3c2a10-0003",
        "Lê Hoàng Nam",
        "048203001234",
        "2003-07-01",
        "male",
        "0356789003",
        "hoangnam@example.vn",
    ),
    Citizen("vneid-7f3c2a10-0004", "Phạm Thị Thu Hà", "038178009012", "1978-01-15", "female", "0868123404"),
    Citizen("vneid-7f3c2a10-0005", "Võ Minh Khoa", "079090003456", "1990-09-09", "male", "0707456705"),
)

BY_SUBJECT = {citizen.sub: citizen for citizen in CITIZENS}
