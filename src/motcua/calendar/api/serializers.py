"""Thin serializers of the calendar API: query parameters in (documented here, parsed by the selectors
so that every error keeps its stable code), deadlines and special days out."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.calendar.clock import Channel

# The written forms of a limit the schema promises (the parser also reads any case, no diacritics and
# decimals of working units, "0,5 ngày làm việc"): a whole amount and a unit, or the same day.
DURATION_PATTERN = (
    r"^(same day|same working day|trong ngày|trong ngày làm việc|[1-9][0-9]{0,2} (working days?|"
    r"working hours?|ngày làm việc|giờ làm việc|calendar days?|ngày|hours?|giờ|months?|tháng))$"
)


@extend_schema_field({"type": "string", "format": "date-time"})
class MomentField(serializers.CharField):
    """Read by the selector (ISO 8601; without an offset: Vietnam time), declared as a date-time."""


@extend_schema_field({"type": "string", "pattern": DURATION_PATTERN})
class DurationField(serializers.CharField):
    """Read by calendar.durations.parse_duration."""


class DeadlineQuerySerializer(serializers.Serializer):
    received = MomentField(
        required=False,
        help_text=_(
            "Thời điểm tiếp nhận (ISO 8601, ví dụ 2026-02-13T10:30 hoặc 2026-02-13T10:30:00+07:00); "
            "không ghi múi giờ: giờ Việt Nam. Mặc định: bây giờ."
        ),
    )
    duration = DurationField(
        help_text=_("Thời hạn: «N ngày làm việc», «N giờ làm việc», «trong ngày» (hoặc tiếng Anh).")
    )
    channel = serializers.ChoiceField(
        choices=[c.value for c in Channel],
        required=False,
        default=Channel.COUNTER.value,
        help_text=_("Kênh tiếp nhận: counter (trực tiếp), online (trực tuyến), postal (bưu chính)."),
    )
    province = serializers.RegexField(
        r"^[0-9]{2}$",
        required=False,
        help_text=_("Mã tỉnh (2 chữ số): áp dụng ngày nghỉ, giờ làm việc của tỉnh."),
    )


class SpecialDaysQuerySerializer(serializers.Serializer):
    start = serializers.DateField(help_text=_("Từ ngày (YYYY-MM-DD)."))
    end = serializers.DateField(help_text=_("Đến ngày (YYYY-MM-DD), tối đa 3 năm sau ngày bắt đầu."))
    province = serializers.RegexField(r"^[0-9]{2}$", required=False, help_text=_("Mã tỉnh (2 chữ số)."))


class SpecialDaySerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    working = serializers.BooleanField(help_text=_("true: ngày làm việc (làm bù); false: ngày nghỉ."))
    reason = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    received_at = serializers.DateTimeField()
    channel = serializers.CharField()
    duration = serializers.CharField(help_text=_("Thời hạn chuẩn hóa, ví dụ «3 working days»."))
    duration_vi = serializers.CharField(help_text=_("Thời hạn theo cách ghi trên phiếu hẹn."))
    province = serializers.CharField(allow_null=True)
    province_verified = serializers.BooleanField(
        help_text=_("false khi chưa nạp danh mục đơn vị hành chính: chỉ kiểm tra định dạng mã tỉnh.")
    )
    counting_start = serializers.DateTimeField(help_text=_("Thời điểm bắt đầu tính thời hạn."))
    due = serializers.DateTimeField(help_text=_("Hạn giải quyết: thời điểm dùng hết thời gian làm việc."))
    working_hours = serializers.FloatField(help_text=_("Số giờ làm việc từ lúc bắt đầu tính đến hạn."))
    acceptance_deadline = serializers.DateTimeField(
        allow_null=True, help_text=_("Hồ sơ trực tuyến: hạn tiếp nhận hoặc từ chối (8 giờ làm việc).")
    )
    special_days = SpecialDaySerializer(many=True)


class CalendarProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã lỗi ổn định, ví dụ calendar.invalid_duration."))
    title = serializers.CharField()
    status = serializers.IntegerField()
    details = serializers.DictField(required=False)
