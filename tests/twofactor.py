"""Officers past the second factor (ADR 0044), for tests whose subject is not the sign-in itself.

`verified_login` signs the test client in as `user` and marks the session verified with a confirmed
TOTP device, as the code page does after a right code; `current_code` is the code an authenticator app
shows now for a device (the browser tests type it)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def device_of(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verified_login(client, user):
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device_of(user).persistent_id
    session.save()
    return client


def code_from_secret(secret: str) -> str:
    """The code an authenticator app enrolled with this base32 key (as the enrolment page shows it) gives."""
    import base64

    return f"{TOTP(base64.b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"


def pass_second_factor_in_browser(page) -> None:
    """On the enrolment page a browser test reads the key as a person would copy it, and types the code."""
    if "/xac-thuc-hai-buoc/dang-ky/" not in page.url:
        return
    code = code_from_secret(page.locator(".otp-secret").inner_text().strip())
    page.get_by_label("Mã xác thực (6 chữ số)").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận").click()
