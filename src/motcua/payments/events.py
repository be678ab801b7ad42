"""The event topics of online payments (the write kernel's schema, core/kernel.py; docs/events.md)."""

from motcua.core.kernel import iso, topic

FIELDS = (
    "reference",
    "dossier_code",
    "status",
    "previous_status",
    "amount",
    "refunded_amount",
    "plugin",
    "source",
    "at",
)

for _name, _doc in (
    ("started", "A payer started paying a dossier's due fees online (the transaction is pending)."),
    (
        "paid",
        "The gateway confirmed the money (the fees are recorded on the dossier in the same transaction).",
    ),
    ("failed", "The gateway reported a failed payment."),
    ("cancelled", "The payer cancelled at the gateway."),
    ("expired", "A pending transaction expired unanswered."),
    ("refunded", "An officer refunded money, in part (status stays paid) or in full (status refunded)."),
):
    topic(f"payment.{_name}", aggregate="payment", fields=FIELDS, doc=_doc)


def payload(txn, *, kind: str, previous_status: str, at) -> dict:
    return {
        "reference": txn.reference,
        "dossier_code": txn.dossier.code,
        "status": str(txn.status),
        "previous_status": str(previous_status) or None,
        "amount": txn.amount,
        "refunded_amount": txn.refunded_amount,
        "plugin": txn.plugin,
        "source": str(kind),
        "at": iso(at),
    }
