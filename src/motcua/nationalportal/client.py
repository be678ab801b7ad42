"""HTTP client of the portal: one keep-alive session, JSON in and out (requests, already a dependency)."""

from __future__ import annotations

import json
import logging

import requests
import urllib3
from django.conf import settings

from . import contract

log = logging.getLogger("motcua.nationalportal")
MAX_ANSWER = 8 * 1024 * 1024  # a push's answer is ~100 bytes an item, a pull page 100 items: plenty


class PortalUnavailable(Exception):
    """The request as a whole failed (network, timeout, 5xx, a refusal of the whole request): retry."""


class Client:
    def __init__(self, base_url: str | None = None, token: str | None = None, timeout: float = 15.0):
        self.base_url = (base_url or getattr(settings, "MOTCUA_PORTAL_URL", "")).rstrip("/")
        if not self.base_url:
            raise PortalUnavailable("MOTCUA_PORTAL_URL is not set")
        token = token if token is not None else getattr(settings, "MOTCUA_PORTAL_TOKEN", "")
        self.session = requests.Session()
        self.session.headers["Content-Type"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.timeout = timeout

    def _call(self, method: str, path: str, **kwargs) -> dict:
        try:
            response = self.session.request(
                method, self.base_url + path, timeout=self.timeout, stream=True, **kwargs
            )
            with response:
                raw = response.raw.read(MAX_ANSWER + 1, decode_content=True)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise PortalUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if len(raw) > MAX_ANSWER:  # never parsed: an answer this size is not the contract's
            log.warning("national portal %s %s: answer over %s bytes refused", method, path, MAX_ANSWER)
            raise PortalUnavailable(f"HTTP {response.status_code}: answer over {MAX_ANSWER} bytes")
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            body = None
        if response.status_code >= 500 or not isinstance(body, dict):
            if response.status_code < 500:
                log.warning(
                    "national portal %s %s: HTTP %s, not a JSON object", method, path, response.status_code
                )
            raise PortalUnavailable(f"HTTP {response.status_code}: {raw[:200].decode(errors='replace')}")
        if body.get("error_code") != contract.OK:
            raise PortalUnavailable(f"error_code {body.get('error_code')}: {body.get('message', '')}")
        return body

    def push(self, records: list[dict]) -> dict[str, dict]:
        """Item results by event id ({"error_code", "duplicate", "message"})."""
        data = json.dumps({"service": contract.SERVICE_PUSH, "data": records}, ensure_ascii=False)
        body = self._call("POST", contract.PUSH_PATH, data=data.encode())
        results = body.get("results")
        if not isinstance(results, list):
            raise PortalUnavailable("no results in the answer")
        return {r.get("IdSuKien"): r for r in results if isinstance(r, dict)}

    def pending_submissions(self, province: str, after: int) -> dict:
        return self._call("GET", contract.PULL_PATH, params={"tinh": province, "sau": after})

    def report(self, day: str) -> dict:
        return self._call("GET", contract.REPORT_PATH, params={"ngay": day})
