"""Dossiers: the dossier, its people, its processing records and the engine's own bookkeeping.

Writes go through `motcua.dossiers.services`; reads through `motcua.dossiers.selectors`.
"""

from .dossier import Applicant, Dossier, Submitter
from .processing import ApologyLetter, ChecklistItem, DossierStep, Pause, Payment, Result, SupplementRequest
from .records import (
    CodeCounter,
    CounterSlip,
    IdempotencyRecord,
    OutboxMessage,
    ProcessingSetting,
    ReferenceStamp,
    TrackingEntry,
)

__all__ = [
    "ApologyLetter",
    "Applicant",
    "ChecklistItem",
    "CodeCounter",
    "CounterSlip",
    "Dossier",
    "DossierStep",
    "IdempotencyRecord",
    "OutboxMessage",
    "Pause",
    "Payment",
    "ProcessingSetting",
    "ReferenceStamp",
    "Result",
    "Submitter",
    "SupplementRequest",
    "TrackingEntry",
]
