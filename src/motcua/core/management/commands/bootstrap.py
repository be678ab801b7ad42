"""Load reference and demo data: what `make run` needs for every page to have something real on it.

Each step is an idempotent command of its own app; running this twice changes nothing.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

STEPS: list[tuple[str, ...]] = [
    ("units", "load"),
    ("org", "demo"),
    ("catalog", "import"),
    ("catalog", "adopt", "--province", "01", "--province", "31"),
    ("search", "reindex"),
    ("queueing", "demo"),
    ("simulate", "--history", "--province", "01"),
    ("simulate", "--history", "--province", "31"),  # Hải Phòng's demo accounts have work too
]


class Command(BaseCommand):
    help = "Nạp dữ liệu tham chiếu và dữ liệu minh hoạ (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        for step in STEPS:
            self.stdout.write(f"→ motcua {' '.join(step)}")
            call_command(*step, stdout=self.stdout, stderr=self.stderr)
