"""A curated overlay (ADR 0022) replaces what it gives of the parsed text; the import makes it a new
published version through the services, and `catalog show --json` prints it as the reception uses it."""

import io
import json

import pytest
from django.core.management import call_command

from motcua.catalog import importer
from motcua.catalog.curated import OverlayError, load_overlays
from motcua.catalog.models import ProcedureVersion

BIRTH = {
    "code": "1.001193",
    "cases": [],
    "common_documents": [
        {
            "name": "Tờ khai đăng ký khai sinh",
            "required": True,
            "condition": None,
            "one_of": None,
            "originals": 1,
            "copies": 0,
        },
        {
            "name": "Giấy chứng sinh",
            "required": True,
            "condition": None,
            "one_of": None,
            "originals": 1,
            "copies": 0,
        },
        {
            "name": "Văn bản ủy quyền",
            "required": False,
            "condition": "Trường hợp ủy quyền đăng ký khai sinh",
            "one_of": None,
            "originals": 1,
            "copies": 0,
        },
    ],
    "notes": ["Nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo."],
    "terms": {
        "in_person": [{"time_value": None, "time_unit": "same_day", "fee_kind": "free", "fee_amount": 0}],
        "online": [{"time_value": None, "time_unit": "same_day", "fee_kind": "free", "fee_amount": 0}],
    },
    # Every fact cites its article, or the loader refuses the overlay (ADR 0023).
    "sources": {
        "terms.in_person.time": "Điều 16 khoản 2 Luật Hộ tịch 2014",
        "terms.in_person.fee": "Điều 11 khoản 1 Luật Hộ tịch 2014",
        "terms.online.time": "Điều 16 khoản 2 Luật Hộ tịch 2014",
        "terms.online.fee": "Điều 11 khoản 1 Luật Hộ tịch 2014",
        "common_documents.0": "Điều 16 khoản 1 Luật Hộ tịch 2014",
        "common_documents.1": "Điều 16 khoản 1 Luật Hộ tịch 2014",
        "common_documents.2": "Điều 2 Thông tư 04/2020/TT-BTP",
    },
}


def show(code: str) -> dict:
    out = io.StringIO()
    call_command("catalog", "show", code, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_an_overlay_becomes_a_new_published_version_and_the_old_one_is_kept(national):
    overlays = {**load_overlays(), "1.001193": BIRTH}  # the shipped overlays, birth's replaced
    report = importer.import_catalog(overlays=overlays)
    assert report.republished == ["1.001193"] and report.drafted == []
    assert report.curated == len(overlays)  # 1.001776, not in the crawl, is added from its overlay
    versions = list(ProcedureVersion.objects.filter(procedure__code="1.001193").order_by("number"))
    assert [(v.number, v.status) for v in versions] == [(1, "published"), (2, "published")]
    assert versions[0].valid_to == versions[1].valid_from  # ended, not edited
    data = show("1.001193")
    assert data["version"] == 2 and data["cases"] == []
    assert [(d["name"], d["required"], d["condition"]) for d in data["common_documents"]] == [
        ("Tờ khai đăng ký khai sinh", True, None),
        ("Giấy chứng sinh", True, None),
        ("Văn bản ủy quyền", False, "Trường hợp ủy quyền đăng ký khai sinh"),
    ]
    assert data["notes"] == BIRTH["notes"]
    assert [(t["time_unit"], t["fee_kind"]) for t in data["terms"]["in_person"]] == [("same_day", "free")]
    assert data["terms"]["postal"], "a channel the overlay does not give keeps its parsed terms"
    assert data["sources"] == BIRTH["sources"] and data["needs_review"] is False
    # the same overlay again: nothing to do
    again = importer.import_catalog(overlays=overlays)
    assert again.republished == [] and again.unchanged == again.total


def test_show_prints_the_reception_shape_for_a_parsed_procedure(national):
    data = show("1.013818")
    assert set(data) >= {"code", "name", "cases", "common_documents", "notes", "terms"}
    online = data["terms"]["online"]
    assert [(t["fee_kind"], t["fee_amount"], t["valid_until"]) for t in online] == [
        ("amount", 1_750_000, "2026-12-31"),
        ("amount", 3_500_000, None),
    ]
    assert {t["time_unit"] for t in online} == {"working_day"}
    document = data["common_documents"][0]
    assert set(document) >= {"name", "required", "condition", "one_of", "originals", "copies"}


def test_overlay_files_are_read_from_the_folder(tmp_path):
    assert load_overlays(tmp_path) == {}
    (tmp_path / "hotich.json").write_text(json.dumps([BIRTH], ensure_ascii=False), encoding="utf-8")
    assert load_overlays(tmp_path)["1.001193"]["sources"] == BIRTH["sources"]
    (tmp_path / "again.json").write_text(json.dumps(BIRTH, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(OverlayError, match="1.001193 được rà soát hai lần"):
        load_overlays(tmp_path)


def test_quality_of_a_source_file_counts_defect_classes(tmp_path):
    record = next(r for r in importer.read_records() if r["code"] == "1.001193")
    path = tmp_path / "one.jsonl.gz"
    import gzip

    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = io.StringIO()
    call_command("catalog", "quality", "--source", str(path), stdout=out)
    lines = dict(line.split()[:2] for line in out.getvalue().splitlines()[1:])
    assert lines["heading_cases"] == "0" and lines["conditional_required_items"] == "0"
    assert lines["time_undetermined"] == "0" and lines["unflagged_defect"] == "0"


def test_a_channel_the_overlay_leaves_alone_takes_its_in_person_time_when_the_crawl_lost_it():
    from motcua.catalog.shape import apply_overlay

    parsed = {
        "channel_terms": [
            {
                "channel": "online",
                "time_value": None,
                "time_unit": "unknown",
                "time_text": "",
                "fee_kind": "amount",
                "fee_amount": 40000,
                "time_source": "",
            },
            {
                "channel": "postal",
                "time_value": "3",
                "time_unit": "calendar_days",
                "time_text": "3 ngày",
                "fee_kind": "amount",
                "fee_amount": 50000,
                "time_source": "text",
            },
        ],
        "review_reasons": [],
    }
    overlay = {
        "terms": {
            "in_person": [
                {
                    "time_value": 2,
                    "time_unit": "working_day",
                    "time_text": "02 ngày làm việc",
                    "fee_kind": "amount",
                    "fee_amount": 50000,
                }
            ]
        }
    }
    terms = {t["channel"]: t for t in apply_overlay(parsed, overlay)["channel_terms"]}
    assert (terms["online"]["time_value"], terms["online"]["time_unit"]) == ("2", "working_days")
    assert terms["online"]["time_source"] == "curated" and terms["online"]["fee_amount"] == 40000  # fee kept
    assert (terms["postal"]["time_value"], terms["postal"]["time_unit"]) == (
        "3",
        "calendar_days",
    )  # known: kept
