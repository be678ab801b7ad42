"""Adoption by provinces, and moving a province's catalog to another environment."""

import copy
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from motcua.catalog import exchange, services
from motcua.catalog.models import Procedure, ProcedureVersion, ProvinceProcedure
from motcua.core.errors import DomainError
from motcua.org.models import Agency

from .conftest import wipe_catalog

SAMPLE = ["1.000080", "1.000178", "1.001471", "1.013124"]


def test_hanoi_and_haiphong_adopt_provincial_and_commune_procedures(national, hanoi, haiphong):
    expected = ProcedureVersion.objects.in_force_on(date.today()).filter(
        Q(at_province=True) | Q(at_commune=True)
    )
    for unit in (hanoi, haiphong):
        created, existing = exchange.adopt_national(unit.code)
        assert (created, existing) == (expected.count(), 0)
        assert set(unit.adopted_procedures.values_list("procedure_id", flat=True)) == set(
            expected.values_list("procedure_id", flat=True)
        )
    assert exchange.adopt_national("01") == (0, expected.count())
    assert not ProvinceProcedure.objects.filter(procedure__code="1.000178").exists()  # ministry level only


def test_unknown_province_is_refused(national):
    with pytest.raises(DomainError) as error:
        exchange.adopt_national("99")
    assert error.value.code == "catalog.province_not_found"


@pytest.fixture
def haiphong_catalog(national, haiphong):
    """Hải Phòng adopts four procedures, one with its own fee and agency; one has a second version."""
    for code in SAMPLE:
        services.adopt(province=haiphong, procedure=Procedure.objects.get(code=code))
    services.adopt(
        province=haiphong,
        procedure=Procedure.objects.get(code="1.000080"),
        agency_name="UBND phường Hồng Bàng",
        fee_kind="amount",
        fee_amount=50000,
        boundary_free=True,
    )
    services.adopt(
        province=haiphong,
        procedure=Procedure.objects.get(code="1.000178"),
        agency=Agency.objects.create(
            code="000.00.07.H31", kind="department", name="Sở Tư pháp", province=haiphong
        ),
    )
    procedure = Procedure.objects.get(code="1.001471")
    draft = services.create_draft(
        procedure=procedure,
        from_version=procedure.versions.get(number=1),
        data={"name": "Cấp hộ chiếu (2026)"},
    )
    services.publish(version=draft, valid_from=date(2026, 1, 1))
    return exchange.export_province("31")


def identities() -> set[tuple]:
    return set(
        ProcedureVersion.objects.values_list("procedure__code", "number", "status", "valid_from", "valid_to")
    )


def without_time(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_round_trip_to_an_empty_catalog_keeps_identities(haiphong_catalog):
    before = {i for i in identities() if i[0] in SAMPLE}
    assert [p["code"] for p in haiphong_catalog["procedures"]] == SAMPLE
    wipe_catalog()

    report = exchange.import_province(json.loads(json.dumps(haiphong_catalog)))
    assert (report["procedures_created"], report["versions_created"], report["adoptions_created"]) == (
        4,
        5,
        4,
    )
    assert identities() == before
    assert without_time(exchange.export_province("31")) == without_time(haiphong_catalog)
    adoption = ProvinceProcedure.objects.get(procedure__code="1.000080")
    assert (adoption.fee_amount, adoption.agency_name, adoption.boundary_free) == (
        50000,
        "UBND phường Hồng Bàng",
        True,
    )

    again = exchange.import_province(haiphong_catalog)
    assert (again["versions_created"], again["versions_unchanged"], again["adoptions_unchanged"]) == (0, 5, 4)


def test_import_into_the_same_environment_changes_nothing(haiphong_catalog):
    before = identities()
    report = exchange.import_province(haiphong_catalog)
    assert (report["versions_created"], report["versions_unchanged"]) == (0, 5)
    assert identities() == before


def test_conflicting_version_aborts_the_whole_file(haiphong_catalog):
    data = copy.deepcopy(haiphong_catalog)
    data["procedures"][0]["versions"][0]["content"]["name"] = "Tên khác với dữ liệu đang có"
    data["procedures"][1]["adoption"]["fee_amount"] = 1
    wipe_catalog()
    exchange_ok = copy.deepcopy(haiphong_catalog)
    exchange_ok["procedures"] = exchange_ok["procedures"][2:]  # a first import of two procedures
    exchange.import_province(exchange_ok)
    before = identities()

    data["procedures"].append(haiphong_catalog["procedures"][2])
    data["procedures"][-1] = copy.deepcopy(data["procedures"][-1])
    data["procedures"][-1]["versions"][0]["content"]["name"] = "Sửa tên phiên bản đã có"
    with pytest.raises(DomainError) as error:
        exchange.import_province(data)
    assert error.value.code == "catalog.import_conflict"
    conflicts = error.value.details["conflicts"]
    assert {"procedure": "1.001471", "version": 1, "reason": "khác nội dung hoặc hiệu lực"} in conflicts
    assert identities() == before  # nothing of the file was kept


def test_unknown_agency_is_a_conflict(haiphong_catalog):
    data = copy.deepcopy(haiphong_catalog)
    item = next(p for p in data["procedures"] if p["code"] == "1.000178")
    assert item["adoption"]["agency_code"] == "000.00.07.H31"
    item["adoption"]["agency_code"] = "000.00.99.H31"
    wipe_catalog()
    with pytest.raises(DomainError) as error:
        exchange.import_province(data)
    assert error.value.details["conflicts"] == [
        {"procedure": "1.000178", "version": None, "reason": "không có cơ quan mã 000.00.99.H31"}
    ]


def test_overlapping_window_in_file_is_a_conflict(haiphong_catalog):
    data = copy.deepcopy(haiphong_catalog)
    item = next(p for p in data["procedures"] if p["code"] == "1.000178")
    extra = copy.deepcopy(item["versions"][0])
    extra.update(number=5, valid_from="2025-09-01", valid_to="2025-10-01")
    item["versions"].append(extra)
    with pytest.raises(DomainError) as error:
        exchange.import_province(data)
    assert error.value.code == "catalog.import_conflict"
    assert error.value.details["conflicts"][0]["version"] == 5


@pytest.mark.parametrize(
    "data",
    [
        {"format": "other"},
        {"format": exchange.FORMAT, "province": {"code": "31"}, "procedures": [{"code": "1.1"}]},
    ],
)
def test_invalid_files_are_refused(national, haiphong, data):
    with pytest.raises(DomainError) as error:
        exchange.import_province(data)
    assert error.value.code == "catalog.invalid_file"


def test_commands_export_and_import_file(haiphong_catalog, tmp_path):
    path = tmp_path / "haiphong.json"
    out = io.StringIO()
    call_command("catalog", "export", "--province", "31", "--output", str(path), stdout=out)
    assert "Đã xuất 4 thủ tục của tỉnh 31" in out.getvalue()
    wipe_catalog()
    out = io.StringIO()
    call_command("catalog", "import-file", str(path), stdout=out)
    assert "4 thủ tục mới, 5 phiên bản mới" in out.getvalue()

    data = json.loads(path.read_text(encoding="utf-8"))
    data["procedures"][0]["versions"][0]["valid_from"] = "2024-01-01"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"catalog\.import_conflict"):
        call_command("catalog", "import-file", str(path))


def test_adopt_command(national, hanoi, haiphong):
    out = io.StringIO()
    call_command("catalog", "adopt", "--province", "01", "--province", "31", stdout=out)
    assert "Tỉnh 01: áp dụng mới" in out.getvalue() and "Tỉnh 31: áp dụng mới" in out.getvalue()
    with pytest.raises(CommandError, match="catalog.province_not_found"):
        call_command("catalog", "adopt", "--province", "98")
