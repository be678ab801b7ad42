from django.utils.translation import gettext as _

from motcua.core.errors import Forbidden, InvalidInput, NotFound


def not_found() -> NotFound:
    return NotFound(_("Không tìm thấy nghi vấn này."), code="integrity.not_found")


def forbidden() -> Forbidden:
    return Forbidden(
        _("Chỉ cán bộ giám sát của tỉnh được xem xét nghi vấn cò hồ sơ."), code="integrity.forbidden"
    )


def reason_required() -> InvalidInput:
    return InvalidInput(_("Ghi rõ lý do (ít nhất 10 ký tự)."), code="integrity.reason_required")


def invalid_decision() -> InvalidInput:
    return InvalidInput(_("Quyết định không hợp lệ."), code="integrity.invalid_decision")
