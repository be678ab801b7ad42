"""Errors of the calendar app: stable codes, Vietnamese messages (translated through Django i18n)."""

from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput

from .durations import CalendarError


class CalendarInputError(InvalidInput):
    code = "calendar.invalid_input"


def _messages() -> dict[str, str]:
    # Built on demand so that each message is translated in the language of the request.
    return {
        "calendar.invalid_duration": _(
            "Thời hạn không hợp lệ. Dùng «N ngày làm việc», «N giờ làm việc» hoặc «trong ngày» "
            "(hoặc «N working days», «N working hours», «same day»)."
        ),
        "calendar.invalid_channel": _(
            "Kênh tiếp nhận không hợp lệ. Dùng counter (trực tiếp), online (trực tuyến) hoặc postal "
            "(bưu chính)."
        ),
        "calendar.invalid_datetime": _(
            "Thời điểm không hợp lệ. Dùng ISO 8601, ví dụ 2026-02-13T10:30 (giờ Việt Nam nếu không ghi "
            "múi giờ)."
        ),
        "calendar.out_of_range": _("Thời điểm nằm ngoài phạm vi của lịch làm việc."),
        "calendar.invalid_province": _("Mã tỉnh không hợp lệ: mã tỉnh gồm 2 chữ số, ví dụ 01."),
        "calendar.invalid_input": _("Dữ liệu lịch làm việc không hợp lệ."),
    }


def from_clock(error: CalendarError, **details) -> CalendarInputError:
    """The Django-side error for a pure-clock error, keeping its stable code and its precise reason."""
    message = _messages().get(error.code) or _messages()["calendar.invalid_input"]
    return CalendarInputError(message, code=error.code, details={"reason": str(error), **details})


def invalid_datetime(text: str) -> CalendarInputError:
    return CalendarInputError(
        _messages()["calendar.invalid_datetime"], code="calendar.invalid_datetime", details={"value": text}
    )


def invalid_province(code: str) -> CalendarInputError:
    return CalendarInputError(
        _messages()["calendar.invalid_province"], code="calendar.invalid_province", details={"value": code}
    )


class UnknownProvince(CalendarInputError):
    """A well-formed code of no province in force: nothing to answer about (404, as an unknown path is)."""

    code = "calendar.unknown_province"
    http_status = 404


def unknown_province(code: str) -> CalendarInputError:
    return UnknownProvince(
        _("Không có tỉnh, thành phố đang hiệu lực với mã %(code)s.") % {"code": code},
        code="calendar.unknown_province",
        details={"value": code},
    )
