"""Thin serializers: query parameters in, units out."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.units.models import UnitKind, UnitLevel
from motcua.units.selectors import SEARCH_MAX_LENGTH, SEARCH_MAX_LIMIT, SEARCH_MIN_LENGTH


class AtQuerySerializer(serializers.Serializer):
    at = serializers.DateField(
        required=False, help_text=_("Ngày tra cứu (YYYY-MM-DD); mặc định: hôm nay (đơn vị đang có hiệu lực).")
    )


class CommunesQuerySerializer(AtQuerySerializer):
    kind = serializers.ChoiceField(
        choices=[UnitKind.XA, UnitKind.PHUONG, UnitKind.DAC_KHU, UnitKind.THI_TRAN], required=False
    )


class SuccessorsQuerySerializer(AtQuerySerializer):
    on = serializers.DateField(required=False, help_text=_("Ngày của các đơn vị kế thừa; mặc định: hôm nay."))


class SearchQuerySerializer(AtQuerySerializer):
    q = serializers.CharField(
        min_length=SEARCH_MIN_LENGTH,
        max_length=SEARCH_MAX_LENGTH,
        trim_whitespace=False,  # the length checked is the one declared: the text as sent
        help_text=_("Tên, có dấu hoặc không dấu."),
    )
    province = serializers.RegexField(r"^[0-9]{2}$", required=False, help_text=_("Mã tỉnh, thành phố."))
    level = serializers.ChoiceField(choices=UnitLevel.choices, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=SEARCH_MAX_LIMIT, default=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The selector's own sentence, in the request's language, so the problem's title says what to fix
        message = gettext("Từ khóa tìm kiếm phải có từ %(min)d đến %(max)d ký tự.") % {
            "min": SEARCH_MIN_LENGTH,
            "max": SEARCH_MAX_LENGTH,
        }
        declared = self.fields["q"]
        self.fields["q"] = serializers.CharField(
            min_length=declared.min_length,
            max_length=declared.max_length,
            trim_whitespace=False,
            help_text=declared.help_text,
            error_messages={key: message for key in ("min_length", "max_length", "blank", "required")},
        )


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.ChoiceField(choices=UnitLevel.choices)
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    full_name = serializers.CharField()
    name_en = serializers.CharField()
    province_code = serializers.CharField()
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    valid_from_exact = serializers.BooleanField()
    is_current = serializers.BooleanField()
    legal_basis = serializers.CharField()


class PredecessionSerializer(serializers.Serializer):
    unit = UnitSerializer(source="predecessor")
    effective_on = serializers.DateField()
    partial = serializers.BooleanField()
    primary = serializers.BooleanField()
    legal_basis = serializers.CharField()


class SuccessionSerializer(serializers.Serializer):
    unit = UnitSerializer(source="successor")
    effective_on = serializers.DateField()
    partial = serializers.BooleanField()
    primary = serializers.BooleanField()
    legal_basis = serializers.CharField()


class UnitDetailSerializer(UnitSerializer):
    predecessors = PredecessionSerializer(many=True)
    successors = SuccessionSerializer(many=True)


class InheritanceSerializer(serializers.Serializer):
    unit = UnitSerializer()
    partial = serializers.BooleanField()
    primary = serializers.BooleanField()


class SuccessorsSerializer(serializers.Serializer):
    unit = UnitSerializer()
    on = serializers.DateField()
    successors = InheritanceSerializer(many=True)


class CommunesSerializer(serializers.Serializer):
    province = UnitSerializer()
    count = serializers.IntegerField()
    communes = UnitSerializer(many=True)


class UnitsProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã lỗi ổn định, ví dụ units.not_found."))
    title = serializers.CharField()
    status = serializers.IntegerField()
    details = serializers.DictField(required=False)
