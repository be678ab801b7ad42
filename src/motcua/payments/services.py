"""Writes of payments: start, apply what the gateway says, poll, expire, reconcile, refund.

Every confirmation (the payer's return, the gateway's webhook, a status poll) goes through
`apply_result`, which locks the transaction row: the first correctly signed confirmation with the right
amount marks it paid and records each fee on the dossier through `dossiers.services.record_payment`,
in the same database transaction; any later one finds it paid and is only logged. Every message
appends a PaymentEvent; every state change goes through the write kernel (core/kernel.py): version + 1,
its PaymentEvent and an outbox event (payments/events.py) in the same transaction.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.core import kernel
from motcua.core.errors import DomainError
from motcua.core.fast import rows
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import PaymentMethod
from motcua.dossiers.models import Dossier

from . import conf, events, registry, selectors, states
from .actor import gateway_actor
from .base import GatewayResult, StartInfo
from .errors import (
    AmountMismatch,
    GatewayRefused,
    NothingDue,
    NotRefundable,
    PaymentForbidden,
    TransactionNotFound,
    message_for,
)
from .models import EventKind, PaymentEvent, PaymentTransaction
from .states import Effect, Outcome, TxnStatus

log = logging.getLogger("motcua.payments")


@dataclass(frozen=True)
class Applied:
    transaction: PaymentTransaction
    effect: Effect
    error_code: str = ""


def new_reference() -> str:
    """Ours, sent as vnp_TxnRef (alphanumeric): 'MC' + local date 'T' time 'R' + 6 random hex digits,
    e.g. MC261201T093012R4F2A9C. The letters keep digit runs short, so the log filter that masks
    personal ID and phone numbers leaves references readable."""
    return f"MC{timezone.localtime():%y%m%dT%H%M%S}R{secrets.token_hex(3).upper()}"


def _event(txn, kind, *, effect="", from_status="", to_status="", error_code="", data=None, actor=None):
    return PaymentEvent.objects.create(
        transaction=txn,
        kind=kind,
        effect=str(effect),
        from_status=str(from_status),
        to_status=str(to_status),
        error_code=error_code,
        data=data or {},
        actor=actor,
    )


def _changed(txn, kind, name: str, *, before, fields=(), effect="", data=None, actor=None, at=None):
    """Write a locked transaction's state change: version + 1, its PaymentEvent and the outbox event
    `name`, together (the write kernel)."""
    at = at or timezone.now()
    if before:  # a change; a creation is version 1
        kernel.bump(txn, [*fields, "updated_at"])
    audit = rows.new(
        PaymentEvent,
        transaction=txn,
        kind=kind,
        effect=str(effect),
        from_status=str(before),
        to_status=str(txn.status),
        data=data or {},
        actor=actor if getattr(actor, "pk", None) else None,
    )
    kernel.record(
        audit,
        name,
        aggregate_id=txn.reference,
        version=txn.version,
        occurred_at=at,
        payload=events.payload(txn, kind=kind, previous_status=before, at=at),
    )


# ---- start --------------------------------------------------------------------------------------------


@transaction.atomic
def start_payment(
    dossier: Dossier, *, user, return_url: str, client_ip: str = "", plugin_id: str | None = None
) -> tuple[PaymentTransaction, StartInfo]:
    """A transaction for every fee the dossier still owes, and where to send the payer."""
    plugin = registry.get(plugin_id or conf.plugin_id())
    if not selectors.may_pay(user, dossier):
        raise PaymentForbidden(message_for(PaymentForbidden.code))
    due = list(selectors.due_payments(dossier))
    if not due:
        raise NothingDue(message_for(NothingDue.code))
    applicant = getattr(dossier, "applicant", None)
    txn = PaymentTransaction(
        dossier=dossier,
        amount=sum(p.amount for p in due),
        plugin=plugin.identifier,
        reference=new_reference(),
        started_by=user,
        payer_name=getattr(applicant, "full_name", "") or str(user),
    )
    txn.save()
    txn.payments.set(due)
    info = plugin.start(txn, return_url=return_url, client_ip=client_ip)
    _changed(
        txn,
        EventKind.STARTED,
        "payment.started",
        before="",
        actor=user,
        data={"payments": [p.pk for p in due]},
    )
    log.info("payment %s started for %s: %s đ", txn.reference, dossier.code, txn.amount)
    transaction.on_commit(lambda: _schedule_check(txn.pk), robust=True)
    return txn, info


def _schedule_check(transaction_id: int) -> None:
    """With a broker, ask the gateway once shortly after the payment's expiry. Without one (tasks run
    eagerly, in-process) nothing is scheduled: `motcua payments reconcile` does it periodically."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    from .tasks import check_transaction

    check_transaction.apply_async((transaction_id,), countdown=(conf.expire_minutes() + 1) * 60)


# ---- what the gateway says ----------------------------------------------------------------------------


def apply_result(result: GatewayResult, *, source: str, plugin_id: str) -> Applied:
    """Apply a verified gateway answer. Raises TransactionNotFound for a reference we never issued and
    AmountMismatch (after logging it) for a confirmation whose amount is not the transaction's."""
    applied = _apply(result, source=source, plugin_id=plugin_id)
    if applied.error_code == AmountMismatch.code:
        raise AmountMismatch(
            message_for(AmountMismatch.code),
            details={
                "reference": result.reference,
                "expected": applied.transaction.amount,
                "got": result.amount,
            },
        )
    return applied


@transaction.atomic
def _apply(result: GatewayResult, *, source: str, plugin_id: str) -> Applied:
    txn = (
        PaymentTransaction.objects.select_for_update()
        .filter(reference=result.reference, plugin=plugin_id)
        .select_related("dossier")
        .first()
    )
    if txn is None:
        raise TransactionNotFound(
            message_for(TransactionNotFound.code), details={"reference": result.reference}
        )
    data = {"outcome": str(result.outcome), "code": result.code, "raw": result.raw}
    if result.outcome == Outcome.PAID and result.amount != txn.amount:
        _event(txn, source, effect=Effect.IGNORE, error_code=AmountMismatch.code, data=data)
        log.warning("payment %s: amount %s refused (expected %s)", txn.reference, result.amount, txn.amount)
        return Applied(txn, Effect.IGNORE, AmountMismatch.code)
    effect = states.effect(txn.status, result.outcome)
    before = txn.status
    if effect == Effect.SETTLE:
        _settle(txn, result, source, data)
    elif effect == Effect.MARK:
        txn.status = states.marked(result.outcome)
        txn.gateway_reference = result.gateway_reference or txn.gateway_reference
        fields = ["status", "gateway_reference"]
        _changed(txn, source, f"payment.{txn.status}", before=before, fields=fields, effect=effect, data=data)
    else:
        _event(txn, source, effect=effect, data=data)
    return Applied(txn, effect)


def _settle(txn: PaymentTransaction, result: GatewayResult, source: str, data: dict) -> None:
    now, before = timezone.now(), txn.status
    txn.status, txn.paid_at, txn.settled_by = TxnStatus.PAID, now, source
    txn.gateway_reference, txn.bank = result.gateway_reference, result.bank
    txn.needs_attention = "; ".join(_record_fees(txn, now))
    fields = ["status", "paid_at", "settled_by", "gateway_reference", "bank", "needs_attention"]
    _changed(
        txn, source, "payment.paid", before=before, fields=fields, effect=Effect.SETTLE, data=data, at=now
    )
    log.info("payment %s paid (%s), dossier %s", txn.reference, source, txn.dossier.code)


def _record_fees(txn: PaymentTransaction, at) -> list[str]:
    """Record each fee on the dossier. A fee no longer due (paid at the counter meanwhile) or a dossier
    that admits no payment any more does not undo the money received: it is noted for an officer."""
    actor, problems = gateway_actor(), []
    for payment in txn.payments.order_by("pk"):
        dossier = Dossier.objects.get(pk=txn.dossier_id)
        try:
            with transaction.atomic():
                dossier_services.record_payment(
                    dossier,
                    actor=actor,
                    version=dossier.version,
                    payment=payment,
                    method=PaymentMethod.ONLINE,
                    reference=txn.reference,
                    at=at,
                )
        except DomainError as exc:
            problems.append(f"{payment.pk}: {exc.code}")
            log.warning("payment %s: fee %s not recorded (%s)", txn.reference, payment.pk, exc.code)
    return problems


def record_refusal(reference: str, *, source: str, plugin_id: str, error_code: str, data: dict) -> None:
    """Log a message we refused (bad signature) on the transaction it names, if there is one."""
    txn = PaymentTransaction.objects.filter(reference=reference, plugin=plugin_id).first()
    if txn is not None:
        _event(txn, source, effect=Effect.IGNORE, error_code=error_code, data={"raw": data})


def poll(txn: PaymentTransaction) -> Applied:
    """Ask the gateway and apply its answer; GatewayUnavailable (nothing changed) goes to the caller."""
    plugin = registry.get(txn.plugin)
    try:
        result = plugin.poll_status(txn)
    except DomainError as exc:
        _event(txn, EventKind.POLL, effect=Effect.IGNORE, error_code=exc.code, data=exc.details)
        raise
    if result.outcome in (Outcome.PENDING, Outcome.UNKNOWN):
        _event(
            txn,
            EventKind.POLL,
            effect=Effect.IGNORE,
            data={"outcome": str(result.outcome), "code": result.code},
        )
        return Applied(txn, Effect.IGNORE)
    return apply_result(result, source=EventKind.POLL, plugin_id=txn.plugin)


# ---- expiry and reconciliation ------------------------------------------------------------------------


@transaction.atomic
def expire(txn: PaymentTransaction) -> bool:
    locked = _lock(txn)
    if not states.may_expire(locked.status):
        return False
    before, locked.status = locked.status, TxnStatus.EXPIRED
    _changed(
        locked, EventKind.EXPIRE, "payment.expired", before=before, fields=["status"], effect=Effect.MARK
    )
    return True


def _lock(txn) -> PaymentTransaction:
    return kernel.lock(
        PaymentTransaction.objects.select_related("dossier"),
        txn,
        missing=lambda: TransactionNotFound(message_for(TransactionNotFound.code)),
    )


def reconcile(*, older_than_minutes: float = 5, expire_after_minutes: float | None = None) -> dict[str, int]:
    """Poll every pending transaction older than `older_than_minutes` and settle what the gateway
    confirms; one the gateway does not know, or still pending after `expire_after_minutes`, expires."""
    expire_after = conf.expire_minutes() + 5 if expire_after_minutes is None else expire_after_minutes
    counts = {"checked": 0, "paid": 0, "failed": 0, "expired": 0, "unreachable": 0}
    abandoned_before = timezone.now() - timedelta(minutes=expire_after)
    for txn in selectors.pending_older_than(older_than_minutes):
        counts["checked"] += 1
        try:
            applied = poll(txn)
        except DomainError:
            counts["unreachable"] += 1
            continue
        status = applied.transaction.status
        if applied.effect == Effect.SETTLE:
            counts["paid"] += 1
        elif applied.effect == Effect.MARK:
            counts["failed"] += 1
        elif status == TxnStatus.PENDING and txn.created_at <= abandoned_before and expire(txn):
            counts["expired"] += 1
    return counts


# ---- refund -------------------------------------------------------------------------------------------


def refund(
    txn: PaymentTransaction,
    *,
    actor,
    amount: int | None = None,
    reason: str = "",
    version: int | None = None,
) -> PaymentTransaction:
    """Give money back through the gateway (an officer who may record the dossier's fees). The dossier's
    fee rows stay as recorded; the transaction says what was refunded. A refusal by the gateway is
    logged and raised as GatewayRefused; an unreachable gateway changes nothing. `version`: the one the
    officer saw (a stale one is refused with "stale_write")."""
    locked, refused = _refund(txn, actor=actor, amount=amount, reason=reason, version=version)
    if refused:
        raise GatewayRefused(message_for(GatewayRefused.code), details={"code": refused})
    return locked


@transaction.atomic
def _refund(txn, *, actor, amount, reason, version=None) -> tuple[PaymentTransaction, str]:
    locked = _lock(txn)
    if not selectors.may_refund(actor, locked.dossier):
        raise PaymentForbidden(message_for(PaymentForbidden.code))
    kernel.check_version(locked, version)
    left = locked.amount - locked.refunded_amount
    amount = left if amount is None else amount
    if not states.may_refund(locked.status) or amount <= 0 or amount > left:
        raise NotRefundable(message_for(NotRefundable.code), details={"status": locked.status, "left": left})
    answer = registry.get(locked.plugin).refund(locked, amount, actor_name=str(actor))
    data = {"amount": amount, "reason": reason, "code": answer.code, "raw": answer.raw}
    if not answer.ok:
        _event(
            locked,
            EventKind.REFUND,
            effect=Effect.IGNORE,
            error_code=GatewayRefused.code,
            data=data,
            actor=actor,
        )
        return locked, answer.code or "refused"
    before = locked.status
    locked.refunded_amount += amount
    if locked.refunded_amount == locked.amount:
        locked.status = TxnStatus.REFUNDED
    _changed(
        locked,
        EventKind.REFUND,
        "payment.refunded",
        before=before,
        fields=["refunded_amount", "status"],
        effect=Effect.MARK,
        data=data,
        actor=actor,
    )
    return locked, ""
