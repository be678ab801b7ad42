"""Queue API under /api/v1/queue/: the kiosk (services, walk-in numbers, check-in), online booking, the
TV board, and call-next for a counter's officer. Errors are problem JSON with stable `queue.*` codes."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.errors import InvalidInput
from motcua.core.throttling import ClientAddressThrottle
from motcua.org.models import Counter

from .. import selectors, services
from ..errors import CounterForbidden
from . import serializers as s

TAGS = ["queue"]


def problem(codes: str) -> OpenApiResponse:
    return OpenApiResponse(s.ProblemSerializer, description=codes)


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise InvalidInput(_("Dữ liệu không hợp lệ."), code="queue.invalid_input", details=serializer.errors)
    return serializer.validated_data


class BookingThrottle(ClientAddressThrottle):
    """Scope "queue-booking": REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["queue-booking"] when set, else 20
    requests a minute per client address (the kiosk's walk-in endpoint is not throttled: one device)."""

    def get_rate(self):
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES") or {}
        return rates.get(self.scope, "20/min")


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes: list = []


class ServicesView(PublicView):
    @extend_schema(
        tags=TAGS,
        summary=gettext_lazy("Các lĩnh vực lấy số của một nơi"),
        responses={200: s.ServiceSerializer(many=True), 404: problem("queue.place_not_found")},
    )
    def get(self, request, code):
        place = selectors.place_by_code(code)
        return Response(s.ServiceSerializer(selectors.services_at(place), many=True).data)


class BoardView(PublicView):
    @extend_schema(
        tags=TAGS,
        summary=gettext_lazy("Màn hình gọi số của một nơi"),
        responses={200: s.BoardSerializer, 404: problem("queue.place_not_found")},
    )
    def get(self, request, code):
        place = selectors.place_by_code(code)
        response = Response(s.BoardSerializer(selectors.board(place)).data)
        response["Cache-Control"] = "no-store"
        return response


class WalkInView(PublicView):
    @extend_schema(
        tags=TAGS,
        summary=gettext_lazy("Lấy số tại chỗ (kiosk)"),
        request=s.WalkInSerializer,
        responses={
            201: s.TicketSerializer,
            400: problem(
                "queue.invalid_input, queue.invalid_service, queue.invalid_priority, queue.closed_day"
            ),
            404: problem("queue.place_not_found"),
        },
    )
    def post(self, request, code):
        place = selectors.place_by_code(code)
        ticket = services.issue_walk_in(place=place, **valid(s.WalkInSerializer, request.data))
        return Response(s.TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


class BookingView(PublicView):
    throttle_classes = [BookingThrottle]
    throttle_scope = "queue-booking"

    @extend_schema(
        tags=TAGS,
        summary=gettext_lazy("Đặt lịch lấy số trực tuyến"),
        request=s.BookingSerializer,
        responses={
            201: s.TicketSerializer,
            400: problem(
                "queue.invalid_input, queue.invalid_service, queue.invalid_name, queue.invalid_id_number, queue.invalid_phone"
            ),
            429: problem("throttled"),
            409: problem(
                "queue.past_day, queue.too_far, queue.closed_day, queue.invalid_slot, queue.slot_past, queue.slot_full, queue.person_day_limit, queue.person_field_limit"
            ),
        },
    )
    def post(self, request, code):
        place = selectors.place_by_code(code)
        ticket = services.book_online(place=place, **valid(s.BookingSerializer, request.data))
        return Response(s.TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


class CheckInView(PublicView):
    throttle_classes = [BookingThrottle]
    throttle_scope = "queue-booking"

    @extend_schema(
        tags=TAGS,
        summary=gettext_lazy("Xác nhận có mặt với số đã đặt"),
        request=s.CheckInSerializer,
        responses={
            200: s.TicketSerializer(many=True),
            400: problem("queue.invalid_id_number, queue.no_booking, queue.booking_expired"),
        },
    )
    def post(self, request, code):
        place = selectors.place_by_code(code)
        tickets = services.check_in(place=place, **valid(s.CheckInSerializer, request.data))
        return Response(s.TicketSerializer(tickets, many=True).data)


class CallNextView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary=gettext_lazy("Gọi số tiếp theo tới quầy"),
        request=None,
        responses={
            200: s.TicketSerializer,
            403: problem("queue.forbidden"),
            409: problem("queue.counter_busy, queue.no_one_waiting"),
        },
    )
    def post(self, request, counter_id):
        counter = Counter.objects.select_related("place").filter(pk=counter_id).first()
        if counter is None:
            raise CounterForbidden()
        ticket = services.call_next(counter=counter, officer=request.user)
        return Response(s.TicketSerializer(ticket).data)
