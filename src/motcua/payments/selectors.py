"""Reads of payments: what a dossier owes, who may pay it, transactions to look at."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet, Sum
from django.utils import timezone

from motcua.dossiers import access
from motcua.dossiers.choices import PaymentStatus
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier, Payment

from .errors import TransactionNotFound, message_for
from .models import PaymentTransaction, TransactionStatus


def due_payments(dossier: Dossier) -> QuerySet[Payment]:
    return dossier.payments.filter(status=PaymentStatus.DUE).order_by("created_at", "id")


def amount_due(dossier: Dossier) -> int:
    return due_payments(dossier).aggregate(total=Sum("amount"))["total"] or 0


def may_pay(user, dossier: Dossier) -> bool:
    """The dossier's owner, or an officer who may record its fees."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return dossier.owner_id == user.pk or access.can_fire(user, dossier, Action.RECORD_PAYMENT)


def may_refund(user, dossier: Dossier) -> bool:
    return access.can_fire(user, dossier, Action.RECORD_PAYMENT)


def get_transaction(reference: str, *, user=None) -> PaymentTransaction:
    """One transaction by our reference; with `user`, only if they may pay its dossier."""
    txn = PaymentTransaction.objects.select_related("dossier").filter(reference=reference).first()
    if txn is None or (user is not None and not may_pay(user, txn.dossier)):
        raise TransactionNotFound(message_for(TransactionNotFound.code), details={"reference": reference})
    return txn


def transactions_of(dossier: Dossier) -> QuerySet[PaymentTransaction]:
    return dossier.payment_transactions.order_by("-created_at", "-id")


def pending_older_than(minutes: float) -> QuerySet[PaymentTransaction]:
    limit = timezone.now() - timedelta(minutes=minutes)
    return PaymentTransaction.objects.filter(
        status=TransactionStatus.PENDING, created_at__lte=limit
    ).order_by("id")
