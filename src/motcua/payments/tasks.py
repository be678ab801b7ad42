"""Celery tasks of payments (run eagerly, in-process, when no broker is configured).

Schedule `payments.reconcile` every few minutes (Celery beat or cron running `motcua payments
reconcile`): it settles payments whose return and webhook never came, and expires abandoned ones.
"""

from motcua.celery import app

from . import services


@app.task(name="payments.reconcile", ignore_result=True)
def reconcile(older_than_minutes: float = 5, expire_after_minutes: float | None = None) -> dict:
    return services.reconcile(
        older_than_minutes=older_than_minutes, expire_after_minutes=expire_after_minutes
    )


@app.task(name="payments.check_transaction", ignore_result=True)
def check_transaction(transaction_id: int) -> str:
    """A payment nobody confirmed by its expiry: ask the gateway once (scheduled at start)."""
    from .models import PaymentTransaction
    from .states import TxnStatus

    txn = PaymentTransaction.objects.filter(pk=transaction_id).first()
    if txn is None or txn.status != TxnStatus.PENDING:
        return "settled"
    try:
        return str(services.poll(txn).effect)
    except services.DomainError:
        return "unreachable"  # the periodic reconcile tries again
