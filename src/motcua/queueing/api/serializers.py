from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import PriorityCategory


class ServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    prefix = serializers.CharField()
    name = serializers.CharField()


class TicketSerializer(serializers.Serializer):
    number = serializers.CharField(help_text=_("Số hiển thị, ví dụ A-012."))
    token = serializers.CharField(help_text=_("Mã tra cứu phiếu (đường dẫn /lay-so/ve/<token>/)."))
    day = serializers.DateField()
    slot = serializers.TimeField(allow_null=True)
    channel = serializers.CharField()
    priority = serializers.CharField()
    status = serializers.CharField()
    service = serializers.CharField(source="service.name")
    counter = serializers.IntegerField(source="counter.number", allow_null=True, default=None)


class WalkInSerializer(serializers.Serializer):
    service = serializers.IntegerField()
    priority = serializers.ChoiceField(choices=PriorityCategory.choices, required=False, default="")


class BookingSerializer(WalkInSerializer):
    day = serializers.DateField()
    slot = serializers.TimeField()
    full_name = serializers.CharField(max_length=150)
    id_number = serializers.CharField(max_length=20)
    phone = serializers.CharField(max_length=20)


class CheckInSerializer(serializers.Serializer):
    id_number = serializers.CharField(max_length=20)


class BoardTicketSerializer(serializers.Serializer):
    number = serializers.CharField()
    service = serializers.CharField()
    priority = serializers.BooleanField()
    status = serializers.CharField()


class BoardCounterSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    ticket = BoardTicketSerializer(allow_null=True)
    announced_at = serializers.DateTimeField(allow_null=True)


class BoardPlaceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class BoardSerializer(serializers.Serializer):
    place = BoardPlaceSerializer()
    day = serializers.DateField()
    counters = BoardCounterSerializer(many=True)
    next = BoardTicketSerializer(many=True)
    waiting = serializers.IntegerField()
    latest_call = serializers.DateTimeField(allow_null=True)


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    details = serializers.DictField(required=False)
