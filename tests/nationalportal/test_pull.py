"""Pull: dossiers submitted on the portal are received once through online reception; unknown codes park."""

import json

from django.test import override_settings

from motcua.dossiers.models import Dossier
from motcua.nationalportal import inbound
from motcua.nationalportal.client import Client
from motcua.nationalportal.models import InboundDossier


def item(code: str, **changes) -> dict:
    return {
        "MaHoSoCong": code,
        "MaTTHC": "9.100001",
        "MaCoQuan": "000.00.12.H26",
        "MaTinh": "01",
        "NgayNop": "20260302083000",
        "ChuHoSo": {
            "HoTen": "Nguyễn Văn An",
            "SoDinhDanh": "001090012345",
            "NgaySinh": "19900517",
            "GioiTinh": 1,
            "SoDienThoai": "0912345678",
            "DiaChi": "Thôn Đông",
            "MaXa": "00376",
        },  # fmt: skip
        **changes,
    }


def test_pull_receives_each_submission_once_and_parks_unknown_codes(world, start_portal, tmp_path):
    assert world.province.code == "01"
    submissions = tmp_path / "inbound.jsonl"
    lines = [
        item("G22-0001"),
        item("G22-0002", MaTTHC="1.999999"),
        item("G22-0003", MaCoQuan="000.00.99.H26"),
    ]
    submissions.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    portal = start_portal(inbound=submissions)
    client = Client(portal.url)
    before = Dossier.objects.count()

    with override_settings(MOTCUA_PORTAL_PROVINCE="01"):
        assert inbound.pull(client) == {"fetched": 3, "received": 1, "parked": 2}
        # Again: nothing new fetched, the parked ones tried again and still parked, no second dossier.
        assert inbound.pull(client) == {"fetched": 0, "received": 0, "parked": 2}
    assert Dossier.objects.count() == before + 1
    received = InboundDossier.objects.get(portal_code="G22-0001")
    dossier = Dossier.objects.get(code=received.dossier_code)
    assert dossier.channel == "online" and dossier.status == "pending_acceptance"
    assert dossier.applicant.full_name == "Nguyễn Văn An"
    reasons = dict(InboundDossier.objects.filter(state="parked").values_list("portal_code", "reason"))
    assert reasons == {
        "G22-0002": "Mã thủ tục 1.999999 không có trong danh mục.",
        "G22-0003": "Mã định danh cơ quan 000.00.99.H26 không có trong hệ thống.",
    }
