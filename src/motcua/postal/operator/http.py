"""The real client of an operator speaking contract v1 over HTTPS (standard library only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from .base import Announcement, CheckResult

TIMEOUT = 10


class OperatorError(RuntimeError):
    pass


class HttpOperator:
    name = "http"

    def __init__(self, base_url: str, token: str = "", *, opener=None):
        self.base_url = (base_url or "").rstrip("/")
        self.token = token
        self._open = opener or urllib.request.urlopen

    def _request(self, method: str, path: str, payload: dict | None = None) -> dict:
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        request = urllib.request.Request(self.base_url + path, data=body, method=method)  # noqa: S310 (configured https URL)
        request.add_header("Accept", "application/json")
        if body is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with self._open(request, timeout=TIMEOUT) as response:
                text = response.read().decode() or "{}"
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise OperatorError(str(error)) from error
        return json.loads(text)

    def announce(self, payload: dict) -> Announcement:
        answer = self._request("POST", "/shipments", payload)
        return Announcement(list(answer.get("accepted", [])), dict(answer.get("tracking_numbers", {})))

    def check(self) -> CheckResult:
        if not self.base_url.startswith(("https://", "http://")):
            return CheckResult(False, "MOTCUA_POSTAL_OPERATOR_URL is not set to an http(s) URL.")
        try:
            self._request("GET", "/health")
        except (OperatorError, ValueError) as error:
            return CheckResult(False, f"operator unreachable: {error}")
        return CheckResult(True, f"operator reachable at {self.base_url}")
