"""What the identity provider says about a citizen, checked and put into our words.

Pure Python (no Django). `citizen_from_claims` takes the claims of the validated ID token merged with the
userinfo answer and returns a `CitizenClaims`, or raises `InvalidClaims` whose `reason` is stable
("missing" / "invalid") and whose `claim` names the claim at fault.

The standard OpenID Connect claims are used where they exist (`sub`, `name`, `birthdate`,
`phone_number`, `email`); the personal ID number (CCCD) has no standard claim, so its name is
configurable (`personal_id` by default, setting OIDC_CLAIM_PERSONAL_ID).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from motcua.core.identity import InvalidIdentity, check_personal_id, normalise_phone

REQUIRED = ("sub", "name")


class InvalidClaims(ValueError):
    def __init__(self, claim: str, reason: str):
        super().__init__(f"claim {claim}: {reason}")
        self.claim = claim
        self.reason = reason


@dataclass(frozen=True)
class CitizenClaims:
    subject: str
    full_name: str
    personal_id: str
    birth_date: date | None
    phone: str
    email: str

    def as_fields(self) -> dict:
        """The CitizenProfile fields these claims set."""
        return {
            "full_name": self.full_name,
            "personal_id": self.personal_id,
            "birth_date": self.birth_date,
            "phone": self.phone,
            "email": self.email,
        }


def _text(claims: dict, name: str, *, limit: int = 255) -> str:
    value = claims.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise InvalidClaims(name, "invalid")
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise InvalidClaims(name, "invalid")
    return text


def _birth_date(claims: dict, today: date | None) -> date | None:
    text = _text(claims, "birthdate", limit=10)
    if not text:
        return None
    try:
        born = date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidClaims("birthdate", "invalid") from exc
    if today is not None and born > today:
        raise InvalidClaims("birthdate", "invalid")
    return born


def citizen_from_claims(
    claims: dict, *, personal_id_claim: str = "personal_id", today: date | None = None
) -> CitizenClaims:
    """Check the claims a sign-in needs: subject, name and a valid CCCD that agrees with the birth date;
    phone and e-mail are optional (an invalid phone is dropped, never stored half-right)."""
    for name in (*REQUIRED, personal_id_claim):
        if not _text(claims, name):
            raise InvalidClaims(name, "missing")
    subject = _text(claims, "sub")
    full_name = _text(claims, "name", limit=200)
    birth_date = _birth_date(claims, today)
    try:
        personal_id = check_personal_id(
            _text(claims, personal_id_claim, limit=20), birth_date=birth_date, today=today
        ).number
    except InvalidIdentity as exc:
        raise InvalidClaims(personal_id_claim, "invalid") from exc
    try:
        phone = normalise_phone(_text(claims, "phone_number", limit=20)) if claims.get("phone_number") else ""
    except InvalidIdentity:
        phone = ""
    email = _text(claims, "email", limit=254)
    if email and (email.count("@") != 1 or " " in email):
        email = ""
    return CitizenClaims(subject, full_name, personal_id, birth_date, phone, email)
