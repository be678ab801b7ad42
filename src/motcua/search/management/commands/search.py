"""`motcua search query "QUESTION"`, `motcua search reindex`, `motcua search export-embeddings`."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.search import services
from motcua.search.cli import add_query_arguments, handle_search


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

    def handle(self, *args, **options):
        subcommand = options["subcommand"]
        if subcommand == "query":
            handle_search(self, **options)
        elif subcommand == "reindex":
            self._reindex(options["verbosity"])
        else:
            output = Path(options["output"]) if options["output"] else None
            count = services.export_shipped_embeddings(output)
            self.stdout.write(_("Đã ghi %(n)d vectơ.") % {"n": count})

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
