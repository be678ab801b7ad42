"""Postal errors: stable codes (the API contract), Vietnamese messages (translated where raised)."""

from motcua.core.errors import Conflict, DomainError, FieldInputError, Forbidden, NotFound


class PostalInputError(FieldInputError):
    code = "postal.invalid_input"


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
