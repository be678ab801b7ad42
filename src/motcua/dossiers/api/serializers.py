"""Shapes of the dossier API: what clients send (validated here, the rules stay in the services) and
what they get back. Personal data is checked by the services (parties.clean_applicant)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.core.api import MAX_ID

from .. import lifecycle
from ..actions import (  # noqa: F401 - the action inputs are the domain's (ADR 0033), named here for the schema
    ActionInputSerializer,
    AssignInputSerializer,
    ExtendInputSerializer,
    FinishStepInputSerializer,
    IssueResultInputSerializer,
    PaymentInputSerializer,
    ReasonInputSerializer,
    RefuseInputSerializer,
    ReturnResultInputSerializer,
    SupplementInputSerializer,
    TransferInputSerializer,
    choice,
)
from ..choices import ITEM_MAX_LENGTH, NOTE_MAX_LENGTH, Delivery, DossierChannel


class DossierProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã lỗi ổn định, ví dụ stale_write."))
    title = serializers.CharField(help_text=_("Thông báo lỗi bằng tiếng Việt."))
    status = serializers.IntegerField()
    details = serializers.DictField(required=False)


# ---- input --------------------------------------------------------------------------------------------


class PersonInputSerializer(serializers.Serializer):
    kind = choice(["person", "organisation"], required=False)
    full_name = serializers.CharField(max_length=200)
    id_number = serializers.CharField(max_length=12, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    sex = choice(["male", "female"], required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    commune = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text=_("Mã đơn vị hành chính cấp xã.")
    )


class ApplicantInputSerializer(PersonInputSerializer):
    tax_code = serializers.CharField(max_length=14, required=False, allow_blank=True)
    representative_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    representative_title = serializers.CharField(max_length=100, required=False, allow_blank=True)
    representative_id_number = serializers.CharField(max_length=12, required=False, allow_blank=True)


class SubmitterInputSerializer(PersonInputSerializer):
    relation = serializers.CharField(max_length=100, required=False, allow_blank=True)
    authorisation = serializers.CharField(max_length=200, required=False, allow_blank=True)


class _CreateBase(serializers.Serializer):
    procedure = serializers.CharField(help_text=_("Mã thủ tục, ví dụ 1.001193."))
    case = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, help_text=_("Mã trường hợp hồ sơ.")
    )
    provided = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        help_text=_("Mã các thành phần hồ sơ người yêu cầu đã nộp."),
    )
    applicant = ApplicantInputSerializer(required=False)
    submitter = SubmitterInputSerializer(required=False, allow_null=True)
    commune = serializers.CharField(max_length=10, required=False, allow_blank=True)
    agency = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Mã định danh cơ quan giải quyết (nếu chọn).")
    )


class CounterInputSerializer(_CreateBase):
    OUTCOMES = ("receive", "guidance", "refuse")
    outcome = choice(
        choices=OUTCOMES,
        default="receive",
        help_text=_(
            "receive: tiếp nhận (mẫu 01); guidance: hướng dẫn bổ sung, hoàn thiện (mẫu 02); "
            "refuse: từ chối tiếp nhận (mẫu 03)."
        ),
    )
    place = serializers.CharField(required=False, allow_blank=True, help_text=_("Mã nơi tiếp nhận."))
    counter = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, help_text=_("Mã quầy.")
    )
    channel = choice(
        choices=[c for c in DossierChannel.values if c != "online"], default=DossierChannel.COUNTER
    )
    result_delivery = choice(Delivery.choices, default=Delivery.COUNTER)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)
    extra_items = serializers.ListField(
        child=serializers.CharField(max_length=ITEM_MAX_LENGTH), required=False, default=list
    )
    reasons = serializers.ListField(
        child=serializers.CharField(max_length=ITEM_MAX_LENGTH), required=False, default=list
    )

    applicant = ApplicantInputSerializer()


class OnlineInputSerializer(_CreateBase):
    province = serializers.CharField(help_text=_("Mã tỉnh, thành phố nơi nộp hồ sơ."))
    applicant = ApplicantInputSerializer()
    result_delivery = choice(Delivery.choices, default=Delivery.ONLINE)


class ListQuerySerializer(serializers.Serializer):
    status = choice([s.value for s in lifecycle.State], required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
    due_before = serializers.DateTimeField(required=False)


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    name = serializers.CharField(max_length=500)
    required_document = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )
    digitised = serializers.BooleanField(default=False)


class TrackingQuerySerializer(serializers.Serializer):
    k = serializers.CharField(
        required=False,
        help_text=_(
            "Mã tra cứu in trên phiếu tiếp nhận; hồ sơ chuyển từ hệ thống một cửa cũ: 6 chữ số cuối số "
            "CCCD/CMND của người yêu cầu (ADR 0043)."
        ),
    )


# ---- output -------------------------------------------------------------------------------------------


class NamedSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AvailableActionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text=_("Đoạn đường dẫn của thao tác, ví dụ request-supplement."))
    label = serializers.CharField()
    needs_note = serializers.BooleanField()


class DossierListItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    version = serializers.IntegerField()
    channel = serializers.CharField()
    procedure = NamedSerializer()
    agency = NamedSerializer()
    applicant_name = serializers.CharField()
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    appointment_at = serializers.DateTimeField(allow_null=True)


class ApplicantOutputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    full_name = serializers.CharField()
    id_number = serializers.CharField()
    tax_code = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()


class DossierDetailSerializer(DossierListItemSerializer):
    portal_status = serializers.IntegerField()
    received_place = NamedSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    acceptance_due_at = serializers.DateTimeField(allow_null=True)
    paused_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    time_limit_text = serializers.CharField()
    current_step = serializers.CharField(allow_null=True)
    assignee = serializers.CharField(allow_null=True)
    supplement_count = serializers.IntegerField()
    decision = serializers.CharField()
    applicant = ApplicantOutputSerializer(allow_null=True)
    tracking_url = serializers.CharField(allow_null=True)
    available_actions = AvailableActionSerializer(many=True)


class SlipSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    items = serializers.ListField(child=serializers.CharField())
    issued_at = serializers.DateTimeField()


class CounterOutcomeSerializer(serializers.Serializer):
    outcome = choice(CounterInputSerializer.OUTCOMES)
    dossier = DossierDetailSerializer(allow_null=True)
    slip = SlipSerializer(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    action_label = serializers.CharField()
    actor_name = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    from_agency = serializers.CharField(allow_null=True)
    to_agency = serializers.CharField(allow_null=True)
    step_name = serializers.CharField()
    step_due_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()
    dossier_version = serializers.IntegerField()


class DossierDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    original_filename = serializers.CharField()
    mime_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    digitised = serializers.BooleanField()
    reused = serializers.BooleanField()
    required_document = serializers.IntegerField(allow_null=True)


class TimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    text = serializers.CharField()


class TrackingSerializer(serializers.Serializer):
    code = serializers.CharField()
    procedure = serializers.CharField()
    status = serializers.CharField(help_text=_("Trạng thái bằng lời thường."))
    due_at = serializers.DateTimeField(allow_null=True)
    timeline = TimelineItemSerializer(many=True)
