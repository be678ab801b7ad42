"""SMS brandname over HTTP+JSON (MOTCUA_SMS_PROVIDER=sms_http), the shape the Vietnamese brandname
gateways share: POST {MOTCUA_SMS_URL}/sms/send with a bearer token and
{"brandname", "phone", "message", "request_id"}; the answer {"code": "00", "message_id"} means accepted.
`request_id` is our delivery key: a gateway that keeps it does not send a retried request twice.
The local simulator (python -m motcua.notifications.simulator) speaks the same contract.
"""

from __future__ import annotations

import requests

from .. import conf
from ..base import BaseProvider, ConfigCheck, OutgoingMessage, SendResult
from ..registry import register

FINAL_CODES = {"01", "02", "03"}  # bad number, bad brandname, content refused: trying again is useless


def post(url: str, payload: dict, headers: dict) -> tuple[int, dict]:
    try:
        response = requests.post(url, json=payload, headers=headers, timeout=conf.timeout())
    except requests.RequestException as exc:
        return 0, {"error": f"{type(exc).__name__}: {exc}"}
    try:
        body = response.json()
    except ValueError:
        body = {"error": response.text[:300]}
    return response.status_code, body if isinstance(body, dict) else {"error": str(body)[:300]}


@register("sms_http")
class SmsHttpProvider(BaseProvider):
    channel = conf.SMS
    verbose_name = "SMS brandname (HTTP)"

    def send(self, message: OutgoingMessage) -> SendResult:
        status, body = post(
            conf.sms_url().rstrip("/") + "/sms/send",
            {
                "brandname": conf.sms_brandname(),
                "phone": message.to,
                "message": message.body,
                "request_id": message.idempotency_key,
            },
            {"Authorization": f"Bearer {conf.sms_token()}"},
        )
        code = str(body.get("code", status))
        if status == 200 and code == "00":
            return SendResult(ok=True, reference=str(body.get("message_id", "")), code=code, raw=body)
        return SendResult(ok=False, code=code, retryable=code not in FINAL_CODES, raw=body)

    def check_config(self) -> ConfigCheck:
        missing = [name for name, value in (("MOTCUA_SMS_URL", conf.sms_url()),) if not value]
        return ConfigCheck(ok=not missing, messages=[f"{name} chưa được đặt." for name in missing])
