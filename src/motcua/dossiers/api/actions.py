"""Each lifecycle transition on an existing dossier as an API action: its input shape and the service
that performs it. The rules (state, role, version, notes) are the services' and the lifecycle table's."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from motcua.org.models import Agency

from .. import services
from ..errors import DossierInputError
from ..lifecycle import Action
from ..models import Payment
from . import serializers as s


@dataclass(frozen=True)
class ApiAction:
    action: Action
    serializer: type
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


ACTIONS: dict[str, ApiAction] = {
    "accept": ApiAction(
        Action.ACCEPT,
        s.ActionInputSerializer,
        lambda x, u, d: services.accept_online(x, officer=u, note=d["note"], **_common(d)),
    ),
    "refuse-acceptance": ApiAction(
        Action.REFUSE_ACCEPTANCE,
        s.ReasonInputSerializer,
        lambda x, u, d: services.refuse_online(x, officer=u, reason=d["reason"], **_common(d)),
    ),
    "transfer": ApiAction(
        Action.TRANSFER,
        s.TransferInputSerializer,
        lambda x, u, d: services.transfer(
            x, actor=u, to_agency=_agency(d["to_agency"]), reason=d["reason"], **_common(d)
        ),
    ),
    "assign": ApiAction(
        Action.ASSIGN,
        s.AssignInputSerializer,
        lambda x, u, d: services.assign(
            x, actor=u, assignee=_user(d["assignee"], "assignee"), note=d["note"], **_common(d)
        ),
    ),
    "finish-step": ApiAction(
        Action.FINISH_STEP,
        s.FinishStepInputSerializer,
        lambda x, u, d: services.finish_step(
            x, actor=u, next_assignee=_user(d.get("next_assignee"), "assignee"), note=d["note"], **_common(d)
        ),
    ),
    "request-supplement": ApiAction(
        Action.REQUEST_SUPPLEMENT,
        s.SupplementInputSerializer,
        lambda x, u, d: services.request_supplement(
            x, actor=u, items=d["items"], reason=d["reason"], **_common(d)
        ),
    ),
    "receive-supplement": ApiAction(
        Action.RECEIVE_SUPPLEMENT,
        s.ActionInputSerializer,
        lambda x, u, d: services.receive_supplement(x, actor=u, note=d["note"], **_common(d)),
    ),
    "extend": ApiAction(
        Action.EXTEND,
        s.ExtendInputSerializer,
        lambda x, u, d: services.extend(
            x, actor=u, new_appointment=d["new_appointment"], reason=d["reason"], **_common(d)
        ),
    ),
    "record-payment": ApiAction(
        Action.RECORD_PAYMENT,
        s.PaymentInputSerializer,
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
    "approve": ApiAction(
        Action.APPROVE,
        s.ActionInputSerializer,
        lambda x, u, d: services.approve(x, actor=u, note=d["note"], **_common(d)),
    ),
    "refuse": ApiAction(
        Action.REFUSE,
        s.RefuseInputSerializer,
        lambda x, u, d: services.refuse(
            x, actor=u, reason=d["reason"], e_copy=d.get("e_copy"), e_copy_ref=d["e_copy_ref"], **_common(d)
        ),
    ),
    "issue-result": ApiAction(
        Action.ISSUE_RESULT,
        s.IssueResultInputSerializer,
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
    "return-result": ApiAction(
        Action.RETURN_RESULT,
        s.ReturnResultInputSerializer,
        lambda x, u, d: services.return_result(x, actor=u, method=d["method"], note=d["note"], **_common(d)),
    ),
    "withdraw": ApiAction(
        Action.WITHDRAW,
        s.ReasonInputSerializer,
        lambda x, u, d: services.withdraw(x, actor=u, reason=d["reason"], **_common(d)),
    ),
    "stop": ApiAction(
        Action.STOP,
        s.ReasonInputSerializer,
        lambda x, u, d: services.stop(x, actor=u, reason=d["reason"], **_common(d)),
    ),
}
