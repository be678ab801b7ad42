"""The VNPAY 2.1.0 signature (pure Python, no Django): HMAC-SHA512 with the merchant's hash secret.

- Redirect, return and IPN: over the parameters starting with `vnp_` except the hash fields, sorted by
  name, each `name=value` URL-encoded the way VNPAY's reference code does (`quote_plus`), joined by `&`.
- Query (querydr) and refund API calls and their answers: over the listed fields' values joined by `|`.
The hex digest is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from urllib.parse import quote_plus

HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")


def _hmac(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def canonical_query(params: Mapping[str, object]) -> str:
    """The string a redirect/return/IPN signature covers."""
    items = sorted(
        (k, str(v)) for k, v in params.items() if k.startswith("vnp_") and k not in HASH_FIELDS and v != ""
    )
    return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in items)


def sign_query(params: Mapping[str, object], secret: str) -> str:
    return _hmac(secret, canonical_query(params))


def signed_query(params: Mapping[str, object], secret: str) -> str:
    """The URL query of a signed redirect: the canonical string plus `vnp_SecureHash`."""
    return f"{canonical_query(params)}&vnp_SecureHash={sign_query(params, secret)}"


def verify_query(params: Mapping[str, object], secret: str) -> bool:
    given = str(params.get("vnp_SecureHash", "")).lower()
    return bool(given) and hmac.compare_digest(given, sign_query(params, secret))


def sign_fields(values: Mapping[str, object], fields: Iterable[str], secret: str) -> str:
    """The API signature: the values of `fields`, in that order, joined by '|'."""
    return _hmac(secret, "|".join(str(values.get(name, "")) for name in fields))


def verify_fields(values: Mapping[str, object], fields: Iterable[str], secret: str) -> bool:
    given = str(values.get("vnp_SecureHash", "")).lower()
    return bool(given) and hmac.compare_digest(given, sign_fields(values, fields, secret))
