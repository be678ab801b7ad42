"""Build the catalog data file the project owns: src/motcua/catalog/data/tthc-2026.jsonl.gz.

Reads the collected data in ../shared/data/tthc (see its README.md and SOURCE.md files) and writes one
JSON line per procedure, sorted by code, gzip with a fixed timestamp so the output is reproducible:

  - the fields of procedures.jsonl (both sources);
  - "raw": the richer detail fields where the source has them (793 chatbot_tthc raw files; all 207
    nhdandz files), without raw_text (half the bytes, nothing the parser needs);
  - "tables": the structured tables of the nhdandz files (hinh_thuc_nop, thanh_phan_ho_so, can_cu_phap_ly).

Usage: python scripts/build_catalog_data.py [--source ../shared/data/tthc] [--output PATH]
`motcua catalog import` reads only the output file, so a clone without ../shared still works.
"""

import argparse
import gzip
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "tthc"
DEFAULT_OUTPUT = ROOT / "src" / "motcua" / "catalog" / "data" / "tthc-2026.jsonl.gz"

CHATBOT = "chatbot-tthc__chatbot_tthc"
NHDANDZ = "nhdandz__ThuTucHanhChinh"
RAW_FIELDS = (
    "so_quyet_dinh",
    "cap_thuc_hien",
    "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen",
    "co_quan_thuc_hien",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
)
# nhdandz keeps the same facts under Vietnamese keys, split between metadata and content.
NHDANDZ_KEYS = {
    "so_quyet_dinh": ("metadata", "số_quyết_định"),
    "cap_thuc_hien": ("metadata", "cấp_thực_hiện"),
    "doi_tuong_thuc_hien": ("content", "đối_tượng_thực_hiện"),
    "co_quan_co_tham_quyen": ("content", "cơ_quan_có_thẩm_quyền"),
    "co_quan_thuc_hien": ("content", "cơ_quan_thực_hiện"),
    "trinh_tu_thuc_hien": ("content", "trình_tự_thực_hiện"),
    "cach_thuc_thuc_hien": ("content", "cách_thức_thực_hiện"),
    "yeu_cau_dieu_kien": ("content", "yêu_cầu_điều_kiện_thực_hiện"),
    "ket_qua_xu_ly": ("content", "kết_quả_thực_hiện"),
}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def chatbot_records(source: Path) -> list[dict]:
    folder = source / CHATBOT
    raw_files = {p.stem: p for p in (folder / "scripts" / "crawler" / "data" / "raw").glob("*/*.json")}
    records = []
    for row in read_jsonl(folder / "procedures.jsonl"):
        row = {**row, "source": "chatbot-tthc/chatbot_tthc"}
        row.pop("raw_copied", None)
        raw_path = raw_files.get(row["code"])
        if raw_path:
            raw = json.loads(raw_path.read_text(encoding="utf-8"))
            row["raw"] = {key: raw.get(key, "") for key in RAW_FIELDS}
        records.append(row)
    return records


def nhdandz_records(source: Path) -> list[dict]:
    folder = source / NHDANDZ
    records = []
    for row in read_jsonl(folder / "procedures.jsonl"):
        row = {**row, "source": "nhdandz/ThuTucHanhChinh"}
        path = folder / "data" / "extracted_fixed" / f"{row['code']}.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            row["raw"] = {key: data.get(part, {}).get(name, "") for key, (part, name) in NHDANDZ_KEYS.items()}
            row["tables"] = {
                name: data.get("tables", {}).get(name, [])
                for name in ("hinh_thuc_nop", "thanh_phan_ho_so", "can_cu_phap_ly")
            }
        records.append(row)
    return records


def build(source: Path, output: Path) -> int:
    records = chatbot_records(source) + nhdandz_records(source)
    codes = [r["code"] for r in records]
    if len(codes) != len(set(codes)):
        raise SystemExit("duplicate procedure codes across sources")
    records.sort(key=lambda r: r["code"])
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as gz:
        for record in records:
            gz.write(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(buffer.getvalue())
    return len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    count = build(args.source, args.output)
    print(f"{count} procedures -> {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")  # noqa: T201 (script output)


if __name__ == "__main__":
    main()
