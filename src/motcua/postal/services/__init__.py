"""Writes of the postal app: one function per use case, one transaction, the rows locked, an audit row
(ShipmentEvent) for every report and every change.

Results by post: `prepare_results` puts dossiers whose result is ready (delivery by post) on a hand-over
record; the officer and the postal agent each `sign` it; status reports (`report`) from the agent's page
or the operator's callbacks move each item; "delivered" records the return of the result through
`dossiers.services.return_result`, the same rule as at the counter.
Dossiers by post: `request_pickup` (the operator or an officer enters the order), the agent reports
"collected", hands the envelopes over on a record signed at the reception place, and the officer links
the dossier received with channel "postal" (`link_pickup_dossier`).
"""

from ..errors import PostalConflict, PostalForbidden, PostalInputError, PostalNotFound
from .common import ACTIVE_RESULT, RESULT_STATES, is_agent, is_officer
from .pickups import link_pickup_dossier, prepare_pickups, request_pickup
from .records import announce, sign
from .reports import report, retry_return
from .results import prepare_results

__all__ = [
    "ACTIVE_RESULT",
    "RESULT_STATES",
    "PostalConflict",
    "PostalForbidden",
    "PostalInputError",
    "PostalNotFound",
    "announce",
    "is_agent",
    "is_officer",
    "link_pickup_dossier",
    "prepare_pickups",
    "prepare_results",
    "report",
    "request_pickup",
    "retry_return",
    "sign",
]
