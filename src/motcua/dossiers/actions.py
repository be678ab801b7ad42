"""Each lifecycle transition on an existing dossier as an action of the domain: its input shape and the
use case that performs it (ADR 0033). The officer's pages (workspace) and the REST API both draw their
actions from this table; the rules (state, role, version, notes) are the services' and the lifecycle
table's. The input shapes are DRF serializers used as validators (the API also documents them)."""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.core.api import MAX_ID
from motcua.org.models import Agency

from . import services
from .choices import ITEM_MAX_LENGTH, NOTE_MAX_LENGTH, Delivery, PaymentKind, PaymentMethod
from .errors import DossierInputError
from .lifecycle import Action
from .models import Payment


def choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented as a string with a pattern, not an enum: enum components are named
    after the field, and "kind" or "channel" mean other things in other apps' schemas."""
    values = [str(c[0] if isinstance(c, tuple | list) else c) for c in choices]
    if kwargs.get("allow_blank"):
        values.append("")
    schema = {"type": "string", "pattern": f"^({'|'.join(re.escape(v) for v in values)})$"}
    if kwargs.get("allow_null"):
        schema["nullable"] = True
    field_class = extend_schema_field(schema)(type("Choice", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)


class ActionInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text=gettext_lazy("Phiên bản hồ sơ người dùng đang xem (chống ghi đè)."),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)


class ReasonInputSerializer(ActionInputSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX_LENGTH)


class TransferInputSerializer(ReasonInputSerializer):
    to_agency = serializers.CharField(help_text=gettext_lazy("Mã định danh cơ quan nhận."))


class AssignInputSerializer(ActionInputSerializer):
    assignee = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=gettext_lazy("Mã người được giao.")
    )


class FinishStepInputSerializer(ActionInputSerializer):
    next_assignee = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)


class SupplementInputSerializer(ReasonInputSerializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=ITEM_MAX_LENGTH), required=False, default=list
    )


class ExtendInputSerializer(ReasonInputSerializer):
    new_appointment = serializers.DateTimeField()


class PaymentInputSerializer(ActionInputSerializer):
    payment = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    amount = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_ID)
    kind = choice(PaymentKind.choices, default=PaymentKind.CHARGE)
    method = choice(PaymentMethod.choices, default=PaymentMethod.CASH)
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class RefuseInputSerializer(ReasonInputSerializer):
    e_copy = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Bản điện tử (PDF), gửi dạng multipart."),
    )
    e_copy_ref = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class IssueResultInputSerializer(ActionInputSerializer):
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    number = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    e_copy = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy(
            "Bản điện tử của kết quả (PDF, kiểm tra theo nội dung tệp), gửi dạng multipart."
        ),
    )
    e_copy_ref = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class ReturnResultInputSerializer(ActionInputSerializer):
    method = serializers.CharField(required=False, default=Delivery.COUNTER)


@dataclass(frozen=True)
class DossierAction:
    action: Action
    serializer: type  # the input's shape (validation only; the rules are the services')
    perform: Any  # (dossier, user, data) -> Dossier


def _user(pk, field):
    if pk is None:
        return None
    found = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if found is None:
        raise DossierInputError(_("Không tìm thấy người được giao."), code=f"dossier.invalid_{field}")
    return found


def _agency(code):
    found = Agency.objects.filter(code=code).first()
    if found is None:
        raise DossierInputError(_("Không tìm thấy cơ quan nhận."), code="dossier.invalid_agency")
    return found


def _payment(pk):
    return Payment(pk=pk) if pk else None  # the service locks and checks the row


def _common(d):
    return {"version": d["version"]}


ACTIONS: dict[str, DossierAction] = {
    "accept": DossierAction(
        Action.ACCEPT,
        ActionInputSerializer,
        lambda x, u, d: services.accept_online(x, officer=u, note=d["note"], **_common(d)),
    ),
    "refuse-acceptance": DossierAction(
        Action.REFUSE_ACCEPTANCE,
        ReasonInputSerializer,
        lambda x, u, d: services.refuse_online(x, officer=u, reason=d["reason"], **_common(d)),
    ),
    "transfer": DossierAction(
        Action.TRANSFER,
        TransferInputSerializer,
        lambda x, u, d: services.transfer(
            x, actor=u, to_agency=_agency(d["to_agency"]), reason=d["reason"], **_common(d)
        ),
    ),
    "assign": DossierAction(
        Action.ASSIGN,
        AssignInputSerializer,
        lambda x, u, d: services.assign(
            x, actor=u, assignee=_user(d["assignee"], "assignee"), note=d["note"], **_common(d)
        ),
    ),
    "finish-step": DossierAction(
        Action.FINISH_STEP,
        FinishStepInputSerializer,
        lambda x, u, d: services.finish_step(
            x, actor=u, next_assignee=_user(d.get("next_assignee"), "assignee"), note=d["note"], **_common(d)
        ),
    ),
    "request-supplement": DossierAction(
        Action.REQUEST_SUPPLEMENT,
        SupplementInputSerializer,
        lambda x, u, d: services.request_supplement(
            x, actor=u, items=d["items"], reason=d["reason"], **_common(d)
        ),
    ),
    "receive-supplement": DossierAction(
        Action.RECEIVE_SUPPLEMENT,
        ActionInputSerializer,
        lambda x, u, d: services.receive_supplement(x, actor=u, note=d["note"], **_common(d)),
    ),
    "extend": DossierAction(
        Action.EXTEND,
        ExtendInputSerializer,
        lambda x, u, d: services.extend(
            x, actor=u, new_appointment=d["new_appointment"], reason=d["reason"], **_common(d)
        ),
    ),
    "record-payment": DossierAction(
        Action.RECORD_PAYMENT,
        PaymentInputSerializer,
        lambda x, u, d: services.record_payment(
            x,
            actor=u,
            payment=_payment(d.get("payment")),
            amount=d.get("amount"),
            kind=d["kind"],
            method=d["method"],
            reference=d["reference"],
            **_common(d),
        ),
    ),
    "approve": DossierAction(
        Action.APPROVE,
        ActionInputSerializer,
        lambda x, u, d: services.approve(x, actor=u, note=d["note"], **_common(d)),
    ),
    "refuse": DossierAction(
        Action.REFUSE,
        RefuseInputSerializer,
        lambda x, u, d: services.refuse(
            x, actor=u, reason=d["reason"], e_copy=d.get("e_copy"), e_copy_ref=d["e_copy_ref"], **_common(d)
        ),
    ),
    "issue-result": DossierAction(
        Action.ISSUE_RESULT,
        IssueResultInputSerializer,
        lambda x, u, d: services.issue_result(
            x,
            actor=u,
            title=d["title"],
            number=d["number"],
            e_copy=d.get("e_copy"),
            e_copy_ref=d["e_copy_ref"],
            note=d["note"],
            **_common(d),
        ),
    ),
    "return-result": DossierAction(
        Action.RETURN_RESULT,
        ReturnResultInputSerializer,
        lambda x, u, d: services.return_result(x, actor=u, method=d["method"], note=d["note"], **_common(d)),
    ),
    "withdraw": DossierAction(
        Action.WITHDRAW,
        ReasonInputSerializer,
        lambda x, u, d: services.withdraw(x, actor=u, reason=d["reason"], **_common(d)),
    ),
    "stop": DossierAction(
        Action.STOP,
        ReasonInputSerializer,
        lambda x, u, d: services.stop(x, actor=u, reason=d["reason"], **_common(d)),
    ),
}
