"""Zalo OA notification messages (ZNS) (MOTCUA_ZALO_PROVIDER=zalo_oa): POST {MOTCUA_ZALO_URL}/message/template
with the OA's `access_token` header and {"phone": "84…", "template_id", "template_data", "tracking_id"};
the answer {"error": 0, "data": {"msg_id"}} means accepted (Zalo's published ZNS API). The template
registered with Zalo carries one parameter, `noi_dung`, the message text.
"""

from __future__ import annotations

from .. import conf
from ..base import BaseProvider, ConfigCheck, OutgoingMessage, SendResult
from ..registry import register
from .sms_http import post

FINAL_ERRORS = {-108, -118, -124}  # invalid phone, not a Zalo user, template refused


def international(phone: str) -> str:
    """0912345678 -> 84912345678 (ZNS wants the country code)."""
    phone = phone.lstrip("+")
    return "84" + phone[1:] if phone.startswith("0") else phone


@register("zalo_oa")
class ZaloOaProvider(BaseProvider):
    channel = conf.ZALO
    verbose_name = "Zalo OA (ZNS)"

    def send(self, message: OutgoingMessage) -> SendResult:
        status, body = post(
            conf.zalo_url().rstrip("/") + "/message/template",
            {
                "phone": international(message.to),
                "template_id": conf.zalo_template_id(),
                "template_data": {"noi_dung": message.body},
                "tracking_id": message.idempotency_key,
            },
            {"access_token": conf.zalo_token()},
        )
        error = body.get("error", status)
        if status == 200 and error == 0:
            data = body.get("data") or {}
            return SendResult(ok=True, reference=str(data.get("msg_id", "")), code="0", raw=body)
        return SendResult(ok=False, code=str(error), retryable=error not in FINAL_ERRORS, raw=body)

    def check_config(self) -> ConfigCheck:
        missing = [
            name
            for name, value in (
                ("MOTCUA_ZALO_URL", conf.zalo_url()),
                ("MOTCUA_ZALO_ACCESS_TOKEN", conf.zalo_token()),
            )
            if not value
        ]
        return ConfigCheck(ok=not missing, messages=[f"{name} chưa được đặt." for name in missing])
