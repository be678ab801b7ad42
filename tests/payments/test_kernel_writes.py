"""Payments write through the kernel: each state change has its PaymentEvent and an outbox event, and a
stale version is refused with the common code."""

import pytest

from motcua.core.kernel import StaleWrite
from motcua.dossiers.models import OutboxMessage
from motcua.payments import services

from .conftest import fee_officer, online_dossier


def test_start_and_expiry_are_audited_and_announced_and_a_stale_refund_is_refused(world):
    dossier = online_dossier(world)
    txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://testserver/back")
    assert services.expire(txn)
    txn.refresh_from_db()
    assert (txn.status, txn.version) == ("expired", 2)
    audit = list(txn.events.values_list("kind", "from_status", "to_status"))
    assert audit == [("started", "", "pending"), ("expire", "pending", "expired")]
    events = OutboxMessage.objects.filter(aggregate="payment", aggregate_id=txn.reference).order_by("id")
    assert [(e.topic, e.version, e.payload["status"]) for e in events] == [
        ("payment.started", 1, "pending"),
        ("payment.expired", 2, "expired"),
    ]
    assert events[1].payload["dossier_code"] == dossier.code and events[1].occurred_at is not None
    with pytest.raises(StaleWrite) as error:
        services.refund(txn, actor=fee_officer(dossier), amount=1, version=1)
    assert error.value.code == "stale_write"
    txn.refresh_from_db()
    assert txn.version == 2 and txn.events.count() == 2
