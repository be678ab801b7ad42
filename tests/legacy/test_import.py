"""migrate-legacy end to end on the real map: real old codes, the three containers, reject reasons."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from motcua.dossiers.models import Dossier, TrackingEntry
from motcua.legacy.containers import FIELDS
from motcua.legacy.models import AgencyMapping, ImportRun, LegacyRecord

from .conftest import row, write_jsonl


def migrate(path, *extra) -> list[str]:
    out = io.StringIO()
    call_command("migrate-legacy", str(path), "--province", "37", "--quiet", *extra, stdout=out)
    return out.getvalue().strip().splitlines()


def write_csv(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow({**r, "history": json.dumps(r["history"], ensure_ascii=False)})
    return str(path)


def write_xlsx(path, rows) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append(list(FIELDS))
    for r in rows:
        sheet.append([json.dumps(r[k], ensure_ascii=False) if k == "history" else r[k] for k in FIELDS])
    book.save(path)
    return str(path)


def test_a_returned_dossier_is_archived_with_its_history_under_its_old_code(province, tmp_path):
    lines = migrate(write_jsonl(tmp_path / "old.jsonl", [row()]))
    assert lines[-1] == "imported 1, skipped 0, rejected 0"
    d = Dossier.objects.select_related("applicant", "legacy").get(code="000.00.20.H35-240612-0007")
    assert d.status == "returned"
    assert d.commune == province.phu_van  # 13291 Lê Hồng Phong → Phù Vân (the succession table)
    assert d.agency == province.committee_phu_van  # the old ward's committee → its successor's
    assert d.legacy.agency_rule == "commune" and not d.legacy.to_assign
    assert d.procedure.code == "1.001193" and d.legacy.procedure_known
    assert d.applicant.full_name == "Nguyễn Văn Hùng" and d.applicant_name_folded == "nguyen van hung"
    assert d.legacy.id_tail == "001234"
    sheet = list(TrackingEntry.objects.filter(dossier=d).order_by("dossier_version"))
    assert [(e.action, e.to_status) for e in sheet] == [
        ("receive", "received"),
        ("assign", "in_progress"),
        ("issue_result", "result_ready"),
        ("return_result", "returned"),
    ]
    assert sheet[0].note == "Tiếp nhận" and d.version == 4
    assert not d.steps.exists()  # archived: no open step to act on


def test_an_open_dossier_keeps_its_due_moment_and_gets_its_steps(province, tmp_path):
    open_row = row(
        code="000.00.21.H35-250625-0012",
        status=4,
        finished_at=None,
        returned_at=None,
        received_at="2025-06-25T09:00:00+07:00",
        due_at="2025-07-02T17:00:00+07:00",
        history=[{"status": 2, "at": "2025-06-25T09:00:00+07:00", "note": ""}],
    )
    assert (
        migrate(write_jsonl(tmp_path / "open.jsonl", [open_row]))[-1] == "imported 1, skipped 0, rejected 0"
    )
    d = Dossier.objects.get(code="000.00.21.H35-250625-0012")
    assert d.status == "in_progress"
    assert d.due_at.isoformat() == "2025-07-02T10:00:00+00:00"
    assert d.appointment_at == d.due_at and d.clock_started_at == d.received_at
    assert d.current_step.position == 2 and d.steps.count() == 4
    assert d.steps.order_by("position").last().due_at == d.due_at
    assert list(d.tracking.values_list("to_status", flat=True)) == ["received", "in_progress"]


def test_a_supplement_request_pauses_the_clock(province, tmp_path):
    r = row(
        code="000.00.21.H35-250620-0001", status=5, finished_at=None, returned_at=None,
        history=[{"status": 2, "at": "2024-06-12T08:30:00+07:00", "note": ""},
                 {"status": 5, "at": "2024-06-13T08:00:00+07:00", "note": "Thiếu giấy chứng sinh"}],
    )  # fmt: skip
    migrate(write_jsonl(tmp_path / "s.jsonl", [r]))
    d = Dossier.objects.get(code=r["code"])
    assert d.status == "supplement_requested" and d.paused_at is not None
    pause = d.pauses.get()
    assert pause.ended_at is None and pause.supplement.reason == "Thiếu giấy chứng sinh"


@pytest.mark.parametrize("writer,suffix", [(write_jsonl, "jsonl"), (write_csv, "csv"), (write_xlsx, "xlsx")])
def test_three_containers_give_the_same_dossier_and_one_skips_the_other(province, tmp_path, writer, suffix):
    rows = [row(), row(code="000.00.20.H35-240612-0008", applicant_name="Trần Thị Ngọc Ánh")]
    assert migrate(writer(tmp_path / f"old.{suffix}", rows))[-1] == "imported 2, skipped 0, rejected 0"
    # The same lines in another container are the same content: skipped.
    other = (
        write_jsonl(tmp_path / "again.jsonl", rows)
        if suffix != "jsonl"
        else write_csv(tmp_path / "a.csv", rows)
    )
    assert migrate(other)[-1] == "imported 0, skipped 2, rejected 0"
    assert Dossier.objects.get(code="000.00.20.H35-240612-0008").applicant.full_name == "Trần Thị Ngọc Ánh"


def test_tcvn3_and_vni_fields_are_converted_each_on_its_own(province, tmp_path):
    r = row(
        applicant_name="NguyÔn V¨n Hïng",  # TCVN3
        applicant_address="Phöôøng Leâ Hoàng Phong, thaønh phoá Phuû Lyù",  # VNI
        procedure_name="§¨ng ký khai sinh",  # TCVN3
        agency_name="UBND ph\xadêng Lª Hång Phong",  # TCVN3 (0xAD is ư)
    )
    migrate(write_jsonl(tmp_path / "dirty.jsonl", [r]))
    d = Dossier.objects.select_related("applicant", "legacy").get(code=r["code"])
    assert d.applicant.full_name == "Nguyễn Văn Hùng"
    assert d.applicant.address == "Phường Lê Hồng Phong, thành phố Phủ Lý"
    assert d.legacy.procedure_name == "Đăng ký khai sinh"
    assert d.legacy.agency_name == "UBND phường Lê Hồng Phong"
    assert d.legacy.converted["applicant_name"] == ["tcvn3", "NguyÔn V¨n Hïng", "Nguyễn Văn Hùng"]
    assert d.legacy.converted["applicant_address"][0] == "vni"


def test_decomposed_unicode_is_stored_composed(province, tmp_path):
    import unicodedata

    r = row(applicant_name=unicodedata.normalize("NFD", "Đặng Quốc Việt"))
    migrate(write_jsonl(tmp_path / "nfd.jsonl", [r]))
    name = Dossier.objects.get(code=r["code"]).applicant.full_name
    assert name == "Đặng Quốc Việt" and unicodedata.is_normalized("NFC", name)


BAD = [
    ("bad_status", {"status": 11}),
    ("bad_status", {"status": "xong"}),
    ("bad_date", {"received_at": "12/06/2024"}),
    ("bad_date", {"due_at": "2024-06-14T17:00:00"}),  # no offset
    ("unknown_commune", {"commune_code": "99999"}),
    ("commune_outside_province", {"commune_code": "00004"}),  # Hà Nội's Phúc Xá
    ("finished_before_received", {"finished_at": "2024-06-11T08:00:00+07:00"}),
    ("bad_id_number", {"applicant_id_number": "03509000123"}),
    ("bad_id_number", {"applicant_id_number": "0350900012AB"}),
    ("empty_code", {"code": "  "}),
    ("bad_code", {"code": "HS-2024-0001"}),
    ("bad_history", {"history": "not json"}),
]


def test_every_invalid_line_goes_to_the_rejects_file_with_its_reason(province, tmp_path):
    rows = [
        row(**{"code": f"000.00.20.H35-240612-{i:04d}", **bad}) for i, (_r, bad) in enumerate(BAD, start=100)
    ]
    rows.append(row())
    rejects = tmp_path / "rejects.csv"
    lines = migrate(write_jsonl(tmp_path / "bad.jsonl", rows), "--rejects", str(rejects))
    assert lines[-1] == f"imported 1, skipped 0, rejected {len(BAD)}"
    with open(rejects, encoding="utf-8") as f:
        found = list(csv.DictReader(f))
    assert [r["reason"].split(":")[0] for r in found] == [reason for reason, _bad in BAD]
    assert list(found[0].keys()) == [*FIELDS, "reason"]
    assert found[0]["status"] == "11" and json.loads(found[0]["history"])[0]["status"] == 2
    assert Dossier.objects.count() == 1 and LegacyRecord.objects.count() == 1


def test_rejects_as_excel_and_a_changed_line_is_a_conflict(province, tmp_path):
    migrate(write_jsonl(tmp_path / "a.jsonl", [row()]))
    rejects = tmp_path / "rejects.xlsx"
    lines = migrate(
        write_jsonl(tmp_path / "b.jsonl", [row(applicant_phone="0987654321")]), "--rejects", str(rejects)
    )
    assert lines[-1] == "imported 0, skipped 0, rejected 1"
    sheet = load_workbook(rejects, read_only=True).worksheets[0]
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    assert header[-1] == "reason" and first[0] == row()["code"] and first[-1].startswith("code_conflict")


def test_rerun_imports_nothing_twice(province, tmp_path):
    path = write_jsonl(
        tmp_path / "old.jsonl", [row(code=f"000.00.20.H35-240612-{i:04d}") for i in range(1, 6)]
    )
    assert migrate(path)[-1] == "imported 5, skipped 0, rejected 0"
    assert migrate(path)[-1] == "imported 0, skipped 5, rejected 0"
    assert Dossier.objects.count() == 5 and TrackingEntry.objects.count() == 20
    assert ImportRun.objects.count() == 2


def test_dry_run_writes_nothing(province, tmp_path):
    lines = migrate(write_jsonl(tmp_path / "old.jsonl", [row(), row()]), "--dry-run")
    assert lines[-1] == "imported 1, skipped 1, rejected 0"
    assert not Dossier.objects.exists() and not ImportRun.objects.exists()


def test_agency_rules_mapping_and_the_to_assign_queue(province, tmp_path):
    rows = [
        row(code="000.00.31.H35-240612-0001", agency_name="Sở Tư pháp tỉnh Hà Nam"),
        row(code="000.00.31.H35-240612-0002", agency_name="UBND thành phố Phủ Lý"),  # an old district body
        row(code="000.00.31.H35-240612-0003", agency_name="Trung tâm Y tế dự phòng tỉnh Hà Nam"),
        row(
            code="000.00.31.H35-240612-0004",
            agency_name="Chi nhánh Văn phòng đăng ký đất đai",
            agency_code="H35.99",
        ),
        row(code="000.00.31.H35-240612-0005", procedure_code="2.000999", procedure_name="Thủ tục đã bãi bỏ"),
    ]
    AgencyMapping.objects.create(province=province.province, old_code="h35.99", agency=province.justice)
    migrate(write_jsonl(tmp_path / "agencies.jsonl", rows))
    got = {r.code: r for r in LegacyRecord.objects.select_related("dossier__agency")}
    assert got["000.00.31.H35-240612-0001"].dossier.agency == province.justice
    assert got["000.00.31.H35-240612-0001"].agency_rule == "department"
    assert got["000.00.31.H35-240612-0002"].dossier.agency == province.committee_phu_van
    assert got["000.00.31.H35-240612-0002"].agency_rule == "district"
    assert (
        got["000.00.31.H35-240612-0003"].to_assign
        and got["000.00.31.H35-240612-0003"].dossier.agency == province.committee
    )
    assert got["000.00.31.H35-240612-0003"].dossier.received_place == province.center
    assert (
        got["000.00.31.H35-240612-0004"].agency_rule == "mapping"
        and got["000.00.31.H35-240612-0004"].dossier.agency == province.justice
    )
    unknown = got["000.00.31.H35-240612-0005"]
    assert not unknown.procedure_known and unknown.procedure_code == "2.000999"
    assert unknown.procedure_name == "Thủ tục đã bãi bỏ" and unknown.dossier.procedure.code == "0.000000"


def test_a_broken_json_line_a_bad_channel_and_a_code_the_new_system_uses(province, tmp_path):
    taken = row(code="000.00.20.H35-240612-0555")
    path = tmp_path / "mixed.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"code": "000.00.20.H35-240612-0500", "status": 10\n')  # cut short by the export
        f.write(json.dumps(row(code="000.00.20.H35-240612-0501", channel=7), ensure_ascii=False) + "\n")
        f.write(json.dumps(taken, ensure_ascii=False) + "\n")
    # A dossier that is not a migrated one holds the code (made here by migrating, then forgetting the record).
    migrate(write_jsonl(tmp_path / "first.jsonl", [taken]))
    LegacyRecord.objects.filter(code=taken["code"]).delete()
    rejects = tmp_path / "rejects.csv"
    assert migrate(str(path), "--rejects", str(rejects))[-1] == "imported 0, skipped 0, rejected 3"
    with open(rejects, encoding="utf-8") as f:
        reasons = [r["reason"].split(":")[0] for r in csv.DictReader(f)]
    assert reasons == ["malformed_line", "bad_channel", "code_taken"]


def test_a_province_without_its_center_or_a_wrong_file_is_refused_before_anything(province, tmp_path):
    from django.core.management.base import CommandError

    path = write_jsonl(tmp_path / "old.jsonl", [row()])
    with pytest.raises(CommandError, match="chưa có Trung tâm Phục vụ hành chính công"):
        call_command("migrate-legacy", path, "--province", "01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có tỉnh, thành phố mã 99"):
        call_command("migrate-legacy", path, "--province", "99", stdout=io.StringIO())
    with pytest.raises(CommandError, match=r"chỉ nhận \.jsonl, \.csv hoặc \.xlsx"):
        call_command("migrate-legacy", str(tmp_path / "old.txt"), "--province", "37", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không mở được tệp"):
        call_command("migrate-legacy", str(tmp_path / "none.csv"), "--province", "37", stdout=io.StringIO())
    assert not Dossier.objects.exists() and not ImportRun.objects.exists()


def test_excel_number_cells_lose_no_leading_zero(province, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(list(FIELDS))
    r = row()
    numbers = {"status": 10.0, "channel": 1, "commune_code": 13291, "province_code": 35, "district_code": 347,
               "applicant_id_number": 35090001234, "applicant_phone": 912345678}  # fmt: skip
    sheet.append(
        [json.dumps(r[k], ensure_ascii=False) if k == "history" else numbers.get(k, r[k]) for k in FIELDS]
    )
    book.save(tmp_path / "numbers.xlsx")
    assert migrate(tmp_path / "numbers.xlsx")[-1] == "imported 1, skipped 0, rejected 0"
    d = Dossier.objects.select_related("applicant").get(code=r["code"])
    assert d.applicant.id_number == "035090001234" and d.applicant.phone == "0912345678"
    # The same record as text in JSON lines is the same content.
    assert migrate(write_jsonl(tmp_path / "same.jsonl", [r]))[-1] == "imported 0, skipped 1, rejected 0"
