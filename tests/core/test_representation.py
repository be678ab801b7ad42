"""core.representation: the compiled output of a serializer is DRF's own output, value for value."""

import datetime
import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from motcua.core.fast.representation import compiled

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class Named(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class Everything(serializers.Serializer):
    text = serializers.CharField()
    number = serializers.IntegerField()
    flag = serializers.BooleanField()
    moment = serializers.DateTimeField(allow_null=True)
    day_format = serializers.DateTimeField(format="%d/%m/%Y %H:%M", required=False)
    date = serializers.DateField(required=False)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    place = Named(allow_null=True)
    actions = Named(many=True)
    items = serializers.ListField(child=serializers.CharField())
    renamed = serializers.CharField(source="other", required=False)
    defaulted = serializers.CharField(default="mặc định")
    optional = serializers.CharField(required=False)
    computed = serializers.SerializerMethodField()
    secret = serializers.CharField(write_only=True, required=False)

    def get_computed(self, data) -> str:
        return f"{data['text']}!"


def sample(**changes) -> dict:
    data = {
        "text": "Đăng ký khai sinh",
        "number": 7,
        "flag": True,
        "moment": datetime.datetime(2026, 3, 2, 2, 30, 0, 123456, tzinfo=datetime.UTC),
        "day_format": datetime.datetime(2026, 3, 2, 9, 30, tzinfo=HANOI),
        "date": datetime.date(2026, 3, 2),
        "amount": "8000.5",
        "place": {"code": "P1", "name": "Điểm Ba Đình"},
        "actions": [{"code": "a", "name": "Tiếp nhận"}, {"code": "b", "name": "Từ chối"}],
        "items": ["Tờ khai", None, 3],
        "other": "nguồn khác",
        "secret": "không bao giờ ra",
    }
    data.update(changes)
    return data


VARIANTS = [
    {},
    {"moment": None, "place": None, "actions": []},
    {"moment": datetime.datetime(2026, 3, 2, 9, 30)},  # naive: DRF makes it aware
    {"moment": datetime.datetime(2026, 1, 31, 23, 59, tzinfo=HANOI), "flag": "false", "number": "12"},
    {"flag": 0, "text": 12345, "optional": "có"},
    {"moment": "2026-03-02T09:30:00"},  # a string is written out as given
    {"items": ("a", "b"), "actions": ({"code": "t", "name": "tuple"},)},  # not lists: DRF's path
]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Ho_Chi_Minh"])
@pytest.mark.parametrize("changes", VARIANTS)
def test_the_compiled_output_is_drfs(zone, changes):
    serializer = Everything()
    with timezone.override(zone):
        fast, slow = compiled(serializer)(sample(**changes)), serializer.to_representation(sample(**changes))
    assert fast == slow
    assert json.dumps(fast, default=str) == json.dumps(slow, default=str)  # same keys, same order


def test_utc_is_written_with_z_as_drf_does():
    with timezone.override("UTC"):
        out = compiled(Everything())(sample())
    assert out["moment"] == "2026-03-02T02:30:00.123456Z"
    with timezone.override("Asia/Ho_Chi_Minh"):
        assert compiled(Everything())(sample())["moment"] == "2026-03-02T09:30:00.123456+07:00"


def test_what_drf_refuses_is_refused_alike():
    serializer = Everything()
    missing = sample()
    del missing["number"]  # required and absent
    with pytest.raises(KeyError) as slow:
        serializer.to_representation(missing)
    with pytest.raises(KeyError) as fast:
        compiled(serializer)(missing)
    assert str(fast.value) == str(slow.value)


def test_an_object_that_is_not_a_dict_goes_through_drf():
    serializer = Named()
    thing = SimpleNamespace(code="X", name="Một cửa")
    assert (
        compiled(serializer)(thing) == serializer.to_representation(thing) == {"code": "X", "name": "Một cửa"}
    )


def test_settings_read_at_each_call(settings):
    serializer = Everything()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DATETIME_FORMAT": "%Y"}
    with timezone.override("UTC"):
        assert compiled(serializer)(sample())["moment"] == serializer.to_representation(sample())["moment"]
        assert compiled(serializer)(sample())["moment"] == "2026"
