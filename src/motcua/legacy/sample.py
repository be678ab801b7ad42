"""A realistic old export for tests and the benchmark (bench/bench_legacy.py): the former Hà Nam, Nam
Định and Ninh Bình's communes (real codes of 30 June 2025, from the owned units data file), their
People's Committees and departments, a status mix of a closed year and the open tail, text in Unicode,
TCVN3 or VNI, and (with `dirty`) one line in fifty invalid for one of the reasons of docs/migration.md.
Deterministic for a seed; one line at a time (a million lines never sit in memory)."""

from __future__ import annotations

import json
import random
import unicodedata
from collections import deque
from collections.abc import Iterator
from datetime import datetime, timedelta

from motcua.calendar.clock import TZ
from motcua.units import dataset

from .encodings import to_tcvn3, to_vni

OLD_PROVINCES = {"35": "Hà Nam", "36": "Nam Định", "37": "Ninh Bình"}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thu", "Quốc", "Thanh", "Xuân"]
GIVEN = ["Hùng", "Lan", "Hương", "Dũng", "Tuấn", "Ánh", "Phương", "Việt", "Thảo", "Nghĩa", "Thủy", "Ước"]
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh"),
    ("1.000894", "Đăng ký kết hôn"),
    ("1.001022", "Đăng ký khai tử"),
    ("2.000908", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
    ("1.004227", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu"),
    ("2.001999", "Thủ tục đã bãi bỏ trước sáp nhập"),
]
DEPARTMENTS = ["Sở Tư pháp", "Sở Tài nguyên và Môi trường", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng"]
# (portal status, weight): most of an old system is closed; the open tail continues in motcua.
STATUSES = [(10, 70), (3, 3), (8, 4), (9, 8), (4, 8), (2, 4), (5, 2), (1, 1)]
DIRTY = [
    ("status", 12),
    ("received_at", "31/06/2024 08:00"),
    ("commune_code", "99999"),
    ("finished_at", "2020-01-01T00:00:00+07:00"),
    ("applicant_id_number", "12345"),
    ("code", ""),
]


def old_communes(provinces=tuple(OLD_PROVINCES)) -> list[tuple[str, str, str, str]]:
    """(province code, district code, commune code, commune full name) in force on 30 June 2025."""
    data = dataset.read()
    districts = {u.key: u for u in data.units if u.level == "district"}
    found = []
    for u in data.units:
        if u.level == "commune" and u.province_code in provinces and u.valid_to is not None:
            district = districts.get(u.parent or "")
            found.append((u.province_code, district.code if district else "", u.code, u.full_name))
    return sorted(found)


def rows(
    count: int, *, seed: int = 1, dirty: bool = False, communes=None, messy: bool = False
) -> Iterator[dict]:
    """`messy` (the benchmark's file) adds what real exports also hold: 5 % of the lines with text in
    decomposed Unicode (NFD), one line in 97 a copy of a line up to 5,000 lines back (skipped), one in
    211 such a copy with another phone number (a `code_conflict`)."""
    rnd = random.Random(seed)
    recent: deque[dict] = deque(maxlen=5_000)
    communes = communes or old_communes()
    statuses, weights = zip(*STATUSES, strict=True)
    start = datetime(2023, 1, 2, 8, 0, tzinfo=TZ)
    for i in range(count):
        province, district, commune, commune_name = communes[rnd.randrange(len(communes))]
        received = start + timedelta(minutes=rnd.randrange(0, 60 * 24 * 900))
        due = received + timedelta(days=rnd.choice((1, 3, 5, 10, 15, 30)))
        status = rnd.choices(statuses, weights)[0]
        history = [{"status": 2, "at": received.isoformat(), "note": "Tiếp nhận hồ sơ"}]
        finished = returned = None
        if status != 1 and status != 2:
            history.append({"status": 4, "at": (received + timedelta(hours=2)).isoformat(), "note": ""})
        if status in (3, 8, 9, 10):
            finished = received + timedelta(days=rnd.randrange(0, 20), hours=3)
            history.append({"status": min(status, 9), "at": finished.isoformat(), "note": "Có kết quả"})
        if status == 10:
            returned = finished + timedelta(days=rnd.randrange(0, 4), hours=1)
            history.append({"status": 10, "at": returned.isoformat(), "note": "Đã trả kết quả"})
        if status == 5:
            history.append(
                {"status": 5, "at": (received + timedelta(days=1)).isoformat(), "note": "Thiếu giấy tờ"}
            )
        if status == 1:
            history = [{"status": 1, "at": received.isoformat(), "note": "Nộp trực tuyến"}]
        procedure_code, procedure_name = PROCEDURES[rnd.randrange(len(PROCEDURES))]
        if rnd.random() < 0.6:
            agency = f"UBND {commune_name.split(' ', 1)[0].lower()} {commune_name.split(' ', 1)[1]}"
        else:
            agency = f"{rnd.choice(DEPARTMENTS)} tỉnh {OLD_PROVINCES[province]}"
        name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
        address = f"{commune_name}, tỉnh {OLD_PROVINCES[province]}"
        encode = rnd.choices((str, to_tcvn3, to_vni), (80, 10, 10))[0]
        if messy and encode is str and rnd.random() < 0.0625:
            encode = _decomposed
        row = {
            "code": f"000.00.{rnd.randrange(10, 99)}.H{province}-{received:%y%m%d}-{i % 10000:04d}{i // 10000:03d}",
            "procedure_code": procedure_code,
            "procedure_name": encode(procedure_name),
            "province_code": province,
            "district_code": district,
            "commune_code": commune,
            "agency_name": encode(agency),
            "agency_code": "",
            "channel": rnd.choices((1, 2, 3), (60, 35, 5))[0],
            "status": status,
            "received_at": received.isoformat(),
            "due_at": due.isoformat(),
            "finished_at": finished.isoformat() if finished else None,
            "returned_at": returned.isoformat() if returned else None,
            "applicant_name": encode(name),
            "applicant_id_number": f"0{province}{rnd.randrange(0, 4)}{rnd.randrange(60, 99)}{rnd.randrange(10**6):06d}"
            if rnd.random() < 0.8
            else f"{rnd.randrange(10**8, 10**9)}",
            "applicant_phone": f"09{rnd.randrange(10**8):08d}",
            "applicant_address": encode(address),
            "history": history,
        }
        if dirty and i % 50 == 49:
            key, value = DIRTY[(i // 50) % len(DIRTY)]
            row[key] = value
        if messy and recent and i % 97 == 96:
            row = dict(recent[rnd.randrange(len(recent))])
        elif messy and recent and i % 211 == 210:
            row = {**recent[rnd.randrange(len(recent))], "applicant_phone": f"08{rnd.randrange(10**8):08d}"}
        elif messy:
            recent.append(row)
        yield row


def _decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write_jsonl(path, count: int, **kwargs) -> int:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows(count, **kwargs):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count
