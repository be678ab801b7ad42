from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput


class InvalidQuery(InvalidInput):
    code = "search.invalid_query"


class InvalidSearchParameter(InvalidInput):
    code = "search.invalid_parameter"


def empty_query() -> InvalidQuery:
    return InvalidQuery(_("Vui lòng nhập nội dung cần tra cứu."))


def query_too_long(maximum: int) -> InvalidQuery:
    return InvalidQuery(
        _("Nội dung tra cứu quá dài (tối đa %(max)d ký tự).") % {"max": maximum},
        details={"max_length": maximum},
    )
