"""`motcua privacy export --id-number N --out FILE` and `motcua privacy pseudonymise [--days N] [--batch-size N]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.privacy import services


class Command(BaseCommand):
    help = gettext("Bảo vệ dữ liệu cá nhân: trích xuất dữ liệu của một người, khử nhận dạng hồ sơ cũ.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{export,pseudonymise}")
        export = actions.add_parser(
            "export", help=gettext("Trích xuất mọi dữ liệu đang lưu về một người (JSON và tệp ZIP).")
        )
        export.add_argument("--id-number", required=True, help=gettext("Số định danh cá nhân, 12 chữ số."))
        export.add_argument(
            "--out", required=True, type=Path, help=gettext("Tệp JSON; tệp ZIP cùng tên, đuôi .zip.")
        )
        run = actions.add_parser(
            "pseudonymise", help=gettext("Khử nhận dạng người trên hồ sơ đã kết thúc quá thời hạn lưu.")
        )
        run.add_argument(
            "--days",
            type=int,
            default=None,
            help=gettext("Thời hạn lưu (ngày); mặc định theo cấu hình."),
        )
        run.add_argument("--batch-size", type=int, default=None, help=gettext("Số hồ sơ mỗi lượt."))

    def handle(self, *args, action, **options):
        if action == "export":
            return self._export(options["id_number"], options["out"])
        days, size = options["days"], options["batch_size"]
        if (days is not None and days < 1) or (size is not None and size < 1):
            raise CommandError(_("Số ngày và số hồ sơ mỗi lượt phải từ 1 trở lên."))
        done = services.pseudonymise(before=services.cutoff(days=days), batch_size=size)
        self.stdout.write(
            _("Đã khử nhận dạng người trên %(n)s hồ sơ (%(b)s lượt).")
            % {"n": done.dossiers, "b": done.batches}
        )

    def _export(self, id_number: str, out: Path):
        try:
            body, archive = services.export_person(id_number, actor=None, source="cli")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(body)
        zipped = out.with_suffix(".zip")
        zipped.write_bytes(archive)
        self.stdout.write(_("Đã ghi %(json)s và %(zip)s.") % {"json": out, "zip": zipped})
