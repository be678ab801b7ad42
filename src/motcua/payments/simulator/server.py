"""A local VNPAY 2.1.0 gateway in its own HTTP process (standard library only, no Django, no database).

It speaks the contract in motcua/payments/contrib/vnpay/protocol.py: it checks the merchant's signed
redirect, shows a payment page where the payer picks a bank and confirms or cancels, sends the payer
back with a signed return, calls the merchant's IPN URL, and answers `querydr` and `refund` on the
merchant web API. Faults (simulator/faults.py) make it late, repetitive, silent, wrong or down.

Control endpoints for tests and demos: POST /_control/faults (JSON), POST /_control/config (JSON:
ipn_url), POST /_control/reset, GET /_control/state (orders and IPN deliveries).
"""

from __future__ import annotations

import html
import json
import logging
import secrets
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from motcua.payments import signing
from motcua.payments.contrib.vnpay import protocol as p

from .faults import Faults

log = logging.getLogger("motcua.payments.simulator")
BANKS = {
    "NCB": "Ngân hàng Quốc Dân (NCB)",
    "VCB": "Vietcombank",
    "BIDV": "BIDV",
    "VIETINBANK": "VietinBank",
    "AGRIBANK": "Agribank",
    "VNPAYQR": "Ví điện tử / mã QR",
}


@dataclass
class Order:
    params: dict
    status: str = p.STATUS_PENDING  # vnp_TransactionStatus
    response_code: str = ""
    transaction_no: str = ""
    bank: str = ""
    pay_date: str = ""
    refunded: int = 0  # đồng
    ipn: list = field(default_factory=list)  # deliveries: (at, http status or error, answer)


class Gateway:
    """The gateway's state: merchants, orders by (merchant, reference), faults, the IPN URL."""

    def __init__(self, merchants: dict[str, str], ipn_url: str = ""):
        self.merchants = merchants
        self.ipn_url = ipn_url
        self.faults = Faults()
        self.orders: dict[str, Order] = {}
        self.lock = threading.Lock()
        self._numbers = 14000000

    def reset(self) -> None:
        with self.lock:
            self.faults = Faults()
            self.orders.clear()

    def secret(self, tmn_code: str, *, for_signing: bool = False) -> str:
        key = self.merchants.get(tmn_code, "")
        return key + "-tampered" if for_signing and self.faults.bad_signature else key

    def next_number(self) -> str:
        with self.lock:
            self._numbers += 1
            return str(self._numbers)

    # ---- what the gateway sends back ------------------------------------------------------------------

    def result_params(self, order: Order) -> dict:
        q = order.params
        amount = int(q["vnp_Amount"]) + p.to_gateway_amount(self.faults.amount_delta)
        params = {
            "vnp_TmnCode": q["vnp_TmnCode"],
            "vnp_Amount": str(amount),
            "vnp_BankCode": order.bank,
            "vnp_CardType": "ATM" if order.bank != "VNPAYQR" else "QRCODE",
            "vnp_OrderInfo": q.get("vnp_OrderInfo", ""),
            "vnp_PayDate": order.pay_date,
            "vnp_ResponseCode": order.response_code,
            "vnp_TransactionNo": order.transaction_no,
            "vnp_TransactionStatus": order.status,
            "vnp_TxnRef": q["vnp_TxnRef"],
        }
        if order.status == p.STATUS_SUCCESS:
            params["vnp_BankTranNo"] = f"VNP{order.transaction_no}"
        return params

    def signed(self, order: Order) -> str:
        params = self.result_params(order)
        return signing.signed_query(params, self.secret(params["vnp_TmnCode"], for_signing=True))

    def send_ipn(self, order: Order) -> None:
        if self.faults.ipn_never or not self.ipn_url:
            return
        query, delay, times = self.signed(order), self.faults.ipn_delay, 2 if self.faults.ipn_twice else 1

        def deliver() -> None:
            if delay:
                time.sleep(delay)
            for _ in range(times):
                self._deliver(order, query)

        threading.Thread(target=deliver, daemon=True).start()

    def _deliver(self, order: Order, query: str) -> None:
        separator = "&" if "?" in self.ipn_url else "?"
        try:
            with urllib.request.urlopen(f"{self.ipn_url}{separator}{query}", timeout=30) as response:  # noqa: S310
                order.ipn.append((time.time(), response.status, json.loads(response.read().decode())))
        except Exception as exc:  # noqa: BLE001 - recorded for the tests, like a real gateway's log
            order.ipn.append((time.time(), type(exc).__name__, {}))

    # ---- merchant web API -----------------------------------------------------------------------------

    def api(self, body: dict) -> dict:
        tmn = body.get("vnp_TmnCode", "")
        command = body.get("vnp_Command")
        fields = p.QUERY_FIELDS if command == "querydr" else p.REFUND_FIELDS
        if tmn not in self.merchants or not signing.verify_fields(body, fields, self.merchants[tmn]):
            return self._answer(body, "97", "Invalid Checksum", None, command)
        order = self.orders.get(f"{tmn}:{body.get('vnp_TxnRef', '')}")
        if order is None:
            return self._answer(body, p.QUERY_NOT_FOUND, "Order not found", None, command)
        if command == "querydr":
            return self._answer(body, p.SUCCESS, "QueryDR Success", order, command)
        if command == "refund":
            amount = int(body.get("vnp_Amount", 0)) // 100
            if (
                order.status != p.STATUS_SUCCESS
                or amount <= 0
                or order.refunded + amount > int(order.params["vnp_Amount"]) // 100
            ):
                return self._answer(body, "94", "Refund not allowed", order, command)
            order.refunded += amount
            return self._answer(body, p.SUCCESS, "Refund success", order, command, refund=amount)
        return self._answer(body, "99", "Unknown command", None, command)

    def _answer(
        self, body: dict, code: str, message: str, order: Order | None, command, refund: int = 0
    ) -> dict:
        q = order.params if order else {}
        answer = {
            "vnp_ResponseId": secrets.token_hex(16),
            "vnp_Command": command or "",
            "vnp_ResponseCode": code,
            "vnp_Message": message,
            "vnp_TmnCode": body.get("vnp_TmnCode", ""),
            "vnp_TxnRef": body.get("vnp_TxnRef", ""),
            "vnp_Amount": str(p.to_gateway_amount(refund) if refund else q.get("vnp_Amount", "")),
            "vnp_BankCode": order.bank if order else "",
            "vnp_PayDate": order.pay_date if order else "",
            "vnp_TransactionNo": order.transaction_no if order else "",
            "vnp_TransactionType": body.get("vnp_TransactionType", "01"),
            "vnp_TransactionStatus": (order.status if order else ""),
            "vnp_OrderInfo": q.get("vnp_OrderInfo", ""),
            "vnp_PromotionCode": "",
            "vnp_PromotionAmount": "",
        }
        fields = p.QUERY_ANSWER_FIELDS if command == "querydr" else p.REFUND_ANSWER_FIELDS
        answer["vnp_SecureHash"] = signing.sign_fields(
            answer, fields, self.secret(answer["vnp_TmnCode"], for_signing=True)
        )
        return answer

    def state(self) -> dict:
        return {
            "faults": self.faults.as_dict(),
            "ipn_url": self.ipn_url,
            "orders": {key: asdict(order) for key, order in self.orders.items()},
        }


PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
header{{background:#005baa;color:#fff;padding:.8rem 1rem;border-radius:.4rem}} dl{{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}}
dt{{color:#444}} dd{{margin:0;font-weight:600}} fieldset{{border:1px solid #ccc;border-radius:.4rem;margin:1rem 0}}
label{{display:block;padding:.3rem 0}} button{{font:inherit;padding:.6rem 1.2rem;border-radius:.3rem;border:1px solid #005baa;margin:.3rem .3rem 0 0}}
.pay{{background:#005baa;color:#fff}} .cancel{{background:#fff;color:#005baa}} .note{{color:#555;font-size:.9rem}}</style>
</head><body><header><strong>Cổng thanh toán mô phỏng</strong> · VNPAY {version}</header><main>{body}</main>
<p class="note">Môi trường mô phỏng cho phát triển và kiểm thử motcua; không có tiền thật được chuyển.</p></body></html>"""


class Handler(BaseHTTPRequestHandler):
    server_version = "motcua-gateway-simulator/1"
    gateway: Gateway  # set on the subclass made by make_server

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler's signature
        log.info("%s %s", self.address_string(), format % args)

    # ---- plumbing -------------------------------------------------------------------------------------

    def _send(
        self, status: int, body: str | bytes, content_type: str = "text/html; charset=utf-8", headers=None
    ):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, data: dict):
        self._send(status, json.dumps(data, ensure_ascii=False), "application/json; charset=utf-8")

    def _page(self, status: int, title: str, body: str):
        self._send(status, PAGE.format(title=html.escape(title), body=body, version=p.VERSION))

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    # ---- routes ---------------------------------------------------------------------------------------

    def do_GET(self):  # noqa: N802 - http.server's naming
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/paymentv2/vpcpay.html":
            return self.payment_page(dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)))
        if url.path == "/_control/state":
            return self._json(200, self.gateway.state())
        if url.path == "/healthz":
            return self._json(200, {"ok": True})
        self._page(404, "Không tìm thấy", "<h1>Không tìm thấy</h1>")

    def do_POST(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/paymentv2/confirm":
            return self.confirm(dict(urllib.parse.parse_qsl(self._body().decode())))
        if url.path == "/merchant_webapi/api/transaction":
            return self.merchant_api()
        if url.path.startswith("/_control/"):
            return self.control(url.path.removeprefix("/_control/"))
        self._json(404, {"error": "not found"})

    def payment_page(self, params: dict):
        g = self.gateway
        tmn = params.get("vnp_TmnCode", "")
        if tmn not in g.merchants or not signing.verify_query(params, g.merchants[tmn]):
            return self._page(400, "Sai chữ ký", "<h1>Giao dịch không hợp lệ</h1><p>Sai chữ ký (mã 97).</p>")
        key = f"{tmn}:{params.get('vnp_TxnRef', '')}"
        with g.lock:
            order = g.orders.setdefault(key, Order(params=params))
        if order.status != p.STATUS_PENDING:
            return self._page(409, "Đã xử lý", "<h1>Giao dịch đã được xử lý</h1>")
        shown = f"{int(params.get('vnp_Amount', 0)) // 100:,}".replace(",", ".")
        banks = "".join(
            f'<label><input type="radio" name="bank" value="{code}"{" checked" if i == 0 else ""}> {html.escape(name)}</label>'
            for i, (code, name) in enumerate(BANKS.items())
        )
        body = f"""<h1>Thanh toán trực tuyến</h1>
<dl><dt>Đơn vị</dt><dd>{html.escape(tmn)}</dd><dt>Mã giao dịch</dt><dd>{html.escape(params.get("vnp_TxnRef", ""))}</dd>
<dt>Nội dung</dt><dd>{html.escape(params.get("vnp_OrderInfo", ""))}</dd>
<dt>Số tiền</dt><dd id="amount">{shown} VND</dd></dl>
<form method="post" action="/paymentv2/confirm"><input type="hidden" name="key" value="{html.escape(key)}">
<fieldset><legend>Chọn ngân hàng hoặc ví điện tử</legend>{banks}</fieldset>
<button class="pay" name="action" value="pay">Xác nhận thanh toán</button>
<button class="cancel" name="action" value="cancel">Hủy giao dịch</button></form>"""
        self._page(200, "Thanh toán trực tuyến", body)

    def confirm(self, form: dict):
        g = self.gateway
        order = g.orders.get(form.get("key", ""))
        if order is None or order.status != p.STATUS_PENDING:
            return self._page(409, "Đã xử lý", "<h1>Giao dịch không tồn tại hoặc đã được xử lý</h1>")
        order.bank = form.get("bank", "NCB") if form.get("bank") in BANKS else "NCB"
        order.pay_date = p.stamp(datetime.now(p.GMT7))
        order.transaction_no = g.next_number()
        if form.get("action") == "pay":
            order.status, order.response_code = p.STATUS_SUCCESS, p.SUCCESS
        else:
            order.status, order.response_code = p.STATUS_ERROR, p.PAYER_CANCELLED
        g.send_ipn(order)
        if g.faults.return_never:
            return self._page(
                200, "Hoàn tất", "<h1>Giao dịch đã được xử lý</h1><p>Bạn có thể đóng trang này.</p>"
            )
        back = order.params.get("vnp_ReturnUrl", "")
        separator = "&" if "?" in back else "?"
        self._send(302, "", headers={"Location": f"{back}{separator}{g.signed(order)}"})

    def merchant_api(self):
        g = self.gateway
        try:
            body = json.loads(self._body().decode() or "{}")
        except ValueError:
            return self._json(400, {"error": "invalid JSON"})
        if g.faults.api_delay:
            time.sleep(g.faults.api_delay)
        if g.faults.api_error:
            return self._send(500, "Internal Server Error", "text/plain")
        self._json(200, g.api(body))

    def control(self, action: str):
        g = self.gateway
        try:
            data = json.loads(self._body().decode() or "{}")
            if action == "faults":
                g.faults.update(data)
            elif action == "config":
                g.ipn_url = data.get("ipn_url", g.ipn_url)
            elif action == "reset":
                g.reset()
            else:
                return self._json(404, {"error": "unknown control"})
        except (ValueError, TypeError) as exc:
            return self._json(400, {"error": str(exc)})
        self._json(200, g.state())


def make_server(host: str, port: int, *, merchants: dict[str, str], ipn_url: str = "") -> ThreadingHTTPServer:
    gateway = Gateway(merchants, ipn_url)
    handler = type("BoundHandler", (Handler,), {"gateway": gateway})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
