"""VNPAY 2.1.0 (signed redirect + IPN + merchant web API), see protocol.py for the fields.

The same client talks to the real gateway and to the local simulator (motcua.payments.simulator), which
speaks exactly this contract: only the URLs, merchant code and secret differ (motcua.payments.conf).
"""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from datetime import timedelta

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ... import conf, signing
from ...base import BasePlugin, ConfigCheck, GatewayResult, RefundResult, StartInfo
from ...errors import BadSignature, GatewayRefused, GatewayUnavailable, message_for
from ...registry import register
from ...states import Outcome
from . import protocol as p


def _outcome(response_code: str, status: str) -> Outcome:
    if response_code == p.SUCCESS and status == p.STATUS_SUCCESS:
        return Outcome.PAID
    if response_code == p.PAYER_CANCELLED:
        return Outcome.CANCELLED
    return Outcome.FAILED


def _result(params: dict, outcome: Outcome) -> GatewayResult:
    return GatewayResult(
        reference=params.get("vnp_TxnRef", ""),
        outcome=outcome,
        amount=p.from_gateway_amount(params.get("vnp_Amount", "")),
        gateway_reference=params.get("vnp_TransactionNo", ""),
        bank=params.get("vnp_BankCode", ""),
        code=params.get("vnp_ResponseCode", ""),
        raw=params,
    )


@register("vnpay")
class VnpayPlugin(BasePlugin):
    verbose_name = "VNPAY"

    # ---- the payer's way: redirect and return --------------------------------------------------------

    def start(self, transaction, *, return_url: str, client_ip: str) -> StartInfo:
        cfg = conf.vnpay()
        created = transaction.created_at
        params = {
            "vnp_Version": p.VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": cfg.tmn_code,
            "vnp_Amount": p.to_gateway_amount(transaction.amount),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": transaction.reference,
            "vnp_OrderInfo": f"Thanh toan phi ho so {transaction.dossier.code}",
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": p.stamp(created),
            "vnp_ExpireDate": p.stamp(created + timedelta(minutes=conf.expire_minutes())),
        }
        return StartInfo(url=f"{cfg.pay_url}?{signing.signed_query(params, cfg.hash_secret)}")

    def _verified(self, params: dict) -> dict:
        if not signing.verify_query(params, conf.vnpay().hash_secret):
            raise BadSignature(
                message_for(BadSignature.code), details={"reference": params.get("vnp_TxnRef")}
            )
        return params

    def handle_return(self, request: HttpRequest) -> GatewayResult:
        params = self._verified(request.GET.dict())
        return _result(
            params, _outcome(params.get("vnp_ResponseCode", ""), params.get("vnp_TransactionStatus", ""))
        )

    def handle_webhook(self, request: HttpRequest) -> GatewayResult:
        # VNPAY calls the IPN URL with GET; a POSTed form is read the same way.
        params = self._verified(request.GET.dict() or request.POST.dict())
        return _result(
            params, _outcome(params.get("vnp_ResponseCode", ""), params.get("vnp_TransactionStatus", ""))
        )

    def webhook_response(self, status: str, *, error_code: str = "") -> JsonResponse:
        code, message = p.IPN_ANSWERS.get(status, p.IPN_ANSWERS["error"])
        return JsonResponse({"RspCode": code, "Message": message})

    # ---- the server's way: merchant web API -----------------------------------------------------------

    def _call(self, body: dict, fields: tuple[str, ...], answer_fields: tuple[str, ...]) -> dict:
        cfg = conf.vnpay()
        body = {**body, "vnp_SecureHash": signing.sign_fields(body, fields, cfg.hash_secret)}
        request = urllib.request.Request(  # noqa: S310 - the configured gateway URL (http or https)
            cfg.api_url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=cfg.timeout) as response:  # noqa: S310
                answer = json.loads(response.read().decode())
        except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as exc:
            raise GatewayUnavailable(
                message_for(GatewayUnavailable.code), details={"error": type(exc).__name__}
            ) from None
        if not isinstance(answer, dict) or not signing.verify_fields(answer, answer_fields, cfg.hash_secret):
            raise BadSignature(message_for(BadSignature.code), details={"reference": body.get("vnp_TxnRef")})
        return answer

    def _base(self, command: str, transaction, order_info: str) -> dict:
        cfg = conf.vnpay()
        return {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": p.VERSION,
            "vnp_Command": command,
            "vnp_TmnCode": cfg.tmn_code,
            "vnp_TxnRef": transaction.reference,
            "vnp_OrderInfo": order_info,
            "vnp_TransactionDate": p.stamp(transaction.created_at),
            "vnp_CreateDate": p.stamp(timezone.now()),
            "vnp_IpAddr": "127.0.0.1",
        }

    def poll_status(self, transaction) -> GatewayResult:
        body = self._base("querydr", transaction, f"Tra cuu giao dich {transaction.reference}")
        answer = self._call(body, p.QUERY_FIELDS, p.QUERY_ANSWER_FIELDS)
        code = answer.get("vnp_ResponseCode", "")
        if code == p.QUERY_NOT_FOUND:
            return GatewayResult(
                reference=transaction.reference, outcome=Outcome.UNKNOWN, code=code, raw=answer
            )
        if code != p.SUCCESS:
            raise GatewayRefused(message_for(GatewayRefused.code), details={"code": code})
        status = answer.get("vnp_TransactionStatus", "")
        outcome = {p.STATUS_SUCCESS: Outcome.PAID, p.STATUS_PENDING: Outcome.PENDING}.get(
            status, Outcome.FAILED
        )
        return _result({**answer, "vnp_ResponseCode": status}, outcome)

    def refund(self, transaction, amount: int, *, actor_name: str) -> RefundResult:
        body = self._base("refund", transaction, f"Hoan tien giao dich {transaction.reference}")
        body.update(
            {
                "vnp_TransactionType": "02" if amount == transaction.amount else "03",
                "vnp_Amount": p.to_gateway_amount(amount),
                "vnp_TransactionNo": transaction.gateway_reference,
                "vnp_CreateBy": actor_name[:250] or "motcua",
            }
        )
        answer = self._call(body, p.REFUND_FIELDS, p.REFUND_ANSWER_FIELDS)
        ok = answer.get("vnp_ResponseCode") == p.SUCCESS
        return RefundResult(
            ok=ok,
            gateway_reference=answer.get("vnp_TransactionNo", ""),
            code=answer.get("vnp_ResponseCode", ""),
            raw=answer,
        )

    def check_config(self) -> ConfigCheck:
        cfg = conf.vnpay()
        missing = [
            name
            for name, value in (
                ("MOTCUA_VNPAY_TMN_CODE", cfg.tmn_code),
                ("MOTCUA_VNPAY_HASH_SECRET", cfg.hash_secret),
                ("MOTCUA_VNPAY_PAY_URL", cfg.pay_url),
                ("MOTCUA_VNPAY_API_URL", cfg.api_url),
            )
            if not value
        ]
        if missing:
            return ConfigCheck(False, [_("Thiếu cấu hình: %(names)s.") % {"names": ", ".join(missing)}])
        probe = type(
            "Probe", (), {"reference": "CHECK" + secrets.token_hex(4).upper(), "created_at": timezone.now()}
        )()
        try:
            result = self.poll_status(probe)
        except (GatewayUnavailable, GatewayRefused, BadSignature) as exc:
            return ConfigCheck(
                False, [_("Cổng %(url)s: %(error)s") % {"url": cfg.api_url, "error": exc.message}]
            )
        return ConfigCheck(
            True,
            [
                _("Cổng %(url)s trả lời, chữ ký hợp lệ (mã %(code)s).")
                % {"url": cfg.api_url, "code": result.code}
            ],
        )
