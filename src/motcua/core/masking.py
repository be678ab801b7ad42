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


# What every LogRecord has; anything else on a record came from `extra=` and reaches a JSON log as a field.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def _masked(value, depth: int = 0):
    """`value` with personal numbers masked in every string, inside lists and dicts too."""
    if isinstance(value, str):
        return mask_text(value)
    if depth > 4:
        return value
    if isinstance(value, dict):
        return {k: _masked(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_masked(v, depth + 1) for v in value)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) >= 9:
        text = mask_text(str(value))  # an ID number or a phone passed as a number
        return value if text == str(value) else text
    return value


class MaskPersonalData(logging.Filter):
    """Rewrites the record's message, its `extra` fields (the structured JSON log's fields) and a
    formatted exception with personal numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in list(vars(record).items()):
            if name not in _STANDARD and not name.startswith("_"):
                setattr(record, name, _masked(value))
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is logged as is, never dropped
            message = None
        if message is not None:
            masked = mask_text(message)
            if masked != message:
                record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            # The masked text stands for the exception: a formatter that formats `exc_info` itself (the
            # JSON one does) would print the numbers again.
            record.exc_text, record.exc_info = mask_text(record.exc_text), None
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
