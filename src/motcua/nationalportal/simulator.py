"""A stand-in for the National Public Service Portal, with fault injection, for tests, drills and `make run`.

    motcua portal simulator --port P --log FILE [--fail-rate R] [--latency-ms M] [--down-for S] [--seed S]

It checks every item against the contract (contract.py) and answers with the contract's error codes.
Faults: down (503) for the first S seconds; a share R of pushes fails, half of them before anything is
processed (HTTP 500) and half after (processed, then HTTP 502: a lost acknowledgement, which the client
must resend and the portal must recognise as a duplicate); --ack-delay-ms M holds every answer M ms
after the items are accepted and logged (a client killed in that window resends what the portal has:
the drill's kill -9 mid-delivery). FILE gets one JSON line per accepted item.
Standard library only: it runs without Django.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from motcua.nationalportal import contract


class Portal:
    def __init__(
        self,
        log_path,
        *,
        fail_rate=0.0,
        latency_ms=0,
        down_for=0.0,
        seed=None,
        token="",
        inbound=(),
        ack_delay_ms=0,
    ):
        self.log = open(log_path, "a", encoding="utf-8", buffering=1) if log_path else None  # noqa: SIM115
        self.fail_rate, self.latency, self.token = fail_rate, latency_ms / 1000, token
        self.up_at = time.monotonic() + down_for
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.accepted: set[str] = set()
        self.last_sequence: dict[str, int] = {}
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.inbound = list(inbound)
        self.ack_delay = ack_delay_ms / 1000

    def push(self, body) -> tuple[int, dict]:
        with self.lock:
            fault = self.rng.random() < self.fail_rate
            after = fault and self.rng.random() < 0.5
        if fault and not after:
            return 500, {"error_code": contract.UNAVAILABLE, "message": "injected failure"}
        code, message = contract.check_request(body)
        if code != contract.OK:
            return 400, {"error_code": code, "message": message}
        results = []
        with self.lock:
            refused: set[str] = set()
            lines = []
            for item in body["data"]:
                results.append(self._item(item, refused, lines))
            if self.log and lines:
                self.log.write("".join(lines))
        if self.ack_delay and lines:
            time.sleep(self.ack_delay)  # accepted and logged; the answer comes late (or never reaches)
        if after:
            return 502, {"error_code": contract.UNAVAILABLE, "message": "injected lost acknowledgement"}
        return 200, {"error_code": contract.OK, "message": "", "results": results}

    def _item(self, item, refused: set, lines: list) -> dict:
        event_id = item.get("IdSuKien") if isinstance(item, dict) else None
        dossier = item.get("MaHoSo") if isinstance(item, dict) else None
        if dossier in refused:
            return {"IdSuKien": event_id, "error_code": contract.HELD_BACK, "message": "earlier item refused"}
        code, field = contract.check_record(item)
        if code == contract.OK and event_id not in self.accepted:
            if item["ThuTu"] <= self.last_sequence.get(dossier, 0):
                code, field = contract.OUT_OF_ORDER, "ThuTu"
        if code != contract.OK:
            if isinstance(dossier, str):
                refused.add(dossier)
            return {"IdSuKien": event_id, "error_code": code, "field": field, "message": f"{field} refused"}
        duplicate = event_id in self.accepted
        if not duplicate:
            self.accepted.add(event_id)
            self.last_sequence[dossier] = item["ThuTu"]
            self.counts[item["ThoiDiem"][:8]][str(item["TrangThaiHoSo"])] += 1
        line = {"event_id": event_id, "dossier_code": dossier, "status": item["TrangThaiHoSo"],
                "sequence": item["ThuTu"], "duplicate": duplicate}  # fmt: skip
        lines.append(json.dumps(line, ensure_ascii=False) + "\n")
        return {"IdSuKien": event_id, "error_code": contract.OK, "duplicate": duplicate}

    def report(self, day: str) -> dict:
        with self.lock:
            return {"error_code": contract.OK, "ngay": day, "counts": dict(self.counts.get(day, {}))}

    def submissions(self, province: str, after: int) -> dict:
        data = [
            {**item, "Id": n}
            for n, item in enumerate(self.inbound, start=1)
            if n > after and (not province or item.get("MaTinh", province) == province)
        ][:100]
        return {"error_code": contract.OK, "data": data, "cursor": data[-1]["Id"] if data else after}


def handler_for(portal: Portal):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet: the FILE is the record
            pass

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _gate(self) -> bool:
            if portal.latency:
                time.sleep(portal.latency)
            if time.monotonic() < portal.up_at:
                self._drain()
                self._answer(503, {"error_code": contract.UNAVAILABLE, "message": "maintenance"})
                return False
            if portal.token and self.headers.get("Authorization") != f"Bearer {portal.token}":
                self._drain()
                self._answer(401, {"error_code": contract.UNAUTHORISED, "message": "token"})
                return False
            return True

        def _drain(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if 0 < length <= contract.MAX_BODY:
                self.rfile.read(length)

        def do_POST(self):  # noqa: N802
            if urlsplit(self.path).path != contract.PUSH_PATH:
                self._drain()
                return self._answer(404, {"error_code": contract.MALFORMED, "message": "path"})
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length > contract.MAX_BODY:
                self.close_connection = True
                return self._answer(413, {"error_code": contract.TOO_LARGE, "message": "body too large"})
            if not self._gate():
                return None
            try:
                body = json.loads(self.rfile.read(max(length, 0)) or b"null")
            except (ValueError, UnicodeDecodeError):
                return self._answer(400, {"error_code": contract.MALFORMED, "message": "not JSON"})
            status, answer = portal.push(body)
            return self._answer(status, answer)

        def do_GET(self):  # noqa: N802
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path not in (contract.REPORT_PATH, contract.PULL_PATH):
                return self._answer(404, {"error_code": contract.MALFORMED, "message": "path"})
            if not self._gate():
                return None
            if url.path == contract.REPORT_PATH:
                return self._answer(200, portal.report(query.get("ngay", "")))
            try:
                after = int(query.get("sau", "0"))
            except ValueError:
                return self._answer(400, {"error_code": contract.INVALID_FIELD, "message": "sau"})
            return self._answer(200, portal.submissions(query.get("tinh", ""), after))

    return Handler


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="motcua portal simulator", description=__doc__.splitlines()[0])
    add_arguments(p)
    return p


def add_arguments(p) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8003)
    p.add_argument("--log", default="", help="JSON lines, one per accepted item")
    p.add_argument("--fail-rate", type=float, default=0.0)
    p.add_argument("--latency-ms", type=int, default=0)
    p.add_argument("--down-for", type=float, default=0.0, help="seconds")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--ack-delay-ms", type=int, default=0, help="answer a push M ms after accepting its items")
    p.add_argument("--token", default="", help="bearer token required (default: none)")
    p.add_argument("--inbound", default="", help="JSON lines: dossiers submitted on the portal, to pull")


def serve(options: dict) -> None:
    inbound = []
    if options.get("inbound"):
        with open(options["inbound"], encoding="utf-8") as handle:
            inbound = [json.loads(line) for line in handle if line.strip()]
    portal = Portal(
        options.get("log"),
        fail_rate=options.get("fail_rate", 0.0),
        latency_ms=options.get("latency_ms", 0),
        down_for=options.get("down_for", 0.0),
        seed=options.get("seed"),
        token=options.get("token", ""),
        inbound=inbound,
        ack_delay_ms=options.get("ack_delay_ms", 0),
    )
    server = ThreadingHTTPServer((options.get("host", "127.0.0.1"), options["port"]), handler_for(portal))
    server.daemon_threads = True
    sys.stdout.write(f"national portal simulator on http://{server.server_address[0]}:{server.server_port}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv=None) -> None:
    serve(vars(parser().parse_args(argv)))


if __name__ == "__main__":
    main()
