"""The clock is plain Python: importing it must not import Django (the pure core, thin shell rule)."""

import subprocess
import sys


def test_pure_modules_do_not_import_django():
    code = (
        "import sys, motcua.calendar.clock, motcua.calendar.durations, motcua.calendar.reference;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
