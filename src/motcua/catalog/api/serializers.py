"""Thin serializers: shapes of the catalog API. Validation of rules lives in the services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.catalog.models import (
    AgencyKind,
    Channel,
    ChannelTerm,
    FeeKind,
    Field,
    LegalBasis,
    OnlineLevel,
    ProcedureResult,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    TimeUnit,
)
from motcua.core.api import MAX_ID


class CatalogProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    details = serializers.JSONField(required=False)


class FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["id", "name"]


class ChannelTermSerializer(serializers.ModelSerializer):
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    time_unit_display = serializers.CharField(source="get_time_unit_display", read_only=True)
    fee_kind_display = serializers.CharField(source="get_fee_kind_display", read_only=True)

    class Meta:
        model = ChannelTerm
        fields = [
            "channel",
            "channel_display",
            "time_value",
            "time_unit",
            "time_unit_display",
            "time_text",
            "fee_kind",
            "fee_kind_display",
            "fee_amount",
            "fee_currency",
            "fee_text",
            "fee_tiers",
            "valid_from",
            "valid_until",
            "description",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = [
            "name",
            "originals",
            "copies",
            "required",
            "condition",
            "one_of",
            "presented",
            "template_name",
        ]


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    case = serializers.CharField(allow_null=True, help_text=_("Trống: lưu ý chung cho mọi trường hợp."))


class CaseSerializer(serializers.Serializer):
    title = serializers.CharField(allow_null=True, help_text=_("Trống: giấy tờ chung cho mọi trường hợp."))
    documents = DocumentSerializer(many=True)


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureResult
        fields = ["name", "result_code"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["number", "title", "issued_on", "issuer"]


class ProcessStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcessStep
        fields = ["name", "role", "agency_kind", "time_share"]


class VersionSummarySerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ProcedureVersion
        fields = [
            "number",
            "status",
            "status_display",
            "valid_from",
            "valid_to",
            "decision_no",
            "needs_review",
        ]


class VersionDetailSerializer(VersionSummarySerializer):
    code = serializers.CharField(source="procedure.code")
    field = FieldSerializer(allow_null=True)
    levels = serializers.ListField(child=serializers.CharField())
    channels = ChannelTermSerializer(source="channel_terms", many=True)
    cases = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()
    results = ResultSerializer(many=True)
    legal_bases = LegalBasisSerializer(many=True)
    process_steps = ProcessStepSerializer(many=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [
            "code",
            *VersionSummarySerializer.Meta.fields,
            "name",
            "field",
            "levels",
            "level_text",
            "procedure_type",
            "agency_kind",
            "agency_name",
            "competent_authority",
            "applicant_kinds",
            "online_level",
            "boundary_free",
            "conditions",
            "steps_text",
            "channels",
            "cases",
            "notes",
            "results",
            "legal_bases",
            "process_steps",
            "parse_notes",
            "review_reasons",
        ]

    @extend_schema_field(NoteSerializer(many=True))
    def get_notes(self, version):
        """The "Lưu ý" rows, each with the title of its case (null: common), from the prefetched rows."""
        titles = {case.id: case.title for case in version.cases.all()}
        notes = [{"text": n.text, "case": titles.get(n.case_id)} for n in version.notes.all()]
        return NoteSerializer(notes, many=True).data

    @extend_schema_field(CaseSerializer(many=True))
    def get_cases(self, version):
        """Documents grouped by case, general documents (no case) first."""
        groups = [{"title": None, "documents": []}]
        by_case = {}
        for case in version.cases.all():
            by_case[case.id] = {"title": case.title, "documents": []}
            groups.append(by_case[case.id])
        for document in version.documents.all():
            (by_case.get(document.case_id) or groups[0])["documents"].append(document)
        groups = [g for g in groups if g["documents"] or g["title"] is not None]
        return CaseSerializer(groups, many=True).data


class ProcedureListItemSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="procedure.code")
    field = serializers.CharField(source="field.name", allow_null=True, default=None)
    levels = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField(source="number")

    class Meta:
        model = ProcedureVersion
        fields = ["code", "name", "field", "levels", "agency_kind", "version", "valid_from", "needs_review"]


class ProcedureDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    current_version = VersionDetailSerializer(allow_null=True)
    versions = VersionSummarySerializer(many=True)


class ProcedureListQuerySerializer(serializers.Serializer):
    field = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text=_("Mã số lĩnh vực (id).")
    )
    level = serializers.ChoiceField(choices=["ministry", "province", "commune", "other"], required=False)
    province = serializers.RegexField(
        r"^\d{2}$", required=False, help_text=_("Thủ tục tỉnh này đang áp dụng.")
    )
    q = serializers.CharField(
        required=False, max_length=200, help_text=_("Tên chứa chuỗi này, hoặc mã bắt đầu bằng.")
    )
    needs_review = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- writes ---------------------------------------------------------------------------------------


class ChannelTermInputSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    time_value = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True)
    time_unit = serializers.ChoiceField(choices=TimeUnit.choices)
    time_text = serializers.CharField(required=False, allow_blank=True, max_length=500)
    fee_kind = serializers.ChoiceField(choices=FeeKind.choices)
    fee_amount = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    fee_currency = serializers.ChoiceField(choices=["VND", "USD"], required=False)
    fee_text = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class DocumentInputSerializer(serializers.Serializer):
    name = serializers.CharField()
    originals = serializers.IntegerField(min_value=0, default=1)
    copies = serializers.IntegerField(min_value=0, default=0)
    required = serializers.BooleanField(default=True)
    template_name = serializers.CharField(required=False, allow_blank=True, max_length=500)
    case = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=10_000,
        help_text=_("Chỉ số trường hợp trong 'cases' (từ 0)."),
    )


class ProcessStepInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    role = serializers.CharField(required=False, allow_blank=True, max_length=100)
    agency_kind = serializers.ChoiceField(choices=AgencyKind.choices, default=AgencyKind.UNKNOWN)
    time_share = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class DraftInputSerializer(serializers.Serializer):
    from_version = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Sao chép nội dung từ phiên bản này.")
    )
    name = serializers.CharField(required=False)
    field = serializers.CharField(required=False, allow_blank=True, help_text=_("Tên lĩnh vực."))
    at_ministry = serializers.BooleanField(required=False)
    at_province = serializers.BooleanField(required=False)
    at_commune = serializers.BooleanField(required=False)
    at_other = serializers.BooleanField(required=False)
    procedure_type = serializers.CharField(required=False, allow_blank=True)
    agency_kind = serializers.ChoiceField(choices=AgencyKind.choices, required=False)
    agency_name = serializers.CharField(required=False, allow_blank=True)
    online_level = serializers.ChoiceField(choices=OnlineLevel.choices, required=False)
    boundary_free = serializers.BooleanField(required=False)
    conditions = serializers.CharField(required=False, allow_blank=True)
    steps_text = serializers.CharField(required=False, allow_blank=True)
    decision_no = serializers.CharField(required=False, allow_blank=True, max_length=255)
    needs_review = serializers.BooleanField(required=False)
    channel_terms = ChannelTermInputSerializer(many=True, required=False)
    cases = serializers.ListField(child=serializers.CharField(), required=False)
    documents = DocumentInputSerializer(many=True, required=False)
    process_steps = ProcessStepInputSerializer(many=True, required=False)


class PublishInputSerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, allow_null=True)
    decision_no = serializers.CharField(required=False, max_length=255)
    decision_date = serializers.DateField(required=False)


class RetireInputSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text=_("Ngày hết hiệu lực; mặc định hôm nay."))


class ProcedureCreateSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^\d+\.\d{6}$", help_text=_("Mã quốc gia, ví dụ 1.001193."))
