"""Public tracking without sign-in: the dossier code plus a second factor printed on the receipt.

The core has no such factor, so it is derived here: HMAC-SHA256 of the code with SECRET_KEY, the first
8 base32 characters (40 bits). A wrong or missing factor and an unknown code give the same 404, so the
endpoint cannot be used to find out which codes exist; it is throttled (scope "tracking").
"""

import base64
import hashlib
import hmac

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode
from rest_framework.throttling import ScopedRateThrottle

FACTOR_LENGTH = 8
DEFAULT_RATE = "30/min"


_keyed: dict[str, hmac.HMAC] = {}  # SECRET_KEY -> the HMAC keyed with it, copied for each code


def second_factor(code: str) -> str:
    key = settings.SECRET_KEY
    keyed = _keyed.get(key)
    if keyed is None:
        keyed = _keyed[key] = hmac.new(key.encode(), digestmod=hashlib.sha256)
    mac = keyed.copy()
    mac.update(f"tracking:{code}".encode())
    return base64.b32encode(mac.digest()).decode()[:FACTOR_LENGTH]


def factor_matches(code: str, given: str | None) -> bool:
    return hmac.compare_digest(second_factor(code), (given or "").strip().upper())


def tracking_path(code: str) -> str:
    return (
        f"{reverse('dossiers-api:tracking', kwargs={'code': code})}?{urlencode({'k': second_factor(code)})}"
    )


def tracking_page_path(code: str) -> str:
    """The citizens' tracking page (/tra-cuu/) with the code and the second factor filled in."""
    where = (get_script_prefix(), get_urlconf())
    page = _pages.get(where)
    if page is None:
        page = _pages[where] = reverse("portal:tracking")
    return f"{page}?{urlencode({'ma': code, 'k': second_factor(code)})}"


_pages: dict[tuple, str] = {}  # (script prefix, urlconf) -> the tracking page's path: one reverse each


def tracking_url(code: str, request=None) -> str:
    """The URL the receipt's QR encodes: the human page, not the JSON (a phone opens it in a browser);
    absolute when a request tells the host."""
    path = tracking_page_path(code)
    return request.build_absolute_uri(path) if request is not None else path


class TrackingThrottle(ScopedRateThrottle):
    """Scope "tracking"; the rate comes from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["tracking"] when
    set, else 30 requests a minute per client address.

    A fixed window (one counter per address and period, one cache increment per request) instead of
    DRF's sliding log, which reads and writes the address's whole list of request times on every
    request. At most twice the rate can pass around a window's edge: the 40-bit factor makes guessing
    hopeless either way; the throttle only keeps scrapers from hammering the database."""

    def get_rate(self):
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES") or {}
        return rates.get(self.scope, DEFAULT_RATE)

    def allow_request(self, request, view):
        self.scope = getattr(view, self.scope_attr, None) or "tracking"
        self.num_requests, self.duration = self.parse_rate(self.get_rate())
        now = self.timer()
        window = int(now // self.duration)
        key = f"throttle_{self.scope}_{self.get_ident(request)}_{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        self.retry_after = (window + 1) * self.duration - now
        return count <= self.num_requests

    def wait(self):
        return self.retry_after
