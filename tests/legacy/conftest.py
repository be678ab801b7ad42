"""The new Ninh Bình (37: the former Hà Nam, Nam Định and Ninh Bình) with the real map of units.

The whole map (about 14,000 rows with the successions of 1 July 2025) and a small Ninh Bình are built
once for the package, outside any test transaction, and removed afterwards (rows newer than a snapshot);
each test runs in a transaction rolled back after it. The kill -9 test is transactional (the command
runs in another process): the database is flushed after it, so `province` builds it all again if gone.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from motcua.org.models import AgencyKind
from motcua.units.models import AdministrativeUnit
from tests import snapshots
from tests.dossiers.factories import procedure
from tests.org.factories import agency, one_level_center

TOUCHED_APPS = (
    "units",
    "org",
    "catalog",
    "search",
    "calendar",
    "dossiers",
    "legacy",
    "accounts",
    "nationalportal",
)


class NinhBinh:
    def __init__(self):
        if not AdministrativeUnit.objects.filter(code="37", valid_to__isnull=True).exists():
            call_command("units", "load", stdout=io.StringIO())
        current = AdministrativeUnit.objects.filter(valid_to__isnull=True)
        self.province = current.get(code="37", level="province")
        self.phu_ly = current.get(code="13285", level="commune")  # Phường Phủ Lý
        self.phu_van = current.get(code="13291", level="commune")  # Phường Phù Vân
        self.center = one_level_center(self.province)
        self.committee = agency(
            self.province,
            AgencyKind.PROVINCIAL_COMMITTEE,
            name="Ủy ban nhân dân tỉnh Ninh Bình",
            code="000.00.00.H42",
        )
        self.justice = agency(
            self.province, AgencyKind.DEPARTMENT, name="Sở Tư pháp tỉnh Ninh Bình", code="000.00.01.H42"
        )
        self.committee_phu_ly = agency(
            self.province,
            AgencyKind.COMMUNE_COMMITTEE,
            self.phu_ly,
            "Ủy ban nhân dân phường Phủ Lý",
            "000.00.20.H42",
        )
        self.committee_phu_van = agency(
            self.province,
            AgencyKind.COMMUNE_COMMITTEE,
            self.phu_van,
            "Ủy ban nhân dân phường Phù Vân",
            "000.00.21.H42",
        )
        self.birth = procedure("1.001193", days=5)


@pytest.fixture(scope="package")
def committed_province(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = snapshots.last_ids(TOUCHED_APPS)
        with transaction.atomic():
            built = NinhBinh()
    yield built
    with django_db_blocker.unblock(), transaction.atomic():
        snapshots.delete_newer(before)


@pytest.fixture
def province(committed_province, db):
    if AdministrativeUnit.objects.filter(pk=committed_province.province.pk).exists():
        return committed_province
    return NinhBinh()


def row(**overrides) -> dict:
    """One line of a real-looking export of the former Hà Nam (old codes of 30 June 2025)."""
    data = {
        "code": "000.00.20.H35-240612-0007",
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "province_code": "35",
        "district_code": "347",
        "commune_code": "13291",  # Phường Lê Hồng Phong, thành phố Phủ Lý → Phường Phù Vân
        "agency_name": "UBND phường Lê Hồng Phong",
        "agency_code": "",
        "channel": 1,
        "status": 10,
        "received_at": "2024-06-12T08:30:00+07:00",
        "due_at": "2024-06-14T17:00:00+07:00",
        "finished_at": "2024-06-13T15:00:00+07:00",
        "returned_at": "2024-06-14T09:00:00+07:00",
        "applicant_name": "Nguyễn Văn Hùng",
        "applicant_id_number": "035090001234",
        "applicant_phone": "0912345678",
        "applicant_address": "Phường Lê Hồng Phong, thành phố Phủ Lý, tỉnh Hà Nam",
        "history": [
            {"status": 2, "at": "2024-06-12T08:30:00+07:00", "note": "Tiếp nhận"},
            {"status": 4, "at": "2024-06-12T10:00:00+07:00", "note": ""},
            {"status": 9, "at": "2024-06-13T15:00:00+07:00", "note": "Có kết quả"},
            {"status": 10, "at": "2024-06-14T09:00:00+07:00", "note": ""},
        ],
    }
    data.update(overrides)
    return data


def write_jsonl(path, rows) -> str:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return str(path)
