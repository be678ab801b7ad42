"""Two-factor sign-in of officers: a TOTP device (django-otp) verified once per session, required for
the roles of MOTCUA_OTP_REQUIRED_ROLES before any officer page opens (ADR 0044).

The password sign-in stays Django's; the officer pages' decorators (`staff_login_required`, the
workspace's `officer_required`) send an officer who needs the second factor to enrolment (no device
yet: a QR code drawn here, no outside service) or to the code page, and back to the page asked for."""

from __future__ import annotations

import base64

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


def role_codes(user) -> set[str]:
    from motcua.org.models import StaffAssignment

    rows = StaffAssignment.objects.filter(user=user).valid_on(timezone.localdate())
    return set(rows.values_list("role__code", flat=True))


def required_for(user, codes: set[str] | None = None) -> bool:
    required = set(settings.MOTCUA_OTP_REQUIRED_ROLES)
    if not required:
        return False
    if user.is_superuser:
        return True
    return bool(required & (role_codes(user) if codes is None else set(codes)))


def is_verified(request) -> bool:
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def challenge(request, codes: set[str] | None = None):
    """None when the page may open; else the redirect to enrolment or to the code page."""
    if not required_for(request.user, codes) or is_verified(request):  # the device read only if needed
        return None
    target = "workspace:otp-verify" if confirmed_device(request.user) else "workspace:otp-enrol"
    return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def pending_device(user) -> TOTPDevice:
    """The officer's unconfirmed device, made once: reloading the enrolment page keeps the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def mark_verified(request, device: TOTPDevice) -> None:
    """As django_otp.login, with the session key rotated: a verified session gets a fresh identifier."""
    request.session.cycle_key()
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    request.user.otp_device = device
