"""kill -9 in the middle of a file, then a rerun: the same end state as one clean run.

Real processes on the test database: the command runs in a subprocess, is killed with SIGKILL once some
batches are committed, then runs again to the end. Transactional (the other process must see the rows);
named to run last in the package, since the database is flushed afterwards.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from motcua.core import kernel
from motcua.dossiers.models import Applicant, Dossier, DossierStep, TrackingEntry
from motcua.legacy import sample
from motcua.legacy.models import LegacyRecord

SRC = str(Path(__file__).resolve().parents[2] / "src")
LINES = 1500


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def command(path, *extra):
    env = {
        **os.environ,
        "PYTHONPATH": SRC,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "SECRET_KEY": "kill-test",
    }
    args = [sys.executable, "-m", "motcua", "migrate-legacy", str(path), "--province", "37", "--batch", "100"]
    return args + list(extra), env


def state() -> tuple:
    return (
        Dossier.objects.count(),
        Applicant.objects.count(),
        TrackingEntry.objects.count(),
        DossierStep.objects.count(),
        sorted(
            LegacyRecord.objects.values_list("code", "fingerprint", "dossier__status", "dossier__version")
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_kill_9_mid_file_then_rerun_gives_the_clean_end_state(committed_province, tmp_path):
    path = tmp_path / "big.jsonl"
    sample.write_jsonl(path, LINES, seed=7, dirty=True)
    args, env = command(path)
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while LegacyRecord.objects.count() < 200 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = LegacyRecord.objects.count()
    assert 0 < partial < LINES - 60, "killed in the middle of the file"
    # Every committed dossier is whole: its applicant, its record, its sheet up to its version.
    assert Dossier.objects.count() == Applicant.objects.count() == partial

    args, env = command(path, "--rejects", str(tmp_path / "rejects.csv"))
    rerun = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=True)
    last = rerun.stdout.strip().splitlines()[-1]
    rejected = LINES // 50
    assert last == f"imported {LINES - rejected - partial}, skipped {partial}, rejected {rejected}"
    after_kill = state()

    # One clean run of the same file from scratch gives the same rows.
    with kernel.purging():  # the tracking sheet is append-only (ADR 0031): a test may purge it
        Dossier.objects.all().delete()
    args, env = command(path)
    clean = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=True)
    assert (
        clean.stdout.strip().splitlines()[-1]
        == f"imported {LINES - rejected}, skipped 0, rejected {rejected}"
    )
    assert state() == after_kill
    assert after_kill[0] == LINES - rejected
