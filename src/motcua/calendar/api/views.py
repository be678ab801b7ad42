"""Read-only API of the legal clock: public, since every receipt shows its appointment date."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.calendar import selectors
from motcua.calendar.errors import CalendarInputError

from . import serializers as s

PROBLEM = "application/problem+json"
INVALID = OpenApiResponse(
    s.CalendarProblemSerializer,
    description="calendar.invalid_duration, calendar.invalid_channel, calendar.invalid_datetime, "
    "calendar.invalid_province, calendar.unknown_province, calendar.out_of_range, calendar.invalid_input",
)
UNKNOWN = OpenApiResponse(s.CalendarProblemSerializer, description="calendar.unknown_province")
MAX_SPAN = timedelta(days=3 * 366)


class DeadlineView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_deadline",
        summary=gettext_lazy("Tính thời điểm bắt đầu tính và hạn giải quyết của một hồ sơ"),
        parameters=[s.DeadlineQuerySerializer],
        responses={200: s.DeadlineSerializer, (400, PROBLEM): INVALID, (404, PROBLEM): UNKNOWN},
        examples=[
            OpenApiExample(
                "Tết 2026",
                value={
                    "received_at": "2026-02-13T10:30:00+07:00",
                    "channel": "counter",
                    "duration": "3 working days",
                    "duration_vi": "3 ngày làm việc",
                    "province": None,
                    "province_verified": False,
                    "counting_start": "2026-02-13T10:30:00+07:00",
                    "due": "2026-02-25T10:30:00+07:00",
                    "working_hours": 24.0,
                    "acceptance_deadline": None,
                    "special_days": [
                        {"date": "2026-02-16", "working": False, "reason": "Giao thừa Tết Nguyên Đán"}
                    ],
                },
                response_only=True,
            )
        ],
        tags=["calendar"],
    )
    def get(self, request):
        params = request.query_params
        result = selectors.deadline(
            received_at=params.get("received") or None,
            duration=params.get("duration", ""),
            channel=params.get("channel") or "counter",
            province_code=params.get("province") or None,
        )
        return Response(
            s.DeadlineSerializer(
                {
                    "received_at": result.received_at,
                    "channel": result.channel.value,
                    "duration": str(result.duration),
                    "duration_vi": result.duration.vietnamese(),
                    "province": result.province.code or None,
                    "province_verified": result.province.verified,
                    "counting_start": result.counting_start,
                    "due": result.due,
                    "working_hours": result.working_time / timedelta(hours=1),
                    "acceptance_deadline": result.acceptance_deadline,
                    "special_days": result.special_days,
                }
            ).data
        )


class SpecialDaysView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_special_days",
        summary=gettext_lazy("Ngày nghỉ lễ, nghỉ bù và ngày làm bù trong một khoảng thời gian"),
        parameters=[s.SpecialDaysQuerySerializer],
        responses={
            200: s.SpecialDaySerializer(many=True),
            (400, PROBLEM): INVALID,
            (404, PROBLEM): UNKNOWN,
        },
        tags=["calendar"],
    )
    def get(self, request):
        params = s.SpecialDaysQuerySerializer(data=request.query_params)
        if not params.is_valid():
            raise CalendarInputError(_("Tham số tra cứu không hợp lệ."), details=params.errors)
        start, end = params.validated_data["start"], params.validated_data["end"]
        if end < start or end - start > MAX_SPAN:
            raise CalendarInputError(
                _("Khoảng ngày không hợp lệ: ngày kết thúc phải sau ngày bắt đầu, tối đa 3 năm."),
                details={"start": start.isoformat(), "end": end.isoformat()},
            )
        days = selectors.special_days(start, end, params.validated_data.get("province"))
        return Response(s.SpecialDaySerializer(days, many=True).data)
