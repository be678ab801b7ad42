"""The operator's status callbacks (operator/contract.md §2): signed, idempotent, order-tolerant."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.parsers import JSONParser

from .. import conf, services
from ..errors import BadSignature, NotConfigured, PostalInputError, PostalNotFound
from ..models import Shipment, Source
from ..operator.signing import verify

STATUSES = ["collected", "in_transit", "delivered", "failed", "returned"]
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}  # core.schema's
ERRORS = {
    (400, "application/problem+json"): OpenApiResponse(PROBLEM_REF, description="postal.invalid_input"),
    (401, "application/problem+json"): OpenApiResponse(
        PROBLEM_REF, description="postal.bad_signature (X-Postal-Timestamp, X-Postal-Signature)"
    ),
    (404, "application/problem+json"): OpenApiResponse(PROBLEM_REF, description="postal.not_found"),
    (503, "application/problem+json"): OpenApiResponse(
        PROBLEM_REF, description="postal.not_configured (MOTCUA_POSTAL_CALLBACK_SECRET unset)"
    ),
}


class CallbackSerializer(serializers.Serializer):
    event_id = serializers.CharField(max_length=80)
    item_code = serializers.CharField(max_length=20)
    status = serializers.CharField(
        max_length=12, help_text="collected | in_transit | delivered | failed | returned"
    )
    occurred_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    tracking_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")

    def validate_status(self, value):
        if value not in STATUSES:
            raise serializers.ValidationError(_("Trạng thái không hợp lệ."))
        return value


class CallbackView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="postal_callback",
        summary=gettext_lazy("Doanh nghiệp bưu chính báo trạng thái bưu gửi"),
        description=gettext_lazy(
            "Ký HMAC-SHA256 (X-Postal-Timestamp, X-Postal-Signature). Sự kiện trùng hoặc đến muộn được ghi "
            "nhận và không thay đổi trạng thái."
        ),
        request=CallbackSerializer,
        responses={
            200: inline_serializer(
                "PostalCallbackAnswer",
                {
                    "outcome": serializers.CharField(),
                    "status": serializers.CharField(),
                    "reason": serializers.CharField(),
                },
            ),
            **ERRORS,
        },
        tags=["postal"],
    )
    def post(self, request):
        _verified(request)
        data = CallbackSerializer(data=request.data)
        if not data.is_valid():
            raise PostalInputError(_("Dữ liệu không hợp lệ."), details={"errors": data.errors})
        values = data.validated_data
        shipment = Shipment.objects.filter(code=values["item_code"]).first()
        if shipment is None:
            raise PostalNotFound(_("Không có bưu gửi mã %(code)s.") % {"code": values["item_code"]})
        updated, event = services.report(
            shipment,
            status=values["status"],
            occurred_at=values["occurred_at"],
            source=Source.OPERATOR,
            external_id=values["event_id"],
            reason=values["reason"],
            tracking_number=values["tracking_number"],
        )
        return Response(
            {
                "outcome": event.outcome,
                "status": updated.status,
                "reason": event.details.get("reason_code", ""),
            }
        )


class PickupSerializer(serializers.Serializer):
    order_id = serializers.CharField(max_length=80)
    place_code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=20)
    address = serializers.CharField(max_length=300)
    commune_code = serializers.CharField(max_length=5)
    procedure_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    tracking_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


def _verified(request) -> None:
    secret = conf.callback_secret()
    if not secret:
        raise NotConfigured(_("Chưa cấu hình khóa ký của doanh nghiệp bưu chính."))
    given = request.headers.get("X-Postal-Signature", "")
    stamp = request.headers.get("X-Postal-Timestamp", "")
    if not verify(secret, stamp, request.body, given, now=time.time()):
        raise BadSignature(_("Chữ ký không hợp lệ hoặc đã hết hạn."))


class PickupView(APIView):
    """A collection order taken by the operator (a citizen booked a pick-up with the post office)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="postal_pickup",
        summary=gettext_lazy("Doanh nghiệp bưu chính gửi đơn thu gom hồ sơ"),
        request=PickupSerializer,
        responses={
            201: inline_serializer(
                "PostalPickupAnswer",
                {"item_code": serializers.CharField(), "status": serializers.CharField()},
            ),
            **ERRORS,
        },
        tags=["postal"],
    )
    def post(self, request):
        from motcua.catalog.models import Procedure
        from motcua.org.models import ReceptionPlace

        _verified(request)
        data = PickupSerializer(data=request.data)
        if not data.is_valid():
            raise PostalInputError(_("Dữ liệu không hợp lệ."), details={"errors": data.errors})
        values = data.validated_data
        place = ReceptionPlace.objects.filter(code=values["place_code"], is_active=True).first()
        if place is None:
            raise PostalNotFound(_("Không có nơi tiếp nhận mã %(code)s.") % {"code": values["place_code"]})
        procedure = (
            Procedure.objects.filter(code=values["procedure_code"]).first()
            if values["procedure_code"]
            else None
        )
        item = services.request_pickup(
            place=place,
            name=values["name"],
            phone=values["phone"],
            address=values["address"],
            commune=values["commune_code"],
            procedure=procedure,
            tracking_number=values["tracking_number"],
            order_ref=values["order_id"],
        )
        return Response({"item_code": item.code, "status": item.status}, status=201)
