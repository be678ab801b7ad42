"""Bulk mode: the rows the dossier services would write for a schedule, computed in memory and written
in batches (COPY on PostgreSQL, `bulk_create` elsewhere, with ids reserved up front), for benchmark
datasets of a million dossiers.

Each dossier is replayed event by event on unsaved model instances, built with the engine's own row
builders: `rows.new` for every instance (as the services build theirs), `records.tracking_entry` for
each tracking line and `records.dossier_event` for each outbox event (the rows `append_tracking` and
`emit` write), with the services' own rules: the lifecycle table for the states, the legal clock and the
pure deadlines module for the due moments, `parties.clean_applicant` for the people. What this module
still restates is which fields each action changes on the dossier and its steps (the services do it on
locked rows, one transaction per change); tests/simulation/test_bulk.py writes one schedule both ways
and compares the rows field by field. What differs legitimately: database ids, the
`created_at`/`updated_at` wall-clock stamps, and outbox delivery (`published_at`, `attempts`), which
happens after the commit in both modes.

Bulk mode is for building datasets: run it alone (dossier codes are numbered in memory per agency and
day, from the counters found in the database when the run starts).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
import traceback
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import JSONField
from django.utils import timezone

from motcua.calendar.clock import TZ
from motcua.calendar.selectors import calendar_for
from motcua.core.fast import rows as row_builders
from motcua.dossiers import codes, deadlines, lifecycle
from motcua.dossiers.choices import CLOCK_CHANNEL
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
from motcua.dossiers.selectors import checklist
from motcua.dossiers.services import base, parties, planning, records
from motcua.org.models import Agency

from .driver import account_name, ensure_accounts
from .plan.schedule import APPLICANT, DossierPlan
from .world import Loaded

MODELS = (Dossier, DossierStep, Applicant, Submitter, ChecklistItem, Payment, SupplementRequest, Pause, ApologyLetter,
          Result, TrackingEntry, OutboxMessage, IdempotencyRecord)  # fmt: skip
REFUSAL_TITLE = "Thông báo từ chối giải quyết hồ sơ"
ID_LOCK = 0x6D6F7463  # advisory lock key of the id reservations ("motc")


@dataclass
class BulkOutcome:
    applied: int = 0
    skipped: int = 0
    blocked: int = 0
    failures: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    dossier_ids: list[int] = field(default_factory=list)


class Ids:
    """Primary keys reserved before the rows exist (the rows refer to each other and the tracking
    details name them). PostgreSQL: a block of each table's sequence at a time, taken with one
    `setval` (one round trip per block, under an advisory lock that the processes of a parallel run
    share; like the code counters, this assumes no other writer of dossiers meanwhile); SQLite: after the largest id, inside the write transaction that holds the database's write
    lock."""

    def __init__(self, block: int = 20_000):
        self.block, self.next, self.last = block, {}, {}
        self.postgresql = connection.vendor == "postgresql"

    def take(self, model) -> int:
        value = self.next.get(model)
        if value is None or value > self.last[model]:
            value = self._reserve(model)
        self.next[model] = value + 1
        return value

    def _reserve(self, model) -> int:
        if not self.postgresql:
            value = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            self.last[model] = float("inf")
            return value
        with connection.cursor() as cursor:
            # The processes of a parallel run take turns (a session lock, not the batch's transaction).
            cursor.execute("SELECT pg_advisory_lock(%s)", [ID_LOCK])
            try:
                cursor.execute(
                    "SELECT setval(s, nextval(s) + %s - 1) FROM pg_get_serial_sequence(%s, 'id') AS s",
                    [self.block, model._meta.db_table],
                )
                self.last[model] = cursor.fetchone()[0]
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ID_LOCK])
        return self.last[model] - self.block + 1


class BulkWriter:
    def __init__(
        self, loaded: Loaded, run, plans, *, horizon: datetime, progress=None, batch: int = 2000,
        outbox_published: bool = False, workers: int = 1,
    ):  # fmt: skip
        self.loaded, self.run, self.plans, self.horizon = loaded, run, plans, horizon
        # True: events marked delivered at write time, as the in-process publisher does when no
        # integration subscribes (a benchmark database then has no backlog of millions of events).
        self.published_at = timezone.now() if outbox_published else None
        self.progress, self.batch = progress, batch
        self.cal = calendar_for(loaded.province.code)
        self.agencies = Agency.objects.in_bulk([a.id for a in loaded.world.agencies])
        self.cache: dict = {}
        self.counters: dict[tuple[str, object], int] = {}
        self.touched_counters: set = set()
        self.counter_days: set = set()
        self.ids: Ids | None = None
        self.workers, self.part = max(1, workers), None  # part: this process's share (parallel runs)

    # ---- the run --------------------------------------------------------------------------------------

    def write(self) -> BulkOutcome:
        if connection.vendor != "postgresql":
            return self._write()
        if self.workers > 1:
            return self._write_in_parallel()
        with _no_commit_wait():
            return self._write()

    def _write(self) -> BulkOutcome:
        outcome, started = BulkOutcome(), time.perf_counter()
        prefix = self.run.idempotency_key(0)[:-1]
        done = dict(
            (int(k[len(prefix) :]), pk)
            for k, pk in IdempotencyRecord.objects.filter(key__startswith=prefix).values_list(
                "key", "dossier_id"
            )
        )
        pending: list[DossierPlan] = []
        for plan in self.plans:
            if self.part is not None and plan.agency_id % self.workers != self.part:
                continue
            if plan.index in done:
                outcome.skipped += len([e for e in plan.events if e.at < self.horizon])
                outcome.dossier_ids.append(done[plan.index])
                continue
            if plan.events[0].at >= self.horizon:
                continue
            pending.append(plan)
            if len(pending) >= self.batch:
                self._flush(pending, outcome, started)
                pending = []
        if pending:
            self._flush(pending, outcome, started)
        outcome.seconds = time.perf_counter() - started
        return outcome

    # ---- several processes (PostgreSQL) -----------------------------------------------------------------

    def _write_in_parallel(self) -> BulkOutcome:
        """`workers` forked processes, each writing the dossiers of its share of the agencies (agency id
        modulo `workers`) in its own connection. A dossier code is numbered per agency and day, so
        each process numbers its own agencies' codes in arrival order, as one process would; the plans
        are drawn in every process (deterministic, about a tenth of the time), so nothing is sent
        between them but the outcome."""
        ctx = multiprocessing.get_context("fork")
        results, shared = ctx.Queue(), ctx.Array("q", 2 * self.workers)
        started = time.perf_counter()
        connections.close_all()  # every process opens its own connection
        processes = [ctx.Process(target=self._child, args=(k, results, shared)) for k in range(self.workers)]
        for process in processes:
            process.start()
        found: dict[int, tuple[str, object]] = {}
        while len(found) < self.workers:
            try:
                kind, k, value = results.get(timeout=2)
                found[k] = (kind, value)
            except queue.Empty:
                dead = [i for i, p in enumerate(processes) if p.exitcode not in (None, 0) and i not in found]
                if dead:
                    found.update({i: ("error", f"exit code {processes[i].exitcode}") for i in dead})
            if self.progress:
                applied, dossiers = sum(shared[0::2]), sum(shared[1::2])
                self.progress(applied, applied, dossiers, time.perf_counter() - started)
        for process in processes:
            process.join()
        errors = [value for kind, value in found.values() if kind == "error"]
        if errors:
            raise RuntimeError("bulk writer process failed:\n" + "\n".join(map(str, errors)))
        outcome = BulkOutcome()
        for _k, (_kind, part) in sorted(found.items()):
            outcome.applied += part.applied
            outcome.skipped += part.skipped
            outcome.blocked += part.blocked
            outcome.failures.update(part.failures)
            outcome.dossier_ids.extend(part.dossier_ids)
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _child(self, k: int, results, shared) -> None:
        code = 0
        try:
            self.part = k

            def progress(applied, _total, dossiers, _seconds):
                shared[2 * k], shared[2 * k + 1] = applied, dossiers

            self.progress = progress
            with _no_commit_wait():
                results.put(("ok", k, self._write()))
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises
            results.put(("error", k, traceback.format_exc()))
            code = 1
        finally:
            connections.close_all()
            results.close()
            results.join_thread()
            os._exit(code)

    def _flush(self, plans: list[DossierPlan], outcome: BulkOutcome, started: float) -> None:
        self.accounts = ensure_accounts(plans)
        with transaction.atomic():
            if self.ids is None or connection.vendor != "postgresql":
                self.ids = Ids()  # SQLite: read the largest ids inside each write transaction
            rows = defaultdict(list)
            for plan in plans:
                shadow = Shadow(self, plan)
                outcome.applied += shadow.replay()
                shadow.collect(rows)
                outcome.dossier_ids.append(shadow.dossier.pk)
            for model in MODELS:
                if connection.vendor == "postgresql":
                    copy_rows(model, rows[model], timezone.now())
                else:
                    model.objects.bulk_create(rows[model], batch_size=1000)
            self._save_counters()
        if self.progress:
            self.progress(
                outcome.applied, outcome.applied, len(outcome.dossier_ids), time.perf_counter() - started
            )

    # ---- shared lookups ---------------------------------------------------------------------------------

    def cached(self, key, make):
        value = self.cache.get(key)
        if value is None:
            value = self.cache[key] = make()
        return value

    def next_code(self, prefix: str, day) -> str:
        key = (prefix, day)
        if key not in self.counters:
            if day not in self.counter_days:  # one query per day for every agency's counter
                self.counter_days.add(day)
                rows = CodeCounter.objects.filter(day=day).values_list("prefix", "last")
                self.counters.update({(p, day): last for p, last in rows})
            self.counters.setdefault(key, 0)
        self.counters[key] += 1
        self.touched_counters.add(key)
        return codes.format_code(prefix, day, self.counters[key])

    def _save_counters(self) -> None:
        rows = [
            CodeCounter(prefix=p, day=d, last=self.counters[(p, d)]) for p, d in sorted(self.touched_counters)
        ]
        CodeCounter.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["prefix", "day"], update_fields=["last"]
        )
        self.touched_counters.clear()

    def user(self, plan: DossierPlan, user_id: int):
        if user_id == APPLICANT:
            return self.accounts[account_name(plan)]
        return self.loaded.users[user_id]


@contextmanager
def _no_commit_wait():
    """A dataset is rebuilt, never recovered: no wait for the WAL flush at each batch's commit (a crash
    loses the last batches, never consistency). This connection only."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def copy_rows(model, objs, now) -> None:
    """PostgreSQL's COPY with the values Django would insert: related ids are already set (every row
    gets its id when it is made), JSON fields go through `get_db_prep_save`, the auto_now stamps are the
    batch's moment; the other values are read from each instance's dict in one C call (the rows are
    made by `Blank` or `Model.__init__`, so every column's attribute is there, file fields as their
    stored names). Several times faster than multi-row INSERT statements."""
    if not objs:
        return
    conn = connections[DEFAULT_DB_ALIAS]
    fields = model._meta.concrete_fields
    stamps = [
        i for i, f in enumerate(fields) if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    jsons = [(i, f) for i, f in enumerate(fields) if isinstance(f, JSONField)]
    read = itemgetter(*(f.attname for f in fields))
    columns = ", ".join(conn.ops.quote_name(f.column) for f in fields)
    table = conn.ops.quote_name(model._meta.db_table)
    with conn.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        write = copy.write_row
        for obj in objs:
            row = list(read(obj.__dict__))
            for i in stamps:
                row[i] = now
            for i, f in jsons:
                row[i] = f.get_db_prep_save(row[i], conn)
            write(row)


class Shadow:
    """One dossier's rows, changed event by event as the services change them."""

    def __init__(self, writer: BulkWriter, plan: DossierPlan):
        self.w, self.plan = writer, plan
        self.intake = writer.loaded.intake[plan.procedure.id]
        self.dossier: Dossier | None = None
        self.steps: list[DossierStep] = []
        self.rows: dict = defaultdict(list)
        self.pause: Pause | None = None
        self.supplement: SupplementRequest | None = None
        self.letter: ApologyLetter | None = None

    def new(self, model, **values):
        return self.keep(row_builders.new(model, **values))

    def keep(self, obj):
        """A new row of this dossier, its id reserved now (later rows and tracking details name it)."""
        obj.pk = self.w.ids.take(type(obj))
        self.rows[type(obj)].append(obj)
        return obj

    def collect(self, rows) -> None:
        for model, objs in self.rows.items():
            rows[model].extend(objs)

    def replay(self) -> int:
        applied = 0
        for event in self.plan.events:
            if event.at >= self.w.horizon:
                break
            actor = self.w.user(self.plan, event.actor)
            if event.version == 0:
                self.create(event, actor)
            else:
                getattr(self, "do_" + event.action)(event, actor)
            self.reloaded()
            applied += 1
        return applied

    def reloaded(self) -> None:
        """The next service call reads the dossier back from the database, whose moments are UTC: the
        outbox payload's ISO strings show it, so the shadow does the same."""
        d = self.dossier
        for name in ("received_at", "due_at", "appointment_at"):
            value = getattr(d, name)
            if value is not None:
                setattr(d, name, value.astimezone(UTC))

    # ---- creation (services/reception.receive_at_counter, services/online.submit_online) ---------------

    def submitter_of(self, plan):
        if plan.submitter is None:
            return None
        return {**plan.submitter.as_submitter(plan.submitter_relation),
                "commune": self.w.loaded.communes[plan.submitter.commune_id]}  # fmt: skip

    def create(self, event, actor) -> None:
        w, plan, intake, at = self.w, self.plan, self.intake, event.at
        loaded = w.loaded
        applicant = {**plan.applicant.as_applicant(), "commune": loaded.communes[plan.applicant.commune_id]}
        cleaned = parties.clean_applicant(applicant)
        submitter = parties.clean_submitter(self.submitter_of(plan))
        counts = intake.provided
        commune = loaded.communes[plan.commune_id] if plan.commune_id else None
        agency = w.agencies[plan.agency_id]
        online = plan.channel == "online"
        payload = {"procedure": intake.procedure.code, "case": getattr(intake.case, "pk", None)}
        if online:
            payload["province"] = loaded.province.code
        else:
            payload |= {"place": plan.place_id, "channel": plan.channel}
        payload |= {
            "applicant": parties.plain(cleaned),
            "submitter": parties.plain(submitter),
            "provided": sorted(counts.items()),
            "commune": str(getattr(commune, "code", "") or ""),
            "agency": None,
        }
        where = commune or cleaned.get("commune")
        day = timezone.localtime(at, TZ).date()
        d = self.dossier = self.new(
            Dossier,
            code=w.next_code(agency.code, day),
            procedure=intake.procedure,
            procedure_version=intake.version,
            document_case=intake.case,
            agency=agency,
            province=loaded.province,
            channel=plan.channel,
            commune_id=agency.commune_id or getattr(where, "pk", None),
            status="pending_acceptance" if online else "received",
            received_place=loaded.places[plan.place_id],
            result_delivery=plan.result_delivery,
            applicant_name_folded=parties.folded_name(cleaned),
            version=1,
        )
        if online:
            d.owner, d.submitted_at = actor, at
            d.acceptance_due_at = w.cal.acceptance_deadline(at)
            d.time_limit_text = self.limit().text
        else:
            d.counter = loaded.counters.get(plan.counter_id)
            d.received_by, d.received_at = actor, at
            self.start_clock(at)
            self.create_steps(at, actor)
        self.new(Applicant, dossier=d, **cleaned)
        if submitter:
            self.new(Submitter, dossier=d, **submitter)
        for doc in w.cached(("checklist", plan.procedure.id), lambda: checklist(intake.version, intake.case)):
            self.new(
                ChecklistItem,
                dossier=d,
                required_document=doc,
                position=doc.position,
                name=doc.name,
                required=doc.required,
                provided=doc.pk in counts,
                originals=counts.get(doc.pk, (0, 0))[0],
                copies=counts.get(doc.pk, (0, 0))[1],
            )
        self.fee(at, actor if not online else None, plan.paid_method)
        self.new(
            IdempotencyRecord,
            actor_ref=base.actor_ref(actor),
            key=w.run.idempotency_key(plan.index),
            fingerprint=base.fingerprint(payload),
            dossier=d,
        )
        self.record(event, actor, "", None)

    def fee(self, at, actor, paid_method) -> None:
        amount = self.plan.procedure.fees.get(self.plan.channel)
        if not amount:
            return
        payment = self.new(
            Payment, dossier=self.dossier, kind="charge", amount=amount,
            description=self.intake.version.name[:300],
        )  # fmt: skip
        if paid_method:
            payment.status, payment.method, payment.reference = "paid", paid_method, ""
            payment.paid_at, payment.recorded_by = at, actor

    def limit(self):
        key = ("limit", self.plan.procedure.id, self.plan.channel)
        return self.w.cached(key, lambda: planning.limit_for(self.intake.version, self.plan.channel))

    def start_clock(self, at) -> None:
        d, cal, limit = self.dossier, self.w.cal, self.limit()
        start = cal.counting_start(at, CLOCK_CHANNEL[d.channel])
        d.clock_started_at = start
        d.due_at = deadlines.due(cal, start, limit)
        d.appointment_at = d.due_at
        d.time_limit_text = limit.text

    def create_steps(self, at, actor) -> None:
        version = self.intake.version
        templates = self.w.cached(
            ("steps", version.pk),
            lambda: (
                [planning.StepTemplate(s.name, s.role, s.time_share) for s in version.process_steps.all()]
                or list(planning.DEFAULT_STEPS)
            ),
        )
        d = self.dossier
        dues = deadlines.step_dues(self.w.cal, d.clock_started_at, d.due_at, [t.share for t in templates])
        for position, (template, due) in enumerate(zip(templates, dues, strict=True), start=1):
            step = self.new(
                DossierStep, dossier=d, position=position, name=template.name, role=template.role,
                time_share=Decimal(template.share), due_at=due,
            )  # fmt: skip
            if position == 1:
                step.started_at = step.finished_at = at
                step.assignee = step.finished_by = actor
            self.steps.append(step)
        d.current_step = self.steps[1] if len(self.steps) > 1 else self.steps[0]

    # ---- one change (services/base.begin + commit_change) -------------------------------------------

    def change(self, event, actor, details=None, note: str = "", step_due=None) -> None:
        d = self.dossier
        before = d.status
        transition = lifecycle.check(event.action, before)
        d.status = transition.target_from(lifecycle.State(before))
        d.version += 1
        self.record(event, actor, before, details, note=note, step_due=step_due)

    def record(self, event, actor, from_status, details, note: str = "", step_due=None) -> None:
        d = self.dossier
        entry = records.tracking_entry(
            d,
            at=event.at,
            actor=actor,
            action=event.action,
            from_status=from_status,
            from_agency=d.agency if from_status else None,
            note=note,
            details=details,
        )
        if step_due is not None:  # the step as the service loaded it, before the new due moments
            entry.step_due_at = step_due
        self.keep(entry)
        payload = records.event_payload(d, action=event.action, from_status=from_status, at=event.at)
        message = self.keep(records.dossier_event(f"dossier.{event.action}", payload, dossier=d, at=event.at))
        if self.w.published_at is not None:
            message.published_at, message.attempts = self.w.published_at, 1

    def open_steps(self, after=None) -> list[DossierStep]:
        steps = [s for s in self.steps if s.finished_at is None]
        return [s for s in steps if after is None or s.position > after.position]

    @staticmethod
    def finish(step, actor, at, note: str) -> None:
        step.finished_at, step.finished_by = at, actor
        step.started_at = step.started_at or at
        step.note = note or step.note

    # ---- the services, one by one ---------------------------------------------------------------------

    def do_accept(self, event, actor) -> None:
        d = self.dossier
        d.received_at, d.received_by = event.at, actor
        self.start_clock(event.at)
        self.create_steps(event.at, actor)
        late = d.acceptance_due_at is not None and event.at > d.acceptance_due_at
        self.change(event, actor, {"late_acceptance": late})

    def do_refuse_acceptance(self, event, actor) -> None:
        self.dossier.finished_at = event.at
        self.change(event, actor, note=event.arg("reason"))

    def do_record_payment(self, event, actor) -> None:
        payment = next(p for p in self.rows[Payment] if p.status == "due")
        payment.status, payment.method = "paid", event.arg("method")
        payment.reference = self.plan.applicant.id_number[-6:]
        payment.paid_at, payment.recorded_by = event.at, actor
        self.change(event, actor, {"payment": payment.pk, "amount": payment.amount})

    def do_assign(self, event, actor) -> None:
        d, assignee = self.dossier, self.w.user(self.plan, event.arg("assignee"))
        d.assignee = assignee
        step = d.current_step
        step.assignee = assignee
        step.started_at = step.started_at or event.at
        self.change(event, actor, {"assignee": assignee.pk})

    def do_finish_step(self, event, actor) -> None:
        d = self.dossier
        step = d.current_step
        following = self.open_steps(after=step)
        self.finish(step, actor, event.at, "")
        upcoming, leader = following[0], self.w.user(self.plan, event.arg("next_assignee"))
        upcoming.assignee, upcoming.started_at = leader, event.at
        d.current_step, d.assignee = upcoming, leader
        self.change(event, actor, {"finished_step": step.name})

    def do_request_supplement(self, event, actor) -> None:
        d, items = self.dossier, [str(i).strip() for i in event.arg("items")]
        self.supplement = self.new(
            SupplementRequest, dossier=d, requested_at=event.at, requested_by=actor, items=items,
            reason=event.arg("reason"),
        )  # fmt: skip
        self.pause = self.new(Pause, dossier=d, started_at=event.at, supplement=self.supplement)
        d.paused_at = event.at
        d.supplement_count += 1
        self.change(event, actor, {"items": len(items)}, note=event.arg("reason"))

    def do_receive_supplement(self, event, actor) -> None:
        d, cal, limit, at = self.dossier, self.w.cal, self.limit(), event.at
        mode = self.w.cached(("mode", d.procedure_id), lambda: planning.supplement_mode(d))
        self.pause.ended_at = at
        self.supplement.received_at, self.supplement.received_by, self.supplement.mode = at, actor, mode
        # The service's tracking line names the current step as it was loaded, before the new due
        # moments (services/supplements.receive_supplement): the same here.
        before = d.current_step.due_at if d.current_step else None
        steps = self.open_steps()
        if mode == "restart":
            start = cal.counting_start(at, CLOCK_CHANNEL[d.channel])
            d.clock_started_at = start
            d.due_at = deadlines.due(cal, start, limit)
            dues = deadlines.step_dues(cal, start, d.due_at, [s.time_share for s in steps])
        else:
            restart = cal.counting_start(at, "online")
            paused = self.pause.started_at
            d.due_at = deadlines.resumed(cal, limit, paused, restart, d.due_at)
            dues = [deadlines.resumed(cal, limit, paused, restart, s.due_at) for s in steps]
        for step, due in zip(steps, dues, strict=True):
            step.due_at = due
        promised = self.letter.new_appointment if self.letter else None
        candidates = [x for x in (d.due_at, promised) if x is not None]
        d.appointment_at = max(candidates) if candidates else None
        d.paused_at = None
        self.change(event, actor, {"mode": mode}, step_due=before)

    def do_extend(self, event, actor) -> None:
        d, new = self.dossier, event.arg("new_appointment")
        previous = d.appointment_at or d.due_at
        self.letter = self.new(
            ApologyLetter, dossier=d, agency=d.agency, issued_at=event.at, issued_by=actor,
            reason=event.arg("reason"), previous_appointment=previous, new_appointment=new,
        )  # fmt: skip
        d.appointment_at = new
        late = deadlines.apology_late(self.w.cal, event.at, previous)  # as services.extend records it
        details = {"new_appointment": new.isoformat(), "late_apology": late}
        self.change(event, actor, details, note=event.arg("reason"))

    def decide(self, event, actor, decision: str, note: str) -> None:
        d = self.dossier
        d.decision, d.decision_reason, d.decided_at, d.decided_by = decision, note, event.at, actor
        steps = self.open_steps()
        for step in steps[:-1]:
            self.finish(step, actor, event.at, note if step is steps[-2] else "")
        d.current_step = steps[-1] if steps else d.current_step
        d.assignee = None

    def do_approve(self, event, actor) -> None:
        self.decide(event, actor, "approved", "")
        self.change(event, actor)

    def do_refuse(self, event, actor) -> None:
        reason = event.arg("reason")
        self.decide(event, actor, "refused", reason)
        self.dossier.finished_at = event.at
        self.new(
            Result, dossier=self.dossier, kind="refused", title=REFUSAL_TITLE, issued_at=event.at,
            issued_by=actor, e_copy="", e_copy_ref=event.arg("e_copy_ref"), note=reason,
        )  # fmt: skip
        self.change(event, actor, note=reason)

    def do_issue_result(self, event, actor) -> None:
        result = self.new(
            Result, dossier=self.dossier, kind="approved", title=event.arg("title").strip(),
            number=event.arg("number"), issued_at=event.at, issued_by=actor, e_copy="",
            e_copy_ref=event.arg("e_copy_ref").strip(), note="",
        )  # fmt: skip
        self.dossier.finished_at = self.dossier.finished_at or event.at
        self.change(event, actor, {"result": result.pk})

    def do_return_result(self, event, actor) -> None:
        d, method = self.dossier, event.arg("method")
        d.returned_at, d.return_method, d.returned_by = event.at, method, actor
        for step in self.open_steps():
            self.finish(step, actor, event.at, "")
        self.change(event, actor, {"method": method})

    def end(self, event, actor) -> None:
        d = self.dossier
        if self.pause is not None and self.pause.ended_at is None:
            self.pause.ended_at = event.at
        d.paused_at, d.finished_at, d.assignee = None, event.at, None
        self.change(event, actor, note=event.arg("reason"))

    do_withdraw = end
    do_stop = end
