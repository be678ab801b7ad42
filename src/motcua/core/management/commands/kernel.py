"""`motcua kernel events-doc`: write docs/events.md from the event topics declared in the code."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import kernel

DEFAULT_DOC = Path(settings.BASE_DIR).parent.parent / "docs" / "events.md"


class Command(BaseCommand):
    help = gettext_lazy("Nhân ghi dữ liệu: tài liệu các sự kiện.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{events-doc}")
        doc = actions.add_parser(
            "events-doc", help=gettext_lazy("Sinh docs/events.md từ các chủ đề sự kiện khai báo trong mã.")
        )
        doc.add_argument("--output", type=Path, default=DEFAULT_DOC, help=gettext_lazy("Tệp đích."))
        doc.add_argument(
            "--check",
            action="store_true",
            help=gettext_lazy("Không ghi; báo lỗi nếu tệp hiện có khác với các chủ đề trong mã."),
        )

    def handle(self, *args, action, output: Path, check: bool, **options):
        kernel.load_topics()
        text = kernel.document()
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                raise CommandError(_("%(path)s đã cũ: chạy `motcua kernel events-doc`.") % {"path": output})
            self.stdout.write(_("%(path)s khớp với các chủ đề sự kiện.") % {"path": output})
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": output})
