"""`motcua documents <subcommand>`: sweep orphan files, verify stored files against their checksums."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.documents import conf, files
from motcua.documents.errors import IntegrityFailure
from motcua.documents.models import Document
from motcua.documents.selectors import read_content


class Command(BaseCommand):
    help = _("Giấy tờ, tệp hồ sơ: dọn tệp mồ côi (sweep), kiểm tra toàn vẹn (verify).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sweep = sub.add_parser("sweep", help=_("Xóa các tệp trong documents/ không thuộc giấy tờ nào."))
        sweep.add_argument(
            "--older-than",
            type=int,
            default=None,
            help=_("Chỉ xóa tệp cũ hơn số giây này (mặc định %(n)d).") % {"n": conf.orphan_grace_seconds()},
        )
        sweep.add_argument("--dry-run", action="store_true", help=_("Chỉ liệt kê, không xóa."))
        verify = sub.add_parser("verify", help=_("Đọc lại mọi tệp và so mã kiểm tra SHA-256."))
        verify.add_argument("--limit", type=int, default=None)

    def handle(self, *args, **options):
        getattr(self, "_" + options["subcommand"])(options)

    def _sweep(self, options):
        older = timedelta(seconds=options["older_than"]) if options["older_than"] is not None else None
        removed = files.sweep(older_than=older, dry_run=options["dry_run"])
        for name in removed:
            self.stdout.write(f"  {name}")
        n = len(removed)
        if options["dry_run"]:
            self.stdout.write(ngettext("Sẽ xóa %(n)d tệp mồ côi.", "Sẽ xóa %(n)d tệp mồ côi.", n) % {"n": n})
        else:
            self.stdout.write(ngettext("Đã xóa %(n)d tệp mồ côi.", "Đã xóa %(n)d tệp mồ côi.", n) % {"n": n})

    def _verify(self, options):
        checked = bad = 0
        documents = Document.objects.order_by("id")
        if options["limit"]:
            documents = documents[: options["limit"]]
        for document in documents.iterator():
            checked += 1
            try:
                read_content(document)
            except IntegrityFailure as failure:
                bad += 1
                self.stderr.write(f"[{failure.code}] #{document.pk} {document.storage_name}")
        self.stdout.write(
            ngettext(
                "Đã kiểm tra %(n)d tệp: %(good)d nguyên vẹn, %(bad)d lỗi.",
                "Đã kiểm tra %(n)d tệp: %(good)d nguyên vẹn, %(bad)d lỗi.",
                checked,
            )
            % {"n": checked, "good": checked - bad, "bad": bad}
        )
        if bad:
            raise CommandError(
                ngettext("%(n)d tệp không còn nguyên vẹn.", "%(n)d tệp không còn nguyên vẹn.", bad)
                % {"n": bad}
            )
