"""ID and phone numbers never leave the process in a log line (the message, `extra` fields of the JSON
log, an exception), nor in the supervisor's CSV or the broker evidence PDF (ADR 0053)."""

import io
import json
import logging
from types import SimpleNamespace

from pythonjsonlogger.json import JsonFormatter

from motcua.core.masking import MaskPersonalData

ID, PHONE = "001095000123", "0987654321"


def _json_log() -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(MaskPersonalData())
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("tests.privacy.capture")
    logger.handlers, logger.propagate, logger.level = [handler], False, logging.INFO
    return logger, out


def test_the_json_log_carries_no_full_id_or_phone_number_in_any_field():
    logger, out = _json_log()
    logger.info("received for %s, phone %s", ID, PHONE, extra={"id_number": ID, "payload": {"phone": PHONE,
                "people": [{"cccd": int(ID[2:]) + 10**11}]}, "count": 123456789})  # fmt: skip
    try:
        raise ValueError(f"bad applicant {ID}")
    except ValueError:
        logger.exception("failed")
    text = out.getvalue()
    assert ID not in text and PHONE not in text and str(int(ID[2:]) + 10**11) not in text
    first, second = (json.loads(line) for line in text.splitlines() if line.startswith("{"))
    assert first["id_number"] == "*********123" and first["payload"]["phone"] == "098****321"
    assert first["message"] == "received for *********123, phone 098****321" and first["count"] == 123456789
    assert "*********123" in second["exc_info"]


def test_the_settings_install_the_filter_on_every_handler(settings):
    for handler in settings.LOGGING["handlers"].values():
        assert "mask_personal_data" in handler["filters"]


def test_the_broker_evidence_pdf_masks_the_subject():
    from motcua.integrity.pdf import render_html

    case = SimpleNamespace(kind="submitter", value=ID, label="", get_kind_display=lambda: "Người nộp thay",
                           score=80, pk=1, province=SimpleNamespace(name="Hà Nội"), status="open",
                           get_status_display=lambda: "Chờ xem xét", filings=3, bookings=0, scored_at=None)  # fmt: skip
    html = render_html(case, sentences=[], dossiers=[], tickets=[], events=[])
    assert ID not in html and "*********123" in html
