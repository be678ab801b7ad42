"""Payment settings, from Django settings when set there, else from the environment.

Without configuration (development, tests) the VNPAY plugin talks to the local gateway simulator on
127.0.0.1:8002 with a development merchant code and secret; production sets all four variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

SIMULATOR = "http://127.0.0.1:8002"
DEV_TMN_CODE = "MOTCUA01"
DEV_SECRET = "motcua-simulator-secret-not-for-production"  # noqa: S105 - the simulator's, on purpose


@dataclass(frozen=True)
class VnpayConfig:
    tmn_code: str
    hash_secret: str
    pay_url: str
    api_url: str
    timeout: float


def _get(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    return str(value) if value not in (None, "") else os.environ.get(name, default)


def vnpay() -> VnpayConfig:
    dev = bool(settings.DEBUG) or _get("MOTCUA_VNPAY_USE_SIMULATOR") == "1"
    base = _get("MOTCUA_VNPAY_SIMULATOR_URL", SIMULATOR) if dev else ""
    return VnpayConfig(
        tmn_code=_get("MOTCUA_VNPAY_TMN_CODE", DEV_TMN_CODE if dev else ""),
        hash_secret=_get("MOTCUA_VNPAY_HASH_SECRET", DEV_SECRET if dev else ""),
        pay_url=_get("MOTCUA_VNPAY_PAY_URL", f"{base}/paymentv2/vpcpay.html" if dev else ""),
        api_url=_get("MOTCUA_VNPAY_API_URL", f"{base}/merchant_webapi/api/transaction" if dev else ""),
        timeout=float(_get("MOTCUA_VNPAY_TIMEOUT", "10")),
    )


def plugin_id() -> str:
    return _get("MOTCUA_PAYMENTS_PLUGIN", "vnpay")


def expire_minutes() -> int:
    """An unfinished payment expires after this (VNPAY's vnp_ExpireDate is set to the same)."""
    return int(_get("MOTCUA_PAYMENTS_EXPIRE_MINUTES", "15"))
