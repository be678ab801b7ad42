"""motcua migrate-legacy FILE --province CODE [--dry-run] [--rejects FILE] (docs/migration.md)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from motcua.legacy import containers
from motcua.legacy.importer import REASONS, Migration, SetupError


class Command(BaseCommand):
    help = "Chuyển hồ sơ của hệ thống một cửa cũ (JSON lines, CSV, Excel) vào hệ thống (docs/migration.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--province", required=True, help="Mã tỉnh, thành phố mới, ví dụ 37.")
        parser.add_argument("--dry-run", action="store_true", help="Kiểm tra, không ghi gì.")
        parser.add_argument("--rejects", help="Tệp ghi các dòng bị từ chối (.csv hoặc .xlsx).")
        parser.add_argument("--batch", type=int, default=2000, help="Số dòng mỗi giao dịch.")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        started = time.perf_counter()
        for path in filter(None, (options["file"], options["rejects"])):
            try:
                containers.kind_of(path)
            except containers.ContainerError:
                raise CommandError(f"Tệp {path}: chỉ nhận .jsonl, .csv hoặc .xlsx.") from None

        def progress(o):
            if not options["quiet"]:
                rate = (o.imported + o.skipped + o.rejected) / max(time.perf_counter() - started, 1e-9)
                sys.stderr.write(f"… {o.imported} / {o.skipped} / {o.rejected} ({rate:.0f} dòng/s)\n")

        try:
            migration = Migration(
                options["file"],
                options["province"],
                dry_run=options["dry_run"],
                rejects=options["rejects"],
                batch=max(1, options["batch"]),
                progress=progress,
            )
            outcome = migration.run()
        except FileNotFoundError as exc:
            raise CommandError(f"Không mở được tệp: {exc.filename}") from None
        except SetupError as exc:
            raise CommandError(str(exc)) from None
        for reason, count in sorted(outcome.reasons.items()):
            self.stdout.write(f"  {reason} ({REASONS[reason]}): {count}")
        if options["dry_run"]:
            self.stdout.write("(chạy thử: không ghi gì vào cơ sở dữ liệu)")
        self.stdout.write(
            f"imported {outcome.imported}, skipped {outcome.skipped}, rejected {outcome.rejected}"
        )
