"""`motcua catalog <subcommand>`: import the national catalog, move a province's catalog between
environments, adopt procedures for a province."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog import exchange, extensions, importer, quality, selectors, shape
from motcua.catalog.parsing import FIELDS
from motcua.core.errors import DomainError

FIELD_LABELS = {
    "time_limit": "thời hạn giải quyết",
    "fee": "phí, lệ phí",
    "documents": "thành phần hồ sơ",
    "cases": "trường hợp hồ sơ",
    "results": "kết quả",
    "legal_basis": "căn cứ pháp lý",
    "level": "cấp thực hiện",
    "agency_kind": "loại cơ quan thực hiện",
    "field": "lĩnh vực",
}


class Command(BaseCommand):
    help = "Danh mục thủ tục hành chính: import, export, import-file, adopt."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for add in extensions.subcommands():  # `search`, from procedure search (search/apps.py)
            add(sub, command=self)
        imp = sub.add_parser("import", help="Nạp danh mục quốc gia từ tệp dữ liệu trong gói.")
        imp.add_argument("--file", type=Path, default=importer.DATA_FILE)
        exp = sub.add_parser("export", help="Xuất danh mục thủ tục của một tỉnh ra tệp JSON.")
        exp.add_argument("--province", required=True, help="Mã tỉnh, ví dụ 01.")
        exp.add_argument("--output", type=Path, required=True)
        imf = sub.add_parser("import-file", help="Nhập danh mục thủ tục của một tỉnh từ tệp JSON.")
        imf.add_argument("file", type=Path)
        adopt = sub.add_parser(
            "adopt", help="Tỉnh áp dụng các thủ tục cấp tỉnh và cấp xã của danh mục quốc gia."
        )
        adopt.add_argument("--province", action="append", required=True, help="Mã tỉnh (lặp lại được).")
        show = sub.add_parser(
            "show", help="Phiên bản đang hiệu lực của một thủ tục, như bộ phận tiếp nhận dùng."
        )
        show.add_argument("code", help="Mã thủ tục, ví dụ 1.001193.")
        show.add_argument("--json", action="store_true", help="In dạng JSON (ADR 0022).")
        qual = sub.add_parser("quality", help="Số thủ tục, giấy tờ theo từng loại lỗi của danh mục.")
        qual.add_argument(
            "--source",
            nargs="?",
            const=importer.DATA_FILE,
            type=Path,
            help="Đo trên tệp dữ liệu nguồn (bộ phân tích hiện tại) thay vì cơ sở dữ liệu.",
        )

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["subcommand"].replace("-", "_"))(options)
        except DomainError as exc:
            raise CommandError(f"[{exc.code}] {exc.message}") from exc

    def _import(self, options):
        report = importer.import_catalog(options["file"])
        out = self.stdout.write
        out(
            f"{report.total} thủ tục: {report.created} mới (đã công bố), {report.unchanged} không đổi, "
            f"{len(report.drafted)} thay đổi → bản nháp, {len(report.skipped)} bỏ qua (đang có bản nháp), "
            f"{len(report.republished)} đọc lại → phiên bản mới đã công bố, {report.curated} theo dữ liệu chuẩn hóa "
            f"— {report.seconds:.1f} giây"
        )
        out("Phân tích dữ liệu (số thủ tục: đạt / không đạt / nguồn không có):")
        for name in FIELDS:
            ok, bad, empty = report.fields[name]
            base = ok + bad
            share = f"{100 * ok / base:.1f}%" if base else "—"
            out(f"  {FIELD_LABELS[name]:<24} {ok:>5} / {bad:>4} / {empty:>4}   {share}")
        out(f"Cần rà soát: {report.needs_review} thủ tục. Lý do (số dòng):")
        for key, count in report.issues.most_common():
            out(f"  {key}: {count}")
        if report.skipped:
            out("Bỏ qua vì đang có bản nháp: " + ", ".join(report.skipped[:50]))

    def _export(self, options):
        data = exchange.export_province(options["province"])
        options["output"].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(
            f"Đã xuất {len(data['procedures'])} thủ tục của tỉnh {options['province']} → {options['output']}"
        )

    def _import_file(self, options):
        try:
            data = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được tệp {options['file']}: {exc}") from exc
        report = exchange.import_province(data)
        self.stdout.write(
            f"Tỉnh {report['province']}: {report['procedures_created']} thủ tục mới, "
            f"{report['versions_created']} phiên bản mới, {report['versions_unchanged']} phiên bản giữ nguyên, "
            f"{report['adoptions_created']} thủ tục được áp dụng mới, {report['adoptions_unchanged']} giữ nguyên."
        )

    def _adopt(self, options):
        from motcua.catalog.models import Procedure

        if not Procedure.objects.exists():
            raise CommandError("Chưa có danh mục thủ tục quốc gia: chạy `motcua catalog import` trước.")
        for code in options["province"]:
            created, existing = exchange.adopt_national(code)
            self.stdout.write(f"Tỉnh {code}: áp dụng mới {created} thủ tục, đã có {existing}.")

    def _show(self, options):
        data = selectors.reception_json(selectors.current_version_of(options["code"]))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        out = self.stdout.write
        out(f"{data['code']} v{data['version']} — {data['name']}")
        for channel, terms in data["terms"].items():
            for t in terms:
                window = (
                    f" [{t['valid_from'] or '…'} → {t['valid_until'] or '…'}]"
                    if t["valid_from"] or t["valid_until"]
                    else ""
                )
                out(
                    f"  {channel}: {t['time_value'] or ''} {t['time_unit']}, phí {t['fee_kind']} {t['fee_amount'] or ''}{window}"
                )
        for title, documents in [("Giấy tờ chung", data["common_documents"])] + [
            (c["name"], c["documents"]) for c in data["cases"]
        ]:
            out(f"  {title}:")
            for d in documents:
                flags = (
                    ("bắt buộc" if d["required"] else "không bắt buộc")
                    + (f", nhóm {d['one_of']}" if d["one_of"] else "")
                    + (", chỉ xuất trình" if d["presented"] else "")
                )
                out(f"    - {d['name'][:100]} ({d['originals']} chính, {d['copies']} sao; {flags})")
        out(f"  Lưu ý: {len(data['notes'])}. Cần rà soát: {'có' if data['needs_review'] else 'không'}.")

    def _quality(self, options):
        if options["source"]:
            procedures = (
                shape.show_json(record["code"].strip(), importer.build_content(record, None)[1])
                for record in importer.read_records(options["source"])
            )
        else:
            procedures = (
                selectors.reception_json(v)
                for v in selectors.current_versions()
                .select_related("procedure", "field")
                .prefetch_related(*selectors.DETAIL_PREFETCH)
                .order_by("procedure__code")
            )
        total, counts = quality.count(procedures)
        self.stdout.write("\n".join(quality.report_lines(total, counts)))
