"""Public tracking without sign-in over HTTP: the links with the second factor and the throttle.

The factor itself is the domain's (motcua.dossiers.tracking, ADR 0033). A wrong or missing factor and an
unknown code give the same 404, so the endpoint cannot be used to find out which codes exist; it is
throttled (scope "tracking").
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode
from rest_framework.throttling import ScopedRateThrottle

from ..tracking import FACTOR_LENGTH, factor_matches, second_factor  # noqa: F401 - also named here

DEFAULT_RATE = "30/min"


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
