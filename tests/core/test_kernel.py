"""The write kernel: the event schema is checked on every write, writes need the service's transaction,
and docs/events.md is the one the code declares."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from motcua.core import kernel

DOC = Path(__file__).resolve().parents[2] / "docs" / "events.md"


def test_the_committed_events_document_is_current():
    kernel.load_topics()
    assert DOC.read_text(encoding="utf-8") == kernel.document()
    out = io.StringIO()
    call_command("kernel", "events-doc", "--check", "--output", str(DOC), stdout=out)
    assert "khớp" in out.getvalue()


def test_a_stale_document_is_reported_and_rewritten(tmp_path):
    stale = tmp_path / "events.md"
    stale.write_text("# old\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kernel events-doc"):
        call_command("kernel", "events-doc", "--check", "--output", str(stale), stdout=io.StringIO())
    call_command("kernel", "events-doc", "--output", str(stale), stdout=io.StringIO())
    assert stale.read_text(encoding="utf-8") == kernel.document()


def test_every_channel_app_declares_its_topics():
    aggregates = {t.aggregate for t in kernel.load_topics().values()}
    assert {
        "dossier",
        "counter_slip",
        "payment",
        "ticket",
        "homeservice_request",
        "shipment",
        "handover_batch",
        "feedback",
        "rating",
    } <= aggregates


@pytest.mark.django_db
def test_an_undeclared_topic_or_payload_is_refused():
    kernel.load_topics()
    now = timezone.now()
    with pytest.raises(ValueError, match="undeclared"):
        kernel.emit("nobody.knows", aggregate_id=1, version=1, occurred_at=now, payload={})
    with pytest.raises(ValueError, match="declared"):
        kernel.emit("counter.refused", aggregate_id=1, version=None, occurred_at=now, payload={"slip": 1})


def test_a_topic_cannot_be_declared_twice_differently():
    kernel.topic("kernel_test.same", aggregate="x", fields=("a",), doc="d")
    kernel.topic("kernel_test.same", aggregate="x", fields=("a",), doc="d")  # a re-import: fine
    with pytest.raises(ValueError, match="twice"):
        kernel.topic("kernel_test.same", aggregate="x", fields=("b",), doc="d")
    del kernel.TOPICS["kernel_test.same"]


@pytest.mark.django_db(transaction=True)
def test_kernel_writes_run_inside_a_transaction():
    from motcua.dossiers.models import OutboxMessage

    with pytest.raises(RuntimeError, match="transaction"):
        kernel.lock(OutboxMessage.objects.all(), 1, missing=LookupError)
    with transaction.atomic(), pytest.raises(LookupError):
        kernel.lock(OutboxMessage.objects.all(), 1, missing=LookupError)


def test_a_stale_version_is_the_same_error_everywhere():
    class Row:
        version = 3

    kernel.check_version(Row(), 3)
    kernel.check_version(Row(), None)  # nothing read that could be stale
    with pytest.raises(kernel.StaleWrite) as error:
        kernel.check_version(Row(), 2)
    assert error.value.code == "stale_write" and error.value.http_status == 409
    assert error.value.details == {"expected_version": 2, "current_version": 3}
