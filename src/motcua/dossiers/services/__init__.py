"""Writes of the dossier engine: one function per use case, each one transaction on a locked dossier
with a version check, a tracking-sheet line and an outbox event (see base.py). The officer workspace,
the citizen portal and the REST API all call these."""

from .online import accept_online, refuse_online, result_deliveries, submit_online
from .processing import (
    approve,
    assign,
    finish_step,
    issue_result,
    record_payment,
    refuse,
    return_result,
    stop,
    withdraw,
)
from .reception import issue_completion_guidance, receive_at_counter, refuse_at_counter
from .routing import transfer
from .supplements import extend, receive_supplement, request_supplement

__all__ = [
    "accept_online",
    "approve",
    "assign",
    "extend",
    "finish_step",
    "issue_completion_guidance",
    "issue_result",
    "receive_at_counter",
    "receive_supplement",
    "record_payment",
    "refuse",
    "refuse_at_counter",
    "refuse_online",
    "request_supplement",
    "result_deliveries",
    "return_result",
    "stop",
    "submit_online",
    "transfer",
    "withdraw",
]
