from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ProcedureHitSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã thủ tục quốc gia, ví dụ 1.001193."))
    name = serializers.CharField(help_text=_("Tên thủ tục."))
    field = serializers.CharField(source="field_name", help_text=_("Lĩnh vực."))
    levels = serializers.ListField(
        child=serializers.CharField(), help_text=_("Cấp thực hiện: ministry, province, commune, other.")
    )
    score = serializers.FloatField(help_text=_("Điểm xếp hạng (càng lớn càng phù hợp)."))
    version_id = serializers.IntegerField(help_text=_("Phiên bản thủ tục đang có hiệu lực."))


class ProcedureSearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    mode = serializers.CharField()
    count = serializers.IntegerField()
    results = ProcedureHitSerializer(many=True)


class SearchProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã lỗi ổn định, ví dụ search.invalid_query."))
    title = serializers.CharField(help_text=_("Thông báo lỗi bằng tiếng Việt."))
    status = serializers.IntegerField()
    details = serializers.DictField(required=False)
