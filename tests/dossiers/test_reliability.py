"""All or nothing: a failure anywhere inside a service leaves no partial dossier, line or event; retries
with an idempotency key create one dossier."""

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import (
    Applicant,
    ChecklistItem,
    CodeCounter,
    Dossier,
    DossierStep,
    IdempotencyRecord,
    OutboxMessage,
    Pause,
    Payment,
    SupplementRequest,
    TrackingEntry,
)
from motcua.dossiers.services import base, codes, parties, planning, records

from .conftest import receive
from .factories import person
from .test_processing import assigned

pytestmark = pytest.mark.django_db

RECEPTION_WRITES = [
    (codes, "next_sequence"),
    (planning, "create_steps"),
    (parties, "store"),
    (planning, "fee_payments"),
    (records, "append_tracking"),
    (records, "emit"),
]


class Injected(RuntimeError):
    pass


def fail(*args, **kwargs):
    raise Injected("injected failure")


def counts():
    models = (Dossier, Applicant, ChecklistItem, DossierStep, Payment, TrackingEntry, OutboxMessage)
    return {m.__name__: m.objects.count() for m in models} | {
        "counter": list(CodeCounter.objects.values_list("last", flat=True))
    }


@pytest.mark.parametrize(("module", "name"), RECEPTION_WRITES, ids=[n for _, n in RECEPTION_WRITES])
def test_a_failed_reception_leaves_nothing_behind(world, monkeypatch, module, name):
    receive(world, world.licence, idempotency_key="first")  # something there already, so counts are not all 0
    before = counts()
    with monkeypatch.context() as patch:
        patch.setattr(module, name, fail)
        with pytest.raises(Injected):
            receive(world, world.licence, idempotency_key="second")
    assert counts() == before
    assert not IdempotencyRecord.objects.filter(key="second").exists()
    # The number was not consumed: the next reception takes it.
    assert receive(world, world.licence).code.endswith("-0002")


@pytest.mark.parametrize("name", ["append_tracking", "emit"])
def test_a_failed_change_leaves_the_dossier_as_it_was(world, monkeypatch, name):
    dossier = assigned(world)
    before = counts()
    with monkeypatch.context() as patch:
        patch.setattr(records, name, fail)
        with pytest.raises(Injected):
            services.request_supplement(dossier, actor=world.specialist, version=2, items=["x"], reason="y")
    again = Dossier.objects.get(pk=dossier.pk)
    assert (again.status, again.version, again.supplement_count, again.paused_at) == (
        "in_progress",
        2,
        0,
        None,
    )
    assert not SupplementRequest.objects.exists() and not Pause.objects.exists()
    assert counts() == before
    # and the same request then succeeds
    services.request_supplement(again, actor=world.specialist, version=2, items=["x"], reason="y")


def test_a_failure_in_the_middle_of_the_clock_change_rolls_back_the_steps(world, monkeypatch):
    dossier = services.request_supplement(
        assigned(world), actor=world.specialist, version=2, items=["x"], reason="y"
    )
    dues = list(dossier.steps.values_list("due_at", flat=True))
    with monkeypatch.context() as patch:
        patch.setattr(records, "emit", fail)
        with pytest.raises(Injected):
            services.receive_supplement(dossier, actor=world.officer, version=3)
    assert list(dossier.steps.values_list("due_at", flat=True)) == dues
    assert Pause.objects.get().ended_at is None and Dossier.objects.get().status == "supplement_requested"


def test_a_retry_with_the_same_key_returns_the_same_dossier(world):
    first = receive(world, idempotency_key="quay1-0001")
    again = receive(world, idempotency_key="quay1-0001")
    assert again == first and Dossier.objects.count() == 1 and TrackingEntry.objects.count() == 1


def test_another_request_with_a_used_key_is_refused(world):
    receive(world, idempotency_key="quay1-0001")
    with pytest.raises(DomainError) as error:
        receive(world, idempotency_key="quay1-0001", applicant=person(full_name="Nguyễn Văn Bình"))
    assert error.value.code == "dossier.idempotency_mismatch" and error.value.http_status == 409
    assert Dossier.objects.count() == 1


def test_keys_belong_to_their_caller(world):
    first = receive(world, idempotency_key="k")
    second = receive(world, idempotency_key="k", officer=world.officer2)
    assert first != second and Dossier.objects.count() == 2


def test_fingerprints_ignore_key_order():
    assert base.fingerprint({"a": 1, "b": [1, 2]}) == base.fingerprint({"b": [1, 2], "a": 1})
    assert base.fingerprint({"a": 1}) != base.fingerprint({"a": 2})
