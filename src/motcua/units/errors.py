"""Errors of the units app (stable codes, Vietnamese messages)."""

from motcua.core.errors import InvalidInput, NotFound


class UnitNotFound(NotFound):
    code = "units.not_found"


class InvalidUnitQuery(InvalidInput):
    code = "units.invalid_query"
