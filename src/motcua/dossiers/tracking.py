"""The second factor of public tracking: the dossier code plus a short key printed on the receipt.

The national rules give no such factor, so it is derived: HMAC-SHA256 of the code with SECRET_KEY, the
first 8 base32 characters (40 bits). Domain, not HTTP (ADR 0033): the receipt, the citizen's pages and
the API all take it from here.
"""

import base64
import hashlib
import hmac

from django.conf import settings

FACTOR_LENGTH = 8

_keyed: dict[str, hmac.HMAC] = {}  # SECRET_KEY -> the HMAC keyed with it, copied for each code


def second_factor(code: str) -> str:
    key = settings.SECRET_KEY
    keyed = _keyed.get(key)
    if keyed is None:
        keyed = _keyed[key] = hmac.new(key.encode(), digestmod=hashlib.sha256)
    mac = keyed.copy()
    mac.update(f"tracking:{code}".encode())
    return base64.b32encode(mac.digest()).decode()[:FACTOR_LENGTH]


# Other ways a code's second factor may match, registered by the apps that own them (the migrated
# dossiers of the former provinces: the applicant's ID tail, ADR 0043). The HMAC factor is tried first.
_OTHER_FACTORS: list = []


def register_factor(check) -> None:
    if check not in _OTHER_FACTORS:
        _OTHER_FACTORS.append(check)


def factor_matches(code: str, given: str | None) -> bool:
    if hmac.compare_digest(second_factor(code), (given or "").strip().upper()):
        return True
    return any(check(code, given) for check in _OTHER_FACTORS)
