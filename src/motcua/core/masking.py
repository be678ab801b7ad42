"""Personal ID numbers and phone numbers never reach the logs.

Pure Python (no Django). `mask_id` / `mask_phone` are used by the models' __str__/__repr__;
`MaskPersonalData` is a logging filter installed on the handlers in settings.LOGGING, so whatever a
module logs (an exception message, a payload) leaves the process with those numbers masked.
"""

from __future__ import annotations

import logging
import re

# 12 digits standing alone: a CCCD. Phone: 0 or +84/84 then 9 digits (mobile) or 10 (landline 02x),
# optionally grouped with spaces, dots or dashes ("0912 345 678", "+84 912.345.678").
_ID = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")
_PHONE = re.compile(r"(?<![0-9+])(?:\+?84|0)(?:[ .-]?[0-9]){9,10}(?![0-9])")


def mask_id(number: str) -> str:
    """ "001203004567" -> "*********567"."""
    text = number or ""
    return "*" * max(len(text) - 3, 0) + text[-3:] if text else ""


def mask_phone(number: str) -> str:
    """ "0912345678" -> "091****678"."""
    digits = re.sub(r"[^0-9]", "", number or "")
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 6) + digits[-3:]


def mask_text(text: str) -> str:
    text = _ID.sub(lambda m: mask_id(m.group()), text)
    return _PHONE.sub(lambda m: mask_phone(m.group()), text)


class MaskPersonalData(logging.Filter):
    """Rewrites the record's message (and a formatted exception) with personal numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is logged as is, never dropped
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True
