"""Postal errors: stable codes (the API contract), Vietnamese messages (translated where raised)."""

from motcua.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound


class PostalInputError(InvalidInput):
    code = "postal.invalid_input"

    def __init__(self, message: str, *, code: str | None = None, field: str = "__all__", details=None):
        super().__init__(message, code=code, details={"field": field, **(details or {})})
        self.field = field


class PostalNotFound(NotFound):
    code = "postal.not_found"


class PostalForbidden(Forbidden):
    code = "postal.forbidden"


class PostalConflict(Conflict):
    code = "postal.conflict"


class BadSignature(DomainError):
    code = "postal.bad_signature"
    http_status = 401


class NotConfigured(DomainError):
    code = "postal.not_configured"
    http_status = 503
