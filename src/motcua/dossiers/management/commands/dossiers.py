"""`motcua dossiers lifecycle-doc`: write docs/dossier-lifecycle.md from the lifecycle table;
`motcua dossiers publish-outbox`: deliver pending outbox events now;
`motcua dossiers prune-outbox`: delete delivered events older than the retention (ADR 0031)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers import lifecycle

DEFAULT_DOC = Path(settings.BASE_DIR).parent.parent / "docs" / "dossier-lifecycle.md"


class Command(BaseCommand):
    help = gettext_lazy("Hồ sơ: tài liệu vòng đời, gửi sự kiện.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{lifecycle-doc,publish-outbox,prune-outbox}"
        )
        doc = actions.add_parser(
            "lifecycle-doc", help=gettext_lazy("Sinh docs/dossier-lifecycle.md từ bảng vòng đời hồ sơ.")
        )
        doc.add_argument("--output", type=Path, default=DEFAULT_DOC, help=gettext_lazy("Tệp đích."))
        doc.add_argument(
            "--check",
            action="store_true",
            help=gettext_lazy("Không ghi; báo lỗi nếu tệp hiện có khác với bảng vòng đời."),
        )
        publish = actions.add_parser("publish-outbox", help=gettext_lazy("Gửi các sự kiện đang chờ."))
        publish.add_argument("--batch-size", type=int, default=200)
        prune = actions.add_parser(
            "prune-outbox", help=gettext_lazy("Xoá các sự kiện đã gửi cũ hơn thời hạn lưu giữ.")
        )
        prune.add_argument(
            "--days",
            type=int,
            default=None,
            help=gettext_lazy("Số ngày lưu giữ (mặc định MOTCUA_OUTBOX_RETENTION_DAYS, 90)."),
        )
        prune.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, action, **options):
        if action == "lifecycle-doc":
            self.lifecycle_doc(options["output"], check=options["check"])
        elif action == "publish-outbox":
            from motcua.dossiers.outbox import publish_pending

            sent = publish_pending(batch_size=options["batch_size"])
            self.stdout.write(_("Đã gửi %(n)s sự kiện.") % {"n": sent})
        elif action == "prune-outbox":
            from motcua.dossiers.outbox import prune_published

            if options["days"] is not None and options["days"] < 0:
                raise CommandError(_("Số ngày lưu giữ không được âm."))
            pruned = prune_published(days=options["days"], batch_size=options["batch_size"])
            self.stdout.write(_("Đã xoá %(n)s sự kiện đã gửi.") % {"n": pruned})

    def lifecycle_doc(self, output: Path, *, check: bool) -> None:
        text = lifecycle.document()
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                raise CommandError(
                    _("%(path)s đã cũ: chạy `motcua dossiers lifecycle-doc`.") % {"path": output}
                )
            self.stdout.write(_("%(path)s khớp với bảng vòng đời.") % {"path": output})
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": output})
