"""DRF's limit/offset pagination, strict: a limit or offset that is not a number in range is a 400.

DRF's own class reads `?limit=abc` or `?offset=-3` as "no value" and answers 200, and passes an offset
beyond bigint to the database (a 500 on PostgreSQL). The schema declares the bounds this class checks."""

from django.utils.translation import gettext as _
from rest_framework import pagination

from .api import MAX_ID
from .errors import InvalidInput

MAX_LIMIT = 1000


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return self._number(request, self.limit_query_param, 1, MAX_LIMIT, self.default_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, 0, MAX_ID, 0)

    def _number(self, request, name, low, high, default):
        raw = request.query_params.get(name, "")
        if raw == "":
            return default
        value = int(raw) if raw.isascii() and raw.isdigit() else None  # not " 5", "+5", "5_0" nor "٥"
        if value is None or not low <= value <= high:
            raise InvalidInput(
                _("Tham số %(name)s phải là số nguyên từ %(low)d đến %(high)d.")
                % {"name": name, "low": low, "high": high},
                details={name: raw[:40]},
            )
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, MAX_LIMIT), self.offset_query_param: (0, MAX_ID)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
        return parameters
