"""A province, an agency and two published procedures to make dossiers of; files in a fresh folder."""

from datetime import date
from itertools import count

import pytest
from django.utils import timezone

from motcua.catalog import services as catalog
from motcua.dossiers.models import Applicant, Dossier
from tests.dossiers import conftest as dossier_fixtures
from tests.org.factories import agency, province, user

# The dossiers' small Hà Nội for the receipt tests (test_slip.py): built once for this package, removed
# when the package is done (a conftest's package fixture, so it is torn down here, not at session end).
committed_world = dossier_fixtures.committed_world
world = dossier_fixtures.world

SINCE = date(2025, 7, 1)
AN = "001090012345"  # Nguyễn Văn An: Hà Nội, male, born 1990
BINH = "001190054321"  # Trần Thị Bình: Hà Nội, female, born 1990
_codes = count(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list[str]:
    """Every file under the media folder, as storage names."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def publish(code: str, documents: list[str]):
    proc = catalog.create_procedure(code=code)
    draft = catalog.create_draft(
        procedure=proc,
        data={
            "name": f"Thủ tục {code}",
            "field": "Hộ tịch",
            "at_commune": True,
            "documents": [{"name": n, "originals": 1, "copies": 0, "case": None} for n in documents],
        },
    )
    return catalog.publish(version=draft, valid_from=SINCE)


class Place:
    def __init__(self):
        self.province = province()
        self.agency = agency(self.province, name="Ủy ban nhân dân xã Sóc Sơn")
        self.officer = user(full_name="Trần Văn Đức")
        self.birth = publish(
            "9.200001", ["Tờ khai đăng ký khai sinh", "Bản sao Giấy chứng nhận kết hôn của cha, mẹ"]
        )
        self.marriage = publish("9.200002", ["Tờ khai đăng ký kết hôn", "Giấy khai sinh (bản sao)"])

    def required(self, version, position: int):
        return version.documents.order_by("position")[position]

    def dossier(self, version, id_number: str = AN, name: str = "Nguyễn Văn An", kind: str = "person"):
        day = timezone.localdate()
        dossier = Dossier.objects.create(
            code=f"000.00.12.H62-{day:%y%m%d}-{next(_codes):04d}",
            procedure=version.procedure,
            procedure_version=version,
            province=self.province,
            channel="counter",
            status="received",
            agency=self.agency,
            received_at=timezone.now(),
        )
        Applicant.objects.create(
            dossier=dossier,
            kind=kind,
            full_name=name,
            id_number=id_number if kind == "person" else "",
            tax_code=id_number if kind == "organisation" else "",
        )
        return dossier


@pytest.fixture
def place(db):
    return Place()
