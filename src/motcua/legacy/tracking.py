"""Public tracking of a migrated dossier by its old code (ADR 0043).

The old receipts carry no HMAC factor (motcua.dossiers.api.tracking), so a migrated dossier's second
factor is the last six digits of the applicant's ID number (CCCD or CMND), which the applicant knows and
the old slip shows. Only a six-digit factor reads the database (one indexed query by code, the same
for a code that exists and one that does not); the tracking throttle still applies.
"""

from .models import LegacyRecord

TAIL = 6


def factor_matches(code: str, given: str | None) -> bool:
    given = (given or "").strip()
    if len(given) != TAIL or not given.isdigit():
        return False
    return LegacyRecord.objects.filter(code=code, id_tail=given).exists()
