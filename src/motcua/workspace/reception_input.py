"""The counter form's input: the applicant as typed (or scanned from the chip ID card's QR code) and the
prefill contract of the reception page's URL. Plain Python; the checks themselves are the engine's
(dossiers.services.parties)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CHANNELS = ("counter", "postal", "home_visit")
# GET parameters another page may pass to prefill the counter form (documented in ADR 0011).
PREFILL = (
    "channel",
    "procedure",
    "applicant_name",
    "applicant_id",
    "applicant_phone",
    "applicant_address",
    "commune",
    "return_to",
)
APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_id",
    "applicant_birth_date",
    "applicant_sex",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)
# Engine field -> form field (for the engine's error messages).
ENGINE_FIELDS = {
    "full_name": "applicant_name",
    "id_number": "applicant_id",
    "birth_date": "applicant_birth_date",
    "sex": "applicant_sex",
    "phone": "applicant_phone",
    "email": "applicant_email",
    "address": "applicant_address",
    "commune": "commune",
}


@dataclass(frozen=True)
class ChipCard:
    id_number: str
    full_name: str
    birth_date: date | None
    sex: str  # "male" / "female" / ""
    address: str


def parse_chip_qr(text: str) -> ChipCard | None:
    """The QR code of a chip ID card, as a scanner types it: `CCCD|CMND|name|ddmmyyyy|sex|address|issued`.

    None when the text is not such a code (then it is an ID number typed by hand)."""
    parts = [p.strip() for p in (text or "").split("|")]
    if len(parts) < 6 or not (parts[0].isdigit() and len(parts[0]) == 12):
        return None
    birth = None
    if len(parts[3]) == 8 and parts[3].isdigit():
        try:
            birth = date(int(parts[3][4:]), int(parts[3][2:4]), int(parts[3][:2]))
        except ValueError:
            birth = None
    sex = {"nam": "male", "nữ": "female", "nu": "female"}.get(parts[4].casefold(), "")
    return ChipCard(parts[0], " ".join(parts[2].split()), birth, sex, parts[5])


def applicant_from(data) -> dict:
    """The engine's applicant dict from the form (a scanned QR code in the ID field fills the rest)."""
    typed = {field: str(data.get(field, "") or "").strip() for field in APPLICANT_FIELDS}
    card = parse_chip_qr(typed["applicant_id"])
    if card is not None:
        typed["applicant_id"] = card.id_number
        typed["applicant_name"] = typed["applicant_name"] or card.full_name
        typed["applicant_birth_date"] = typed["applicant_birth_date"] or (
            card.birth_date.isoformat() if card.birth_date else ""
        )
        typed["applicant_sex"] = typed["applicant_sex"] or card.sex
        typed["applicant_address"] = typed["applicant_address"] or card.address
    return {
        "kind": "person",
        "full_name": typed["applicant_name"],
        "id_number": typed["applicant_id"],
        "birth_date": typed["applicant_birth_date"] or None,
        "sex": typed["applicant_sex"],
        "phone": typed["applicant_phone"],
        "email": typed["applicant_email"],
        "address": typed["applicant_address"],
        "commune": str(data.get("commune", "") or "").strip(),
    }


def form_errors(details: dict) -> dict[str, str]:
    """The engine's per-field problems, keyed by the form's field names."""
    return {ENGINE_FIELDS.get(key, key): str(message) for key, message in (details or {}).items()}
