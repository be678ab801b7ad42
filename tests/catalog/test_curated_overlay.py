"""The curated overlay as data: the shipped files load, every fact cites its article, and a malformed
overlay is refused with a message that says what is wrong (no database needed)."""

import copy
import gzip
import json
import re

import pytest

from motcua.catalog.curated import DATA_DIR, OverlayError, load_overlays
from motcua.catalog.curated.validate import is_citation, problems
from motcua.catalog.importer import DATA_FILE

# The ~30 procedures a commune center receives most (issue #16): civil status, certification,
# residence, land, construction, household business, criminal record, the interlinked procedure.
MOST_USED = {
    "1.001193", "1.000894", "1.000656", "1.004873", "1.001022", "1.000689", "1.004859", "2.000635",
    "1.004884", "1.004772", "1.004837",
    "2.000815", "2.000884", "2.001035", "2.001406", "2.000908",
    "1.004222", "1.004194", "1.002755", "1.003197", "1.010028",
    "1.013978", "1.013831", "1.013833", "1.011441", "1.013225",
    "1.001612", "2.000720", "3.000333", "2.000986",
}  # fmt: skip


@pytest.fixture(scope="module")
def overlays():
    return load_overlays()


@pytest.fixture(scope="module")
def crawled_codes():
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return {json.loads(line)["code"] for line in handle if line.strip()}


def _birth(overlays) -> dict:
    """A raw overlay (inline citations) rebuilt from the loaded birth registration."""
    item = copy.deepcopy(overlays["1.001193"])
    sources = item.pop("sources")
    for channel, rows in item["terms"].items():
        for i, term in enumerate(rows):
            term["source"] = {part: sources[f"terms.{channel}.{i}.{part}"] for part in ("time", "fee")}
    for i, doc in enumerate(item["common_documents"]):
        doc["source"] = sources[f"common_documents.{i}"]
    return item


def test_the_shipped_overlay_covers_the_thirty_most_used_procedures_and_adds_social_allowances(
    overlays, crawled_codes
):
    assert MOST_USED <= overlays.keys()
    # Every curated code is a real national code of the crawl, except the procedures the crawl lacks.
    new = {code for code, item in overlays.items() if item.get("new")}
    assert overlays.keys() - new <= crawled_codes
    assert new == {"1.001776"} and "1.001776" not in crawled_codes
    assert "trợ cấp xã hội hàng tháng" in overlays["1.001776"]["name"]


def test_every_time_limit_fee_case_and_document_cites_its_article(overlays):
    for code, item in overlays.items():
        sources = item["sources"]
        for channel, rows in item["terms"].items():
            for i in range(len(rows)):
                for part in ("time", "fee"):
                    assert is_citation(sources.get(f"terms.{channel}.{i}.{part}")), (code, channel, part)
        paths = [f"common_documents.{i}" for i in range(len(item["common_documents"]))]
        for c, case in enumerate(item["cases"]):
            paths.append(f"cases.{c}")
            paths += [f"cases.{c}.documents.{i}" for i in range(len(case["documents"]))]
        assert paths, code
        for path in paths:
            assert is_citation(sources.get(path)), (code, path)


def test_no_heading_is_a_case_no_note_is_a_paper_and_no_conditional_paper_is_required(overlays):
    for code, item in overlays.items():
        docs = item["common_documents"] + [d for case in item["cases"] for d in case["documents"]]
        for case in item["cases"]:
            assert not re.match(r"\s*[*#]|\s*(Giấy tờ phải|Lưu ý)", case["name"]), (code, case["name"])
        for doc in docs:
            assert doc["originals"] + doc["copies"] > 0, (code, doc["name"])
            assert not (doc["condition"] and doc["required"]), (code, doc["name"])
            assert not re.match(r"(Trường hợp|Nếu|Đối với)\b", doc["name"]), (code, doc["name"])


def test_civil_status_registrations_are_same_day_and_free_and_the_declaration_form_is_a_paper(overlays):
    for code in ("1.001193", "1.000894", "1.000656"):
        for channel, rows in overlays[code]["terms"].items():
            assert [(t["time_unit"], t["fee_kind"]) for t in rows] == [("same_day", "free")], (code, channel)
        first = overlays[code]["common_documents"][0]
        assert first["name"].startswith("Tờ khai") and first["required"], code
    confirmation = overlays["1.004873"]["terms"]["in_person"][0]
    assert (confirmation["time_value"], confirmation["time_unit"]) == (3, "working_day")
    assert confirmation["fee_kind"] == "provincial"


def test_a_doubt_that_remains_is_flagged_with_its_reason(overlays):
    allowance = overlays["1.001776"]
    assert allowance["terms"]["in_person"][0]["time_unit"] == "unknown"
    assert "time_limit" in {r["field"] for r in allowance["review_reasons"]}
    for code, item in overlays.items():
        for rows in item["terms"].values():
            for term in rows:
                if term["time_unit"] == "unknown":
                    assert any(r["field"] == "time_limit" for r in item["review_reasons"]), code


@pytest.mark.parametrize(
    "break_it, message",
    [
        (lambda o: o.update(code="1193"), "mã thủ tục không hợp lệ"),
        (lambda o: o.update(colour="red"), "khóa không được hỗ trợ: 'colour'"),
        (
            lambda o: o["terms"]["in_person"][0].update(time_unit="weeks"),
            "đơn vị thời hạn không hợp lệ 'weeks'",
        ),
        (lambda o: o["terms"]["in_person"][0].update(time_value=3), "không có số"),
        (
            lambda o: o["terms"]["in_person"][0].update(time_unit="working_day", time_value=None),
            "'time_value' phải là số dương",
        ),
        (
            lambda o: o["terms"]["in_person"][0].update(fee_kind="amount", fee_amount=50),
            "mức thu phải là số nguyên",
        ),
        (lambda o: o["terms"]["in_person"][0].update(fee_amount=8000), "không có mức thu"),
        (
            lambda o: o["terms"]["in_person"][0].update(time_unit="unknown"),
            "phải có lý do rà soát 'time_limit'",
        ),
        (lambda o: o["terms"]["in_person"][0]["source"].pop("time"), "thời hạn thiếu trích dẫn"),
        (
            lambda o: o["terms"]["in_person"][0]["source"].update(fee="miễn phí theo quy định"),
            "phí thiếu trích dẫn",
        ),
        (lambda o: o["terms"].update(counter=o["terms"]["in_person"]), "kênh không hợp lệ: 'counter'"),
        (lambda o: o["common_documents"][4].update(required=True), "không thể là bắt buộc"),
        (
            lambda o: o["common_documents"][0].update(originals=0, copies=0),
            "là một lưu ý, không phải giấy tờ",
        ),
        (lambda o: o["common_documents"][0].update(name="* Giấy tờ phải nộp"), "là tiêu đề mục"),
        (lambda o: o["common_documents"][2].update(one_of="khac"), "chỉ có một giấy tờ"),
        (lambda o: o["common_documents"][1].update(required=False), "lẫn giấy tờ bắt buộc"),
        (lambda o: o["common_documents"][0].pop("source"), "giấy tờ thiếu trích dẫn"),
        (
            lambda o: o.update(
                cases=[{"name": "* Lưu ý", "documents": [], "source": "Luật Hộ tịch 2014, Điều 16"}]
            ),
            "là tiêu đề mục",
        ),
        (lambda o: o.update(review_reasons=[{"field": "fee"}]), "phải có 'field', 'reason' và 'detail'"),
        (
            lambda o: o["terms"]["in_person"].append(
                dict(o["terms"]["in_person"][0], valid_from="2026-06-01", valid_until="2026-01-01")
            ),
            "'valid_from' sau 'valid_until'",
        ),
    ],
)
def test_a_malformed_overlay_is_refused_with_a_clear_message(overlays, break_it, message):
    item = _birth(overlays)
    assert problems(item) == []
    break_it(item)
    found = problems(item)
    assert any(message in p for p in found), found


def test_fee_windows_that_follow_each_other_are_accepted_and_overlapping_ones_refused(overlays):
    item = _birth(overlays)
    reduced = dict(
        item["terms"]["in_person"][0], fee_kind="amount", fee_amount=1750000, valid_until="2026-12-31"
    )
    full = dict(item["terms"]["in_person"][0], fee_kind="amount", fee_amount=3500000, valid_from="2027-01-01")
    item["terms"]["in_person"] = [reduced, full]
    assert problems(item) == []
    full["valid_from"] = "2026-12-31"
    assert any("chồng lên nhau" in p for p in problems(item))


def test_the_loader_refuses_the_whole_set_and_names_the_file_and_the_fact(tmp_path, overlays):
    (tmp_path / "_shared.json").write_text(
        (DATA_DIR / "_shared.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    good = _birth(overlays)
    bad = copy.deepcopy(good)
    bad["code"] = "1.000894"
    bad["common_documents"][0]["required"] = "yes"
    (tmp_path / "a.json").write_text(json.dumps([good], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(OverlayError) as refused:
        load_overlays(tmp_path)
    assert "b.json: 1.000894: common_documents.0: 'required' phải là true hoặc false" in str(refused.value)

    (tmp_path / "b.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(OverlayError, match="1.001193 được rà soát hai lần"):
        load_overlays(tmp_path)


def test_shared_blocks_and_multi_channel_keys_are_expanded(tmp_path):
    (tmp_path / "_shared.json").write_text(
        (DATA_DIR / "_shared.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    item = {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "terms": {
            "in_person,postal": [
                {
                    "use": "ho_tich.terms.ngay_mien_phi",
                    "source": {
                        "time": "Luật Hộ tịch 2014, Điều 16 khoản 2",
                        "fee": "Luật Hộ tịch 2014, Điều 11",
                    },
                }
            ]
        },
        "common_documents": [
            {"use": "ho_tich.giay_to_tuy_than"},
            {"use": "ho_tich.uy_quyen", "condition": "Ủy quyền"},
        ],
        "notes": ["Một lưu ý riêng.", {"use": "ho_tich.notes"}],
    }
    (tmp_path / "x.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    loaded = load_overlays(tmp_path)["1.001193"]
    assert set(loaded["terms"]) == {"in_person", "postal"}
    assert loaded["terms"]["postal"][0]["time_unit"] == "same_day"
    assert loaded["sources"]["terms.postal.0.time"] == "Luật Hộ tịch 2014, Điều 16 khoản 2"
    assert loaded["common_documents"][1]["condition"] == "Ủy quyền"
    assert loaded["sources"]["common_documents.0"] == "Nghị định 123/2015/NĐ-CP, Điều 2 khoản 1"
    assert loaded["notes"][0] == "Một lưu ý riêng." and len(loaded["notes"]) > 2
    assert all("source" not in d for d in loaded["common_documents"])


def test_a_procedure_the_crawl_lacks_becomes_a_record_the_parser_reads(overlays, crawled_codes):
    from motcua.catalog.curated import new_records
    from motcua.catalog.parsing import parse_record

    records = new_records(overlays, crawled_codes)
    assert [r["code"] for r in records] == ["1.001776"]
    parsed = parse_record(records[0])
    assert (parsed.code, parsed.field) == ("1.001776", "Bảo trợ xã hội")
    assert parsed.name.startswith("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng")
    assert "commune" in parsed.levels
    assert new_records(overlays, crawled_codes | {"1.001776"}) == []
