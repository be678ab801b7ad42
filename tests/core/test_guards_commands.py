"""The operator at the shell: commands that cannot run say why and what to run first, in Vietnamese, with
a non-zero exit code and no traceback; read-only commands run without a hand-set key; serving never does
(ADR 0029)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SRC = Path(__file__).resolve().parents[2] / "src"


def motcua(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`motcua …` from a fresh shell: no DEBUG, no SECRET_KEY, nothing of the test run's environment."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "PYTHONPATH": str(SRC), **env}
    return subprocess.run(
        [sys.executable, "-c", "from motcua.cli import main; main()", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_readmes_deadline_example_runs_as_printed_from_a_fresh_shell(tmp_path):
    done = motcua(
        "deadline", "--received", "2026-02-13T10:30", "--duration", "3 working days", "--channel", "counter",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "2026-02-25T10:30:00+07:00"
    assert "Hạn giải quyết: 25/02/2026 10:30 (Thứ Tư)" in done.stdout
    assert done.stderr == ""  # no warning either


def test_a_command_that_needs_the_key_says_so_in_vietnamese_without_a_traceback(tmp_path):
    done = motcua("migrate", cwd=tmp_path)
    assert done.returncode == 2
    assert "Chưa đặt SECRET_KEY: lệnh «motcua migrate» cần khoá bí mật" in done.stderr
    assert "Traceback" not in done.stderr


def test_serving_never_starts_without_a_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "motcua.settings"}
    done = subprocess.run(
        [sys.executable, "-c", "import motcua.wsgi"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_a_keyless_command_still_cannot_sign_anything():
    from motcua import cli

    assert cli.is_keyless(["deadline", "--duration", "1 working days"])
    assert cli.is_keyless(["catalog", "search", "khai sinh"])
    assert not cli.is_keyless(["catalog", "import"])
    assert not cli.is_keyless(["runserver"])
    assert not cli.is_keyless(["simulate", "--province", "01"])


def test_a_database_never_migrated_names_the_command_to_run(tmp_path):
    done = motcua(
        "catalog", "search", "khai sinh", cwd=tmp_path, DEBUG="1", MOTCUA_HOME=str(tmp_path / "var")
    )
    assert done.returncode == 1
    assert "chạy `motcua migrate` trước" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.django_db
def test_simulate_on_a_province_without_adopted_procedures_says_what_to_run_first():
    with pytest.raises(CommandError) as empty:
        call_command("simulate", "--province", "01", "--dossiers", "5")
    assert "chạy `motcua units load` rồi `motcua bootstrap` trước" in str(empty.value)
    call_command("units", "load", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with pytest.raises(CommandError) as unknown:
        call_command("simulate", "--province", "99")
    assert "Không có tỉnh mã 99" in str(unknown.value)
    with pytest.raises(CommandError) as no_catalog:
        call_command("simulate", "--province", "01", "--dossiers", "5")
    assert str(no_catalog.value) == (
        "Tỉnh 01 chưa áp dụng thủ tục nào: chạy `motcua catalog import` rồi `motcua bootstrap` trước."
    )
    with pytest.raises(CommandError, match="chạy `motcua catalog import` trước"):
        call_command("catalog", "adopt", "--province", "01")
    with pytest.raises(CommandError, match="chạy `motcua org demo` trước"):
        call_command("queueing", "demo")
