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


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class Forbidden(DomainError):
    code = "forbidden"
    http_status = 403
