"""Public tracking without sign-in over HTTP: the links with the second factor and the throttle.

The factor itself is the domain's (motcua.dossiers.tracking, ADR 0033). A wrong or missing factor and an
unknown code give the same 404, so the endpoint cannot be used to find out which codes exist; it is
throttled (scope "tracking").
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode

from motcua.core.throttling import ClientAddressThrottle

from ..tracking import FACTOR_LENGTH, factor_matches, second_factor  # noqa: F401 - also named here

DEFAULT_RATE = "30/min"
DEFAULT_ADDRESS_RATE = "600/min"  # all codes from one address: a commune office's NAT, not one person


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


class TrackingThrottle(ClientAddressThrottle):
    """Scope "tracking"; the rate comes from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["tracking"] when
    set, else 30 requests a minute per client address and dossier code; and "tracking-address" (default
    600 a minute) per address over all codes. Keyed by the code too, so that the people behind one shared
    address (a NAT) do not spend one another's budget, while guessing one code's factor stays throttled.
    The address is core.clientip's (X-Forwarded-For only through a trusted proxy).

    A fixed window (one counter per address and period, one cache increment per request) instead of
    DRF's sliding log, which reads and writes the address's whole list of request times on every
    request. At most twice the rate can pass around a window's edge: the 40-bit factor makes guessing
    hopeless either way; the throttle only keeps scrapers from hammering the database."""

    def get_rate(self):
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES") or {}
        return rates.get(self.scope, DEFAULT_RATE)

    def allow_request(self, request, view, code: str = ""):
        self.scope = getattr(view, self.scope_attr, None) or "tracking"
        if not code:
            kwargs = getattr(view, "kwargs", None) or {}
            code = kwargs.get("code", "")
        ident = self.get_ident(request)
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES") or {}
        address_rate = rates.get(f"{self.scope}-address", DEFAULT_ADDRESS_RATE)
        # Both counters count every request, so a refused one still spends from both.
        by_code = self._count(f"{ident}_{code}", self.get_rate())
        by_address = self._count(ident, address_rate, scope=f"{self.scope}-address")
        self.retry_after = max(by_code[1] if not by_code[0] else 0, by_address[1] if not by_address[0] else 0)
        return by_code[0] and by_address[0]

    def _count(self, ident: str, rate: str, scope: str = "") -> tuple[bool, float]:
        num_requests, duration = self.parse_rate(rate)
        now = self.timer()
        window = int(now // duration)
        key = f"throttle_{scope or self.scope}_{ident}_{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request
            count = 1 if self.cache.add(key, 1, duration + 1) else self.cache.incr(key)
        return count <= num_requests, (window + 1) * duration - now

    def wait(self):
        return self.retry_after
