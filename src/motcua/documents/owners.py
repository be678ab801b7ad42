"""Whose papers these are: an owner is a personal ID (CCCD) or a tax code, checked and normalised."""

import re

from motcua.core.identity import InvalidIdentity, check_personal_id, check_tax_code

from .errors import InvalidOwner


def owner_key(number: str) -> str:
    """A personal ID (12 digits) or a tax code (10 or 13 digits, dash allowed) as stored for matching."""
    text = re.sub(r"[\s.-]", "", number or "")
    try:
        if len(text) == 12:
            return check_personal_id(text).number
        return check_tax_code(text).number
    except InvalidIdentity:
        raise InvalidOwner() from None


def applicant_key(dossier) -> str:
    """Whose papers a dossier may reuse: the applicant's tax code (organisation) or personal ID."""
    applicant = getattr(dossier, "applicant", None)
    if applicant is None:
        return ""
    number = applicant.tax_code if applicant.kind == "organisation" else applicant.id_number
    try:
        return owner_key(number) if number else ""
    except InvalidOwner:
        return ""
