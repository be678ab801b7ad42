"""Files and rows stay in step: injected failures at every point between writing the bytes and
committing the row leave neither an orphan row nor, once the transaction is over, an orphan file."""

import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import transaction

from motcua.documents import files, services
from motcua.documents.errors import StorageFailed
from motcua.documents.models import Document, DossierDocument

from . import samples
from .conftest import AN, stored_files

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def store(**extra):
    return services.store_document(
        content=samples.pdf(), filename="a.pdf", name="Tờ khai", owner_id_number=AN, **extra
    )


def end_of_request():
    request_finished.send(sender=None)


def test_a_failure_after_the_file_is_written_leaves_no_row_and_no_file(place, media, monkeypatch):
    dossier = place.dossier(place.birth)

    def failing_link(*args, **kwargs):
        raise Boom("database refused the link row")

    monkeypatch.setattr(DossierDocument.objects, "create", failing_link)
    with pytest.raises(Boom):
        store(dossier=dossier)
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_a_storage_failure_leaves_no_row(place, media, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    def disk_full(self, name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", disk_full)
    with pytest.raises(StorageFailed) as caught:
        store()
    assert caught.value.code == "documents.storage_failed"
    assert Document.objects.count() == 0


def test_an_enclosing_rollback_removes_the_file_when_the_request_ends(place, media):
    with pytest.raises(Boom), transaction.atomic():
        store()
        assert len(stored_files(media)) == 1  # written, waiting for the transaction
        raise Boom("the dossier service failed after attaching the scan")
    assert Document.objects.count() == 0
    end_of_request()
    assert stored_files(media) == []


def test_a_rolled_back_savepoint_removes_only_its_file(place, media):
    with transaction.atomic():
        kept = store()
        with pytest.raises(Boom), transaction.atomic():
            store()
            raise Boom
    end_of_request()
    assert stored_files(media) == [kept.storage_name]
    assert list(Document.objects.all()) == [kept]


def test_a_committed_file_survives_even_if_its_commit_hook_was_lost(place, media):
    """Another app's failing on_commit callback stops Django from running ours; the database, not the
    hook, decides what is deleted."""

    def broken_hook():
        raise Boom("another app's hook")

    with pytest.raises(Boom), transaction.atomic():
        transaction.on_commit(broken_hook)
        doc = store()
    end_of_request()
    assert Document.objects.filter(pk=doc.pk).exists()
    assert stored_files(media) == [doc.storage_name]


def test_cleanup_also_runs_before_the_next_write(place, media):
    with pytest.raises(Boom), transaction.atomic():
        first = store()
        raise Boom
    second = store()
    assert first.storage_name not in stored_files(media)
    assert stored_files(media) == [second.storage_name]


def test_the_sweep_removes_old_orphans_only(place, media):
    """A process killed between writing and committing leaves a file no callback will remove."""
    doc = store()
    orphan_old = media / "documents/2025/07/deadbeef.pdf"
    orphan_new = media / "documents/2025/07/cafebabe.pdf"
    for orphan in (orphan_old, orphan_new):
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_bytes(samples.pdf())
    two_hours_ago = time.time() - 7200
    os.utime(orphan_old, (two_hours_ago, two_hours_ago))
    os.utime(media / doc.storage_name, (two_hours_ago, two_hours_ago))  # old but referenced

    assert files.sweep(older_than=timedelta(hours=1), dry_run=True) == ["documents/2025/07/deadbeef.pdf"]
    assert orphan_old.exists()
    call_command("documents", "sweep", "--older-than", "3600")
    assert sorted(stored_files(media)) == sorted([doc.storage_name, "documents/2025/07/cafebabe.pdf"])


def test_a_sweep_older_than_0_removes_every_orphan_even_a_new_one(place, media):
    """`--older-than 0` (after a restore, in the fault drills): 0 means no grace, not the default one."""
    doc = store()
    orphan = media / "documents/2025/07/0badf00d.pdf"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(samples.pdf())
    call_command("documents", "sweep", "--older-than", "0")
    assert stored_files(media) == [doc.storage_name]
