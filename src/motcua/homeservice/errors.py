"""Home-service errors: stable codes, Vietnamese messages (translated where raised)."""

from motcua.core.errors import Conflict, FieldInputError, Forbidden, NotFound
from motcua.core.kernel import StaleWrite


class HomeServiceInputError(FieldInputError):
    code = "homeservice.invalid_input"


class RequestNotFound(NotFound):
    code = "homeservice.not_found"


class HomeServiceForbidden(Forbidden):
    code = "homeservice.forbidden"


class InvalidChange(Conflict):
    code = "homeservice.invalid_transition"


class StaleRequest(StaleWrite):
    """The write kernel's stale write (code "stale_write", as in every app)."""
