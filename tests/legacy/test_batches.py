"""Batches (ADR 0050): the dry run finds a file's duplicates across batches as a real run does, with
bounded memory; a batch the database refuses is written again line by line."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection

from motcua.dossiers.models import Applicant, Dossier, DossierStep, TrackingEntry
from motcua.legacy.models import ImportRun, LegacyRecord

from .conftest import row, write_jsonl


def migrate(path, *extra) -> str:
    out = io.StringIO()
    call_command("migrate-legacy", str(path), "--province", "37", "--quiet", *extra, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def code(i: int) -> str:
    return f"000.00.20.H35-240612-{i:04d}"


def test_a_dry_run_counts_what_the_real_run_does_with_duplicates_batches_apart(province, tmp_path):
    rows = [row(code=code(i)) for i in range(1, 8)]
    rows += [row(code=code(2)), row(code=code(3), applicant_phone="0987654321"), row(code=code(1))]
    path = write_jsonl(tmp_path / "dup.jsonl", rows)
    rejects = tmp_path / "rejects.csv"
    # Batches of 3: every duplicate is in a later batch than its first line.
    dry = migrate(path, "--dry-run", "--batch", "3", "--rejects", str(rejects))
    assert dry == "imported 7, skipped 2, rejected 1"
    with open(rejects, encoding="utf-8") as f:
        assert [(r["code"], r["reason"][:13]) for r in csv.DictReader(f)] == [(code(3), "code_conflict")]
    assert not Dossier.objects.exists() and not ImportRun.objects.exists()
    assert migrate(path, "--batch", "3") == dry
    # A second dry run starts afresh (its memory does not outlive the run) and sees the imported lines.
    assert migrate(path, "--dry-run", "--batch", "3") == "imported 0, skipped 9, rejected 1"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL refuses a NUL in text; SQLite stores it"
)
def test_a_batch_the_database_refuses_is_written_line_by_line(province, tmp_path):
    rows = [row(code=code(i)) for i in range(1, 6)]
    rows[2]["applicant_address"] = "Phường Lê Hồng Phong\x00"
    rejects = tmp_path / "rejects.csv"
    last = migrate(write_jsonl(tmp_path / "nul.jsonl", rows), "--rejects", str(rejects))
    assert last == "imported 4, skipped 0, rejected 1"
    with open(rejects, encoding="utf-8") as f:
        assert [(r["code"], r["reason"][:12]) for r in csv.DictReader(f)] == [(code(3), "write_failed")]
    assert sorted(LegacyRecord.objects.values_list("code", flat=True)) == [code(i) for i in (1, 2, 4, 5)]
    # Each line whole: its dossier, applicant and four tracking rows; nothing of the refused line.
    assert Dossier.objects.count() == Applicant.objects.count() == 4
    assert TrackingEntry.objects.count() == 16 and not DossierStep.objects.exists()
    assert not Dossier.objects.filter(code=code(3)).exists()
