"""`motcua units load`: first load, idempotent re-run, repair of a tampered row, bad input."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from motcua.units.models import AdministrativeUnit, UnitSuccession
from motcua.units.services import load_units


def run_load(*args) -> str:
    out = io.StringIO()
    call_command("units", "load", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_first_load_creates_every_unit_and_succession_and_prints_counts(units):
    created = re.search(r"thêm (\d+), cập nhật 0 đơn vị; thêm (\d+), cập nhật 0 quan hệ", units)
    assert created, units
    assert int(created[1]) == AdministrativeUnit.objects.count() > 14_000
    assert int(created[2]) == UnitSuccession.objects.count() > 14_000
    assert "Cấp tỉnh: 34 (Tỉnh 25, Thành phố trực thuộc trung ương 9)" in units
    assert "Cấp xã: 3321 (Xã 2599, Phường 709, Đặc khu 13)" in units
    assert "Cấp huyện (trước 1/7/2025): 696" in units


def test_second_load_changes_nothing_and_says_so(units):
    before = list(
        AdministrativeUnit.objects.order_by("pk").values_list("pk", "full_name", "valid_to", "parent_id")
    )
    output = run_load()
    assert output.startswith("Không có thay đổi")
    after = list(
        AdministrativeUnit.objects.order_by("pk").values_list("pk", "full_name", "valid_to", "parent_id")
    )
    assert after == before


def test_load_repairs_a_row_edited_by_hand_and_keeps_its_primary_key(units):
    ward = AdministrativeUnit.objects.current().get(code="00004")
    AdministrativeUnit.objects.filter(pk=ward.pk).update(full_name="Phường Sai Tên", search_name="x")
    whole = UnitSuccession.objects.filter(successor=ward, partial=False)
    tampered = whole.count()
    assert tampered > 0
    whole.update(partial=True)
    report = load_units()
    assert (report.units_updated, report.units_created) == (1, 0)
    assert report.successions_updated == tampered
    ward.refresh_from_db()
    assert (ward.full_name, ward.search_name) == ("Phường Ba Đình", "phuong ba dinh")


def test_load_restores_a_deleted_succession(units):
    link = UnitSuccession.objects.filter(predecessor__code="30").get()
    link.delete()
    report = load_units()
    assert (report.successions_created, report.units_created) == (1, 0)
    assert UnitSuccession.objects.filter(predecessor__code="30", successor__code="31").exists()


def test_unreadable_file_is_a_command_error(tmp_path):
    broken = tmp_path / "units.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(CommandError, match="cannot read"):
        run_load("--file", str(broken))


def test_subcommand_is_required():
    with pytest.raises(CommandError):
        call_command("units")
