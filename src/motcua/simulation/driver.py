"""Executes a schedule through the real dossier services, in time order, with `at=` the simulated time.

Idempotent: a dossier is created with the idempotency key of (run, index), so a re-run finds it; an
event is applied only when the dossier is at the version the event expects (a lower version means an
earlier event of the dossier failed: the event is skipped and counted; a higher one, already done).
Events are applied in batches, one transaction per batch, each service in its own savepoint: a domain
error rolls back that call only.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import IdempotencyRecord, Payment

from .plan.schedule import APPLICANT, DossierPlan, Event
from .summary import run_dossiers
from .world import Loaded

BATCH = 100


@dataclass
class Outcome:
    applied: int = 0
    skipped: int = 0  # already applied by an earlier run
    blocked: int = 0  # an earlier event of the dossier failed
    failures: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def account_name(plan: DossierPlan) -> str:
    return f"vneid.{plan.applicant.id_number}"


def ensure_accounts(plans: list[DossierPlan]) -> dict[str, object]:
    """The citizens' portal accounts of the online applicants (created once, no usable password)."""
    User = get_user_model()
    wanted = {account_name(p): p.applicant.full_name for p in plans if p.channel == "online"}
    existing = set(User.objects.filter(username__in=list(wanted)).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(username=n, full_name=f, password=UNUSABLE_PASSWORD_PREFIX)
            for n, f in sorted(wanted.items())
            if n not in existing
        ],
        batch_size=1000,
        ignore_conflicts=True,  # the processes of a parallel bulk run may meet the same applicant
    )
    return User.objects.filter(username__in=list(wanted)).in_bulk(field_name="username")


class Driver:
    def __init__(self, loaded: Loaded, run, plans: list[DossierPlan], *, progress=None):
        self.loaded, self.run, self.progress = loaded, run, progress
        self.plans = {p.index: p for p in plans}
        self.accounts = ensure_accounts(plans)
        keys = IdempotencyRecord.objects.filter(key__startswith=run.idempotency_key(0)[:-1])
        prefix = len(run.idempotency_key(0)) - 1
        self.pks = {int(k[prefix:]): pk for k, pk in keys.values_list("key", "dossier_id") if pk}
        self.versions = dict(run_dossiers(run).values_list("pk", "version"))

    def execute(self, events: list[Event]) -> Outcome:
        outcome, started = Outcome(), time.perf_counter()
        for first in range(0, len(events), BATCH):
            with transaction.atomic():
                for event in events[first : first + BATCH]:
                    self._one(event, outcome)
            if self.progress:
                self.progress(
                    min(first + BATCH, len(events)), len(events), len(self.pks), time.perf_counter() - started
                )
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _one(self, event: Event, outcome: Outcome) -> None:
        pk = self.pks.get(event.index)
        if event.version == 0:
            if pk is not None:
                outcome.skipped += 1
                return
        elif pk is None or self.versions.get(pk, 0) < event.version:
            outcome.blocked += 1
            return
        elif self.versions[pk] > event.version:
            outcome.skipped += 1
            return
        try:
            with transaction.atomic():
                dossier = self._call(event, pk)
        except DomainError as exc:
            outcome.failures[exc.code] += 1
            return
        self.pks[event.index] = dossier.pk
        self.versions[dossier.pk] = dossier.version
        outcome.applied += 1

    def _user(self, event: Event, user_id: int):
        if user_id == APPLICANT:
            return self.accounts[account_name(self.plans[event.index])]
        return self.loaded.users[user_id]

    def _call(self, event: Event, pk: int | None):
        plan, action = self.plans[event.index], event.action
        actor = self._user(event, event.actor)
        common = {"version": event.version, "at": event.at}
        if action in ("receive", "submit_online"):
            return self._create(plan, event, actor)
        if action == "accept":
            return services.accept_online(pk, officer=actor, **common)
        if action == "refuse_acceptance":
            return services.refuse_online(pk, officer=actor, reason=event.arg("reason"), **common)
        if action == "record_payment":
            payment = Payment.objects.filter(dossier_id=pk, status="due").order_by("pk").first()
            return services.record_payment(
                pk,
                actor=actor,
                payment=payment,
                method=event.arg("method"),
                reference=plan.applicant.id_number[-6:],
                **common,
            )
        if action == "assign":
            return services.assign(
                pk, actor=actor, assignee=self._user(event, event.arg("assignee")), **common
            )
        if action == "finish_step":
            leader = self._user(event, event.arg("next_assignee"))
            return services.finish_step(pk, actor=actor, next_assignee=leader, **common)
        if action == "request_supplement":
            items = list(event.arg("items"))
            return services.request_supplement(
                pk, actor=actor, items=items, reason=event.arg("reason"), **common
            )
        if action == "extend":
            new = event.arg("new_appointment")
            return services.extend(pk, actor=actor, new_appointment=new, reason=event.arg("reason"), **common)
        if action in ("refuse", "withdraw", "stop"):
            extra = {"e_copy_ref": event.arg("e_copy_ref")} if action == "refuse" else {}
            return getattr(services, action)(pk, actor=actor, reason=event.arg("reason"), **extra, **common)
        if action == "issue_result":
            names = ("title", "number", "e_copy_ref")
            return services.issue_result(pk, actor=actor, **{n: event.arg(n) for n in names}, **common)
        if action == "return_result":
            return services.return_result(pk, actor=actor, method=event.arg("method"), **common)
        if action in ("approve", "receive_supplement"):
            return getattr(services, action)(pk, actor=actor, **common)
        raise ValueError(f"unknown simulated action {action}")

    def _create(self, plan: DossierPlan, event: Event, actor):
        loaded = self.loaded
        intake = loaded.intake[plan.procedure.id]
        applicant = {**plan.applicant.as_applicant(), "commune": loaded.communes[plan.applicant.commune_id]}
        commune = loaded.communes[plan.commune_id] if plan.commune_id else None
        common = {
            "procedure": intake.procedure,
            "case": intake.case,
            "provided": intake.provided,
            "applicant": applicant,
            "commune": commune,
            "result_delivery": plan.result_delivery,
            "idempotency_key": self.run.idempotency_key(plan.index),
            "at": event.at,
        }
        if plan.submitter is not None:
            common["submitter"] = {
                **plan.submitter.as_submitter(plan.submitter_relation),
                "commune": loaded.communes[plan.submitter.commune_id],
            }
        if plan.channel == "online":
            return services.submit_online(user=actor, province=loaded.province, **common)
        return services.receive_at_counter(
            officer=actor,
            place=loaded.places[plan.place_id],
            counter=loaded.counters.get(plan.counter_id),
            channel=plan.channel,
            paid={"method": plan.paid_method} if plan.paid_method else None,
            **common,
        )
