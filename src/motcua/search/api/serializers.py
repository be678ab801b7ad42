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
    online = serializers.BooleanField(
        help_text=_("Có thể nộp hồ sơ trực tuyến (với tham số province: tại tỉnh đó).")
    )
    time_limit = serializers.CharField(
        help_text=_("Thời hạn giải quyết, ví dụ “3 ngày làm việc”; rỗng khi danh mục chưa có.")
    )
    time_note = serializers.CharField(
        help_text=_("Ghi chú khi thời hạn chép nguyên văn (chưa rõ đơn vị) hoặc chưa có thông tin.")
    )
    fee = serializers.CharField(help_text=_("Phí, lệ phí, ví dụ “Miễn phí”, “50.000 đồng”."))
    fee_note = serializers.CharField(help_text=_("Ghi chú khi phí chép nguyên văn hoặc chưa có thông tin."))
    fee_amount = serializers.IntegerField(
        allow_null=True, help_text=_("Mức thu (0: miễn phí; null: không phải một mức cố định).")
    )
    fee_currency = serializers.CharField(help_text=_("Đơn vị tiền của mức thu, thường là VND."))
    time_as_published = serializers.BooleanField(
        help_text=_("Thời hạn là nguyên văn của văn bản công bố, chưa rõ đơn vị.")
    )


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
