"""{% fees_due dossier as fees %}: what a dossier owes and the receipts of what was paid online."""

from django import template

from .. import selectors
from ..models import TransactionStatus
from ..words import amount_figures

register = template.Library()


@register.simple_tag(takes_context=True)
def fees_due(context, dossier) -> dict:
    user = getattr(context.get("request"), "user", None)
    due = list(selectors.due_payments(dossier))
    paid = list(selectors.transactions_of(dossier).filter(status=TransactionStatus.PAID))
    total = sum(p.amount for p in due)
    return {
        "due": [(p, amount_figures(p.amount)) for p in due],
        "total": total,
        "total_shown": amount_figures(total),
        "paid": paid,
        "can_pay": bool(due) and user is not None and selectors.may_pay(user, dossier),
    }


@register.filter
def dong(amount) -> str:
    return amount_figures(int(amount or 0))
