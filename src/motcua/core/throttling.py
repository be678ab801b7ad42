"""DRF throttles keyed by the client address of core.clientip: DRF's own `get_ident` believes any
X-Forwarded-For header when NUM_PROXIES is unset, so a made-up header gave every request a fresh budget."""

from rest_framework.throttling import ScopedRateThrottle

from .clientip import client_ip


class ClientAddressThrottle(ScopedRateThrottle):
    def get_ident(self, request):
        return client_ip(request)
