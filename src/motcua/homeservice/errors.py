"""Home-service errors: stable codes, Vietnamese messages (translated where raised)."""

from motcua.core.errors import Conflict, FieldInputError, Forbidden, NotFound


class HomeServiceInputError(FieldInputError):
    code = "homeservice.invalid_input"


class RequestNotFound(NotFound):
    code = "homeservice.not_found"


class HomeServiceForbidden(Forbidden):
    code = "homeservice.forbidden"


class InvalidChange(Conflict):
    code = "homeservice.invalid_transition"


class StaleRequest(Conflict):
    code = "homeservice.conflict"
