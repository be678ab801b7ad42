"""Home-service errors: stable codes, Vietnamese messages (translated where raised)."""

from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound


class HomeServiceInputError(InvalidInput):
    """Bad input; `field` says which form field the message belongs next to."""

    code = "homeservice.invalid_input"

    def __init__(self, message: str, *, code: str | None = None, field: str = "__all__"):
        super().__init__(message, code=code, details={"field": field})
        self.field = field


class RequestNotFound(NotFound):
    code = "homeservice.not_found"


class HomeServiceForbidden(Forbidden):
    code = "homeservice.forbidden"


class InvalidChange(Conflict):
    code = "homeservice.invalid_transition"


class StaleRequest(Conflict):
    code = "homeservice.conflict"
