"""`motcua search query "QUESTION"`, `motcua search reindex`, `motcua search export-embeddings`,
`motcua search evaluate FILE...` (top-1 / top-3 of question files, docs/decisions/0025)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.search import services
from motcua.search.cli import add_query_arguments, handle_search
from motcua.search.evaluation import hit_rate, load_questions
from motcua.search.selectors import LEVELS, Mode


class Command(BaseCommand):
    help = _("Tra cứu thủ tục hành chính và quản lý chỉ mục tra cứu.")

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True)
        add_query_arguments(subparsers.add_parser("query", help=_("Tra cứu theo câu hỏi.")))
        subparsers.add_parser("reindex", help=_("Lập lại chỉ mục từ các phiên bản thủ tục đang có hiệu lực."))
        export = subparsers.add_parser(
            "export-embeddings",
            help=_("Ghi vectơ ngữ nghĩa hiện có vào tệp kèm theo gói (cho nhà phát triển)."),
        )
        export.add_argument(
            "--output", default=None, help=_("Đường dẫn tệp .npy.gz (mặc định: tệp của gói).")
        )
        evaluate = subparsers.add_parser(
            "evaluate", help=_("Tỷ lệ tìm đúng (top-1, top-3) trên các tệp câu hỏi mẫu (JSON lines).")
        )
        evaluate.add_argument("files", nargs="+", help=_('Tệp câu hỏi: mỗi dòng {"q": ..., "codes": [...]}.'))
        evaluate.add_argument("--mode", choices=[mode.value for mode in Mode], default=Mode.HYBRID.value)
        evaluate.add_argument("--level", choices=LEVELS, default=None)
        evaluate.add_argument(
            "--misses", action="store_true", help=_("In các câu không tìm thấy trong 3 kết quả đầu.")
        )

    def handle(self, *args, **options):
        subcommand = options["subcommand"]
        if subcommand == "query":
            handle_search(self, **options)
        elif subcommand == "reindex":
            self._reindex(options["verbosity"])
        elif subcommand == "evaluate":
            self._evaluate(options)
        else:
            output = Path(options["output"]) if options["output"] else None
            count = services.export_shipped_embeddings(output)
            self.stdout.write(_("Đã ghi %(n)d vectơ.") % {"n": count})

    def _evaluate(self, options) -> None:
        everything = []
        for name in options["files"]:
            questions = load_questions(Path(name))
            everything += questions
            self._rate(Path(name).name, questions, options)
        if len(options["files"]) > 1:
            self._rate(_("tất cả"), everything, options)

    def _rate(self, label: str, questions, options) -> None:
        rate = hit_rate(questions, options["mode"], level=options["level"])
        self.stdout.write(f"{label}\t{rate}")
        if options["misses"]:
            for miss in rate.misses:
                self.stdout.write(f"  - {miss}")

    def _reindex(self, verbosity: int) -> None:
        def progress(done: int, total: int) -> None:
            if verbosity > 1 or done == total:
                self.stderr.write(
                    _("Đang nhúng đoạn văn: %(done)d/%(total)d") % {"done": done, "total": total}
                )

        report = services.reindex(progress=progress)
        self.stdout.write(
            _(
                "Chỉ mục: %(indexed)d thủ tục; thêm %(created)d, cập nhật %(updated)d, xóa %(deleted)d; "
                "nhúng mới %(embedded)d."
            )
            % vars(report)
        )
        if not report.indexed:
            self.stdout.write(_("Chưa có thủ tục nào đang có hiệu lực: chạy `motcua catalog import` trước."))
