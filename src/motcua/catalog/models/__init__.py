"""The procedure catalog: a stable `Procedure` identity and its dated `ProcedureVersion`s.

Writes go through `motcua.catalog.services`; reads through `motcua.catalog.selectors`.
"""

from .audit import CatalogAuditLog
from .choices import (
    AgencyKind,
    Channel,
    FeeKind,
    OnlineLevel,
    TimeUnit,
    VersionStatus,
)
from .content import (
    ChannelTerm,
    DocumentCase,
    LegalBasis,
    ProcedureNote,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
)
from .procedure import Field, Procedure, ProcedureVersion
from .province import ProvinceProcedure

__all__ = [
    "AgencyKind",
    "CatalogAuditLog",
    "Channel",
    "ChannelTerm",
    "DocumentCase",
    "FeeKind",
    "Field",
    "LegalBasis",
    "OnlineLevel",
    "Procedure",
    "ProcedureNote",
    "ProcedureResult",
    "ProcedureVersion",
    "ProcessStep",
    "ProvinceProcedure",
    "RequiredDocument",
    "TimeUnit",
    "VersionStatus",
]
