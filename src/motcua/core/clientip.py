"""The client's address: REMOTE_ADDR, or X-Forwarded-For only when the request came through one of our
proxies (MOTCUA_TRUSTED_PROXIES, CIDRs). Without that rule anyone can name any address in the header and
walk around every per-address limit (tracking throttle, sign-in lockout). ADR 0045."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def parse_networks(spec) -> tuple:
    """The configured CIDRs, parsed (ValueError on a bad one: settings fail at start, not at a request)."""
    return _networks(tuple(spec))


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    """The nearest address that is not one of our proxies, read right to left: the left part of the
    header is written by the client and proves nothing; each trusted proxy appends the address it saw."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR", "") or ""
    networks = parse_networks(getattr(settings, "MOTCUA_TRUSTED_PROXIES", ()))
    if not networks:
        return remote
    peer = _address(remote)
    if peer is None or not any(peer in net for net in networks):
        return remote  # a direct request: its header, if any, is the client's own words
    hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote  # a garbled hop: trust nothing to its left
        if not any(address in net for net in networks):
            return str(address)
    return str(_address(hops[0])) if hops else remote
