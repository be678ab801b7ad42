"""The app's settings (settings.py reads them from the environment; defaults here).

MOTCUA_POSTAL_OPERATOR         "simulator" (default) or "http" (contract v1, operator/contract.md)
MOTCUA_POSTAL_OPERATOR_URL     base URL of the operator's API (http plugin)
MOTCUA_POSTAL_OPERATOR_TOKEN   bearer token for it
MOTCUA_POSTAL_CALLBACK_SECRET  shared secret of the callbacks' HMAC signature; empty: callbacks refused
"""

from django.conf import settings


def operator_name() -> str:
    return getattr(settings, "MOTCUA_POSTAL_OPERATOR", "simulator")


def operator_url() -> str:
    return getattr(settings, "MOTCUA_POSTAL_OPERATOR_URL", "")


def operator_token() -> str:
    return getattr(settings, "MOTCUA_POSTAL_OPERATOR_TOKEN", "")


def callback_secret() -> str:
    return getattr(settings, "MOTCUA_POSTAL_CALLBACK_SECRET", "")
