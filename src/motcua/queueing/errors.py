"""Queue errors: stable codes (`queue.*`, the API contract) and Vietnamese messages, with the form field
each belongs to (`details["field"]`) so pages show the message next to it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound

REFUSALS = {
    "past_day": gettext_lazy("Ngày này đã qua. Hãy chọn hôm nay hoặc một ngày sắp tới."),
    "too_far": gettext_lazy("Chỉ đặt được lịch cho hôm nay và %(days)s ngày tới."),
    "closed_day": gettext_lazy("Ngày này là ngày nghỉ. Hãy chọn một ngày làm việc."),
    "invalid_slot": gettext_lazy("Khung giờ này không có trong giờ làm việc. Hãy chọn khung giờ khác."),
    "slot_past": gettext_lazy("Khung giờ này đã qua. Hãy chọn khung giờ muộn hơn."),
    "slot_full": gettext_lazy("Khung giờ này đã đủ người. Hãy chọn khung giờ khác."),
    "person_day_limit": gettext_lazy("Mỗi người chỉ được lấy tối đa %(n)s số trong một ngày."),
    "person_field_limit": gettext_lazy(
        "Mỗi người chỉ được lấy %(n)s số cho mỗi lĩnh vực trong một ngày. Bạn đã có số cho lĩnh vực này."
    ),
}


class QueueInputError(InvalidInput):
    """Bad or refused input; `field` is the form field the message belongs to."""

    def __init__(self, reason: str, message: str, field: str = ""):
        super().__init__(str(message), code=f"queue.{reason}", details={"field": field} if field else None)
        self.field = field


class BookingNotAllowed(QueueInputError):
    http_status = 409

    def __init__(self, reason: str, field: str, policy):
        values = {
            "days": policy.days_ahead,
            "n": policy.per_person_per_day if reason == "person_day_limit" else policy.per_field_per_day,
        }
        super().__init__(reason, str(REFUSALS[reason]) % values, field)


class TicketNotFound(NotFound):
    code = "queue.not_found"

    def __init__(self):
        super().__init__(_("Không tìm thấy số thứ tự."))


class PlaceNotFound(NotFound):
    code = "queue.place_not_found"

    def __init__(self):
        super().__init__(_("Không tìm thấy nơi lấy số này."))


class CounterForbidden(Forbidden):
    code = "queue.forbidden"

    def __init__(self):
        super().__init__(_("Bạn không làm việc tại quầy này."))


class InvalidTicketChange(Conflict):
    code = "queue.invalid_transition"

    def __init__(self, number: str, status_label: str):
        super().__init__(
            _("Số %(number)s đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
            % {"number": number, "status": status_label}
        )


class CounterBusy(Conflict):
    code = "queue.counter_busy"

    def __init__(self, number: str):
        super().__init__(
            _("Quầy đang phục vụ số %(number)s. Hãy bấm “Xong” hoặc “Vắng mặt” trước khi gọi số mới.")
            % {"number": number}
        )


class NoOneWaiting(Conflict):
    code = "queue.no_one_waiting"

    def __init__(self):
        super().__init__(_("Không còn ai đang chờ ở quầy này."))
