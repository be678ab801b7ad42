"""Settings of the notifications (all from the environment through motcua.settings)."""

from __future__ import annotations

from django.conf import settings

EMAIL = "email"
SMS = "sms"
ZALO = "zalo"
CHANNELS = (EMAIL, SMS, ZALO)


def provider_id(channel: str) -> str:
    """The provider of a channel; empty: the channel is off (no message is planned on it)."""
    if channel == EMAIL:
        return "email" if getattr(settings, "MOTCUA_NOTIFY_EMAIL", True) else ""
    return getattr(settings, f"MOTCUA_{channel.upper()}_PROVIDER", "")


def enabled_channels() -> set[str]:
    return {c for c in CHANNELS if provider_id(c)}


def default_channels() -> list[str]:
    """What an applicant who chose nothing gets (among the channels with a contact)."""
    return list(getattr(settings, "MOTCUA_NOTIFY_DEFAULT_CHANNELS", [EMAIL, SMS]))


def max_attempts() -> int:
    return int(getattr(settings, "MOTCUA_NOTIFY_MAX_ATTEMPTS", 5))


def sms_url() -> str:
    return getattr(settings, "MOTCUA_SMS_URL", "")


def sms_token() -> str:
    return getattr(settings, "MOTCUA_SMS_TOKEN", "")


def sms_brandname() -> str:
    return getattr(settings, "MOTCUA_SMS_BRANDNAME", "MOTCUA")


def zalo_url() -> str:
    return getattr(settings, "MOTCUA_ZALO_URL", "")


def zalo_token() -> str:
    return getattr(settings, "MOTCUA_ZALO_ACCESS_TOKEN", "")


def zalo_template_id() -> str:
    return getattr(settings, "MOTCUA_ZALO_TEMPLATE_ID", "motcua-thong-bao")


def timeout() -> float:
    return float(getattr(settings, "MOTCUA_NOTIFY_TIMEOUT", 5))
