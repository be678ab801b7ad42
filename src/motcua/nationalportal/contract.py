"""The wire contract with the National Public Service Portal (docs/nationalportal.md), in one place.

Both sides use it: the client builds records with `record()`, the simulator checks them with
`check_record()`, so a field the client gets wrong is refused the way the portal would refuse it.
Pure Python apart from `record()`'s inputs; no Django import at module level (the simulator is light).
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

SERVICE_PUSH = "DongBoHoSoMC"
PUSH_PATH = "/api/v1/dongbohoso"
PULL_PATH = "/api/v1/hosodangky"
REPORT_PATH = "/api/v1/baocaotrangthai"
MAX_ITEMS = 500
MAX_BODY = 2 * 1024 * 1024
TIME_FORMAT = "%Y%m%d%H%M%S"  # local time, Asia/Ho_Chi_Minh (the guidance's yyyyMMddHHmmss)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# Error codes of the contract: a request's and an item's `error_code`.
OK = "0"
MALFORMED = "-1"  # not JSON, not an object, wrong service, `data` not a list
TOO_LARGE = "-2"  # body over MAX_BODY or more than MAX_ITEMS items
UNAUTHORISED = "-3"  # missing or wrong bearer token
UNAVAILABLE = "-99"  # the portal is down or failed: retry later
MISSING_FIELD = "101"
INVALID_FIELD = "102"
OUT_OF_ORDER = "103"  # a sequence not after the last one accepted for the dossier
HELD_BACK = "105"  # an earlier item of the same dossier in this request was refused: not processed

RETRYABLE_ITEM = {HELD_BACK}

_EVENT_ID = re.compile(r"^[0-9A-Za-z._:-]{1,40}$")
_DOSSIER = re.compile(r"^[0-9A-Z.]{13}-[0-9]{6}-[0-9]{4,}$")
_PROCEDURE = re.compile(r"^[0-9]{1,2}\.[0-9]{6}$")
_AGENCY = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")
_PERSON_ID = re.compile(r"^[0-9]{12}$")
_TAX_CODE = re.compile(r"^[0-9]{10}(-?[0-9]{3})?$")
_TIME = re.compile(r"^[0-9]{14}$")

REQUIRED = ("IdSuKien", "MaHoSo", "ThuTu", "MaTTHC", "MaCoQuan", "TrangThaiHoSo", "KenhThucHien",
            "ThoiDiem", "ChuHoSo", "LoaiDoiTuong")  # fmt: skip
MOMENTS = ("ThoiDiem", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra")


def fmt_time(value) -> str | None:
    """An aware datetime or ISO text -> yyyyMMddHHmmss in Vietnam's time; None stays None."""
    if not value:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(ZONE).strftime(TIME_FORMAT)


def record(event: dict, applicant: dict | None) -> dict:
    """One item of `data`: the event as captured (see capture.py) and the applicant's identity."""
    applicant = applicant or {}
    organisation = applicant.get("kind") == "organisation"
    return {
        "IdSuKien": event["event_id"],
        "MaHoSo": event["dossier_code"],
        "ThuTu": event["sequence"],
        "MaTTHC": event.get("procedure_code") or "",
        "MaCoQuan": event.get("agency_code") or "",
        "TrangThaiHoSo": event["status_code"],
        "KenhThucHien": event.get("channel_code"),
        "ThoiDiem": fmt_time(event.get("at")),
        "NgayTiepNhan": fmt_time(event.get("received_at")),
        "NgayHenTra": fmt_time(event.get("due_at")),
        "NgayKetThucXuLy": fmt_time(event.get("finished_at")),
        "NgayTra": fmt_time(event.get("returned_at")),
        "ChuHoSo": applicant.get("name") or "",
        "LoaiDoiTuong": 2 if organisation else 1,
        "MaDoiTuong": (applicant.get("tax_code") if organisation else applicant.get("id_number")) or "",
    }


def check_record(item) -> tuple[str, str]:
    """(error code, field) of the first problem of an item, or (OK, "")."""
    if not isinstance(item, dict):
        return INVALID_FIELD, "data[]"
    for field in REQUIRED:
        if item.get(field) in (None, ""):
            return MISSING_FIELD, field
    text_checks = (
        ("IdSuKien", _EVENT_ID),
        ("MaHoSo", _DOSSIER),
        ("MaTTHC", _PROCEDURE),
        ("MaCoQuan", _AGENCY),
    )
    for field, pattern in text_checks:
        if not isinstance(item[field], str) or not pattern.match(item[field]):
            return INVALID_FIELD, field
    for field, low, high in (("ThuTu", 1, 2**31 - 1), ("TrangThaiHoSo", 1, 10), ("KenhThucHien", 1, 3),
                             ("LoaiDoiTuong", 1, 2)):  # fmt: skip
        value = item[field]
        if type(value) is not int or not low <= value <= high:
            return INVALID_FIELD, field
    for field in MOMENTS:
        value = item.get(field)
        if value is None and field != "ThoiDiem":
            continue
        if not isinstance(value, str) or not _TIME.match(value):
            return INVALID_FIELD, field
        try:
            datetime.strptime(value, TIME_FORMAT)
        except ValueError:
            return INVALID_FIELD, field
    name = item["ChuHoSo"]
    if not isinstance(name, str) or len(name) > 200 or not name.strip():
        return INVALID_FIELD, "ChuHoSo"
    subject = item.get("MaDoiTuong") or ""
    if not isinstance(subject, str):
        return INVALID_FIELD, "MaDoiTuong"
    if subject and not (_PERSON_ID if item["LoaiDoiTuong"] == 1 else _TAX_CODE).match(subject):
        return INVALID_FIELD, "MaDoiTuong"
    unknown = set(item) - set(REQUIRED) - set(MOMENTS) - {"MaDoiTuong"}
    if unknown:
        return INVALID_FIELD, sorted(unknown)[0]
    return OK, ""


def check_request(body) -> tuple[str, str]:
    """(error code, message) of a push request as a whole."""
    if not isinstance(body, dict) or body.get("service") != SERVICE_PUSH:
        return MALFORMED, "service"
    data = body.get("data")
    if not isinstance(data, list) or not data:
        return MALFORMED, "data"
    if len(data) > MAX_ITEMS:
        return TOO_LARGE, "data"
    return OK, ""
