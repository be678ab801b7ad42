from datetime import date

import pytest

from motcua.units.models import AdministrativeUnit


def _province(code, name, kind="tinh", valid_to=None):
    return AdministrativeUnit.objects.create(
        code=code,
        level="province",
        kind=kind,
        name=name,
        full_name=name,
        province_code=code,
        valid_from=date(2025, 7, 1) if valid_to is None else date(2008, 8, 1),
        valid_to=valid_to,
    )


@pytest.fixture
def provinces(db):
    """Two provinces in force and one merged away on 1 July 2025 (Hà Giang, into Tuyên Quang)."""
    return {
        "01": _province("01", "Thành phố Hà Nội", kind="thanh_pho_tw"),
        "79": _province("79", "Thành phố Hồ Chí Minh", kind="thanh_pho_tw"),
        "02": _province("02", "Tỉnh Hà Giang", valid_to=date(2025, 7, 1)),
    }
