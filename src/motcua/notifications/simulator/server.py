"""A local SMS brandname gateway and Zalo ZNS endpoint in one HTTP process (standard library only).

POST /sms/send and POST /message/template speak the contracts of contrib/sms_http.py and contrib/zalo_oa.py:
they check the token and the fields, and append one JSON line per accepted message to the log file
(`channel`, `to`, `text`, `request_id`, `duplicate`: true when that request id had been accepted before;
a duplicate is answered like the first and not sent again, as the real gateways do with their keys).
POST /_control/faults {"fail_next": N, "status": 500} makes the next N requests fail; GET /_control/state.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PHONE = re.compile(r"^(0|\+?84)[0-9]{9,10}$")
MAX_BODY = 64 * 1024


class State:
    def __init__(self, log_path: str, token: str):
        self.log_path = log_path
        self.token = token
        self.lock = threading.Lock()
        self.seen: dict[str, str] = {}
        self.fail_next = 0
        self.fail_status = 500
        self.count = 0

    def accept(self, channel: str, to: str, text: str, request_id: str) -> tuple[str, bool]:
        with self.lock:
            duplicate = bool(request_id) and request_id in self.seen
            if duplicate:
                message_id = self.seen[request_id]
            else:
                self.count += 1
                message_id = f"SIM{self.count:08d}"
                if request_id:
                    self.seen[request_id] = message_id
            line = {"channel": channel, "to": to, "text": text, "request_id": request_id}
            line.update(message_id=message_id, duplicate=duplicate)
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(line, ensure_ascii=False) + "\n")
            return message_id, duplicate

    def take_fault(self) -> int:
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                return self.fail_status
            return 0


class Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, format, *args):  # noqa: A002 - quiet: the log file is the record
        pass

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _json(self) -> dict | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return None
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def do_GET(self):  # noqa: N802
        if self.path == "/_control/state":
            self._answer(200, {"accepted": self.state.count, "fail_next": self.state.fail_next})
        else:
            self._answer(404, {"error": "not_found"})

    def do_POST(self):  # noqa: N802
        body = self._json()
        if self.path == "/_control/faults":
            body = body or {}
            self.state.fail_next = int(body.get("fail_next", 0))
            self.state.fail_status = int(body.get("status", 500))
            return self._answer(200, {"ok": True})
        if body is None:
            return self._answer(400, {"code": "99", "error": -100, "message": "malformed JSON"})
        fault = self.state.take_fault()
        if fault:
            return self._answer(fault, {"code": "98", "error": -32, "message": "simulated failure"})
        if self.path == "/sms/send":
            return self._sms(body)
        if self.path == "/message/template":
            return self._zalo(body)
        return self._answer(404, {"error": "not_found"})

    def _sms(self, body: dict):
        if self.headers.get("Authorization", "") != f"Bearer {self.state.token}":
            return self._answer(401, {"code": "04", "message": "bad token"})
        phone, text = str(body.get("phone", "")), str(body.get("message", ""))
        if not PHONE.match(phone):
            return self._answer(200, {"code": "01", "message": "invalid phone"})
        if not text or not text.isascii() or len(text) > 459:  # 3 GSM parts, unaccented
            return self._answer(200, {"code": "03", "message": "content refused"})
        message_id, _duplicate = self.state.accept("sms", phone, text, str(body.get("request_id", "")))
        return self._answer(200, {"code": "00", "message_id": message_id})

    def _zalo(self, body: dict):
        if self.headers.get("access_token", "") != self.state.token:
            return self._answer(200, {"error": -124, "message": "access token invalid"})
        phone = str(body.get("phone", ""))
        data = body.get("template_data") or {}
        if not re.fullmatch(r"84[0-9]{9,10}", phone):
            return self._answer(200, {"error": -108, "message": "phone invalid"})
        if not body.get("template_id") or not isinstance(data, dict) or not data.get("noi_dung"):
            return self._answer(200, {"error": -118, "message": "template data invalid"})
        message_id, _duplicate = self.state.accept(
            "zalo", phone, data["noi_dung"], str(body.get("tracking_id", ""))
        )
        return self._answer(200, {"error": 0, "message": "Success", "data": {"msg_id": message_id}})


def make_server(host: str, port: int, *, log_path: str, token: str) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"state": State(log_path, token)})
    return ThreadingHTTPServer((host, port), handler)
