"""Domain errors: one small hierarchy with stable codes.

The code (e.g. "units.not_found") is the contract with API clients; the message is Vietnamese by
default and translated through Django i18n where the error is raised.
"""


class DomainError(Exception):
    code = "error"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class InvalidInput(DomainError):
    code = "invalid_input"
    http_status = 400


class FieldInputError(InvalidInput):
    """Bad input of a form; `field` names the form field the message belongs next to ("__all__": the
    whole form), also given to API clients as `details.field`."""

    def __init__(self, message: str, *, code: str | None = None, field: str = "__all__", details=None):
        super().__init__(message, code=code, details={"field": field, **(details or {})})
        self.field = field


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class Forbidden(DomainError):
    code = "forbidden"
    http_status = 403
