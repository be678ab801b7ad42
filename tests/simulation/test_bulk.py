"""Bulk mode writes what the services write: one schedule both ways, the rows compared field by field.

Ignored, and why: database ids (rows are matched by dossier code and position instead, ids inside
tracking details are replaced by the position of the row they name, accounts by their user name); `created_at` / `updated_at`
(wall-clock moments of the writing, not of the simulated time); outbox delivery (`published_at`,
`attempts`, `last_error`: set by the publisher after the commit, in both modes).
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.calendar.clock import TZ
from motcua.dossiers.models import (
    ApologyLetter,
    Applicant,
    ChecklistItem,
    CodeCounter,
    Dossier,
    DossierStep,
    IdempotencyRecord,
    OutboxMessage,
    Pause,
    Payment,
    Result,
    Submitter,
    SupplementRequest,
    TrackingEntry,
)  # fmt: skip
from motcua.simulation.plan import mix as mixes
from motcua.simulation.runner import MIXES, Parameters, simulate

User = get_user_model()
NOW = datetime(2026, 11, 13, 15, 0, tzinfo=TZ)
IGNORED = {"id", "created_at", "updated_at", "published_at", "attempts", "last_error"}
CHILDREN = (DossierStep, Applicant, Submitter, ChecklistItem, Payment, SupplementRequest, Pause, ApologyLetter, Result,
            TrackingEntry, OutboxMessage, IdempotencyRecord)  # fmt: skip


def dump(dossier_ids) -> dict:
    dossiers = {d.pk: d for d in Dossier.objects.filter(pk__in=list(dossier_ids))}
    code = {pk: d.code for pk, d in dossiers.items()}
    position: dict = {}  # (model, id) -> (code, position within the dossier's rows of that model)
    rows: dict = {}
    for model in CHILDREN:
        found = model.objects.filter(dossier_id__in=list(dossiers)).order_by("dossier_id", "id")
        seen = {}
        for obj in found:
            n = seen[obj.dossier_id] = seen.get(obj.dossier_id, 0) + 1
            position[(model, obj.pk)] = (code[obj.dossier_id], n)
            rows[(model.__name__, code[obj.dossier_id], n)] = obj
    out = {}
    for dossier in dossiers.values():
        out[("Dossier", dossier.code)] = _fields(dossier, position, code)
    for key, obj in rows.items():
        out[key] = _fields(obj, position, code)
    prefixes = {d.agency.code for d in dossiers.values()}
    for counter in CodeCounter.objects.filter(prefix__in=prefixes):
        out[("CodeCounter", counter.prefix, counter.day)] = counter.last
    return out


def _fields(obj, position, code) -> dict:
    values = {}
    for f in obj._meta.concrete_fields:
        if f.name in IGNORED:
            continue
        value = getattr(obj, f.attname)
        if f.name == "dossier":
            value = code[value]
        elif f.is_relation and f.related_model in (DossierStep, SupplementRequest):
            value = position.get((f.related_model, value))
        elif f.is_relation and f.related_model is User and value is not None:
            value = _username(value)  # citizens' accounts are created by each run: compare their names
        elif f.name == "actor_ref" and value.startswith("user:"):
            value = "user:" + _username(int(value[5:]))
        elif f.name == "details":
            value = {k: position.get((Payment if k == "payment" else Result, v)) if k in ("payment", "result")
                     else v for k, v in value.items()}  # fmt: skip
        values[f.name] = value
    return values


def _username(pk, names={}):  # noqa: B006 - a cache shared by the calls of one test run
    if pk not in names:
        names[pk] = User.objects.values_list("username", flat=True).get(pk=pk)
    return names[pk]


def params(**overrides):
    # Some dossiers handed in by relatives and planted brokers: the Submitter rows are compared too.
    values = {"province": "01", "start": date(2026, 11, 2), "days": 10, "seed": "b2", "dossiers": 80,
              "mix": "lively", "brokers": 0.1, "relatives": 0.1}  # fmt: skip
    return Parameters(**{**values, **overrides})


def test_bulk_writes_the_rows_the_services_write(hanoi, monkeypatch):
    # Enough of every path in 80 dossiers: supplements, apology letters, refusals, withdrawals, stops.
    # Late and apology shares high: an apology needs a working day left before the due moment, which
    # few late dossiers of ten days have (the draws alone once gave none).
    lively = mixes.REALISTIC.with_overrides(
        supplement=0.25,
        late=0.4,
        refusal=0.1,
        withdrawal=0.05,
        stop=0.03,
        untimed_weight=0.2,
        late_days=3.0,
        apology=0.9,
    )
    monkeypatch.setitem(MIXES, "lively", lively)
    with transaction.atomic():
        services = simulate(params(), now=NOW)
        through_services = dump(_ids(services))
        transaction.set_rollback(True)
    bulk = simulate(params(bulk=True), now=NOW)
    written = dump(bulk.outcome.dossier_ids)
    assert services.outcome.failures == {} and services.outcome.blocked == 0
    assert bulk.outcome.applied == services.outcome.applied
    actions = {v["action"] for k, v in through_services.items() if k[0] == "TrackingEntry"}
    assert {
        "request_supplement",
        "receive_supplement",
        "extend",
        "refuse",
        "withdraw",
        "return_result",
    } <= actions
    returned = {v["return_method"] for k, v in through_services.items() if k[0] == "Dossier"}
    assert {"counter", "online"} <= returned  # electronic results are taken on the portal too
    assert any(k[0] == "Submitter" for k in through_services)
    assert written.keys() == through_services.keys()
    for key, expected in through_services.items():
        assert written[key] == expected, key
    again = simulate(params(bulk=True), now=NOW)  # a second bulk run writes nothing more
    assert again.outcome.applied == 0 and len(again.outcome.dossier_ids) == len(bulk.outcome.dossier_ids)


def _ids(report):
    prefix = report.run.idempotency_key(0)[:-1]
    return IdempotencyRecord.objects.filter(key__startswith=prefix).values_list("dossier_id", flat=True)
