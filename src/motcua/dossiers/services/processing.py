"""Processing at the competent agency: assignment, steps, decision, result, return; withdrawal, stop,
payments. Each function is one transaction on one locked dossier (see services/base.py).

Steps: the last step of the process returns the result and the one decision (approve or refuse)
finishes every step before it; `finish_step` hands over from one step to the next before that.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.org import selectors as org
from motcua.org.roles import RoleCode

from .. import access, fees
from ..choices import Decision, Delivery, PaymentKind, PaymentMethod, PaymentStatus
from ..errors import ActionForbidden, DossierInputError, FeeDue, FeesAlreadyPaid, InvalidTransition
from ..lifecycle import LEADER, OFFICER, SPECIALIST, Action
from ..models import Dossier, DossierStep, Pause, Payment, Result
from ..papers import papers  # the documents app's (the result's electronic copy)
from . import base

ROLE_CODES = {r.value for r in RoleCode}


@transaction.atomic
def assign(dossier, *, actor, version: int, assignee, note: str = "", at: datetime | None = None) -> Dossier:
    """Give the dossier's current step to a specialist of its agency (a specialist may only take it)."""
    change = base.begin(dossier, actor=actor, action=Action.ASSIGN, version=version, note=note, at=at)
    locked = change.dossier
    if LEADER not in access.roles_for(actor, locked) and assignee.pk != actor.pk:
        raise ActionForbidden(Action.ASSIGN)
    step = locked.current_step
    role = step.role if step is not None and step.role in ROLE_CODES else SPECIALIST
    _check_assignee(assignee, role, locked)
    locked.assignee = assignee
    if step is not None:
        step.assignee = assignee
        step.started_at = step.started_at or change.at
        step.save(update_fields=["assignee", "started_at"])
    return base.commit_change(change, details={"assignee": assignee.pk})


@transaction.atomic
def finish_step(
    dossier, *, actor, version: int, next_assignee=None, note: str = "", at: datetime | None = None
) -> Dossier:
    """The current step is done; the next one starts (with `next_assignee`, who must hold its role)."""
    change = base.begin(dossier, actor=actor, action=Action.FINISH_STEP, version=version, note=note, at=at)
    locked = change.dossier
    step = locked.current_step
    following = _open_steps(locked, after=step)
    if step is None or len(following) < 2:  # the last two steps end by the decision and the return
        raise InvalidTransition(Action.FINISH_STEP, locked.status)
    if step.role in ROLE_CODES and step.role not in access.roles_for(actor, locked):
        raise ActionForbidden(Action.FINISH_STEP)
    _finish(step, actor, change.at, change.note)
    upcoming = following[0]
    if next_assignee is not None:
        _check_assignee(next_assignee, upcoming.role if upcoming.role in ROLE_CODES else SPECIALIST, locked)
    upcoming.assignee, upcoming.started_at = next_assignee, change.at
    upcoming.save(update_fields=["assignee", "started_at"])
    locked.current_step, locked.assignee = upcoming, next_assignee
    return base.commit_change(change, details={"finished_step": step.name})


@transaction.atomic
def approve(dossier, *, actor, version: int, note: str = "", at: datetime | None = None) -> Dossier:
    change = base.begin(dossier, actor=actor, action=Action.APPROVE, version=version, note=note, at=at)
    _decide(change, Decision.APPROVED)
    return base.commit_change(change)


@transaction.atomic
def refuse(
    dossier,
    *,
    actor,
    version: int,
    reason: str,
    e_copy=None,
    e_copy_name: str = "",
    e_copy_ref: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Refused with reasons: the refusal notice is the result handed back to the applicant (its file, if
    given, stored as the result's electronic copy like issue_result's)."""
    change = base.begin(dossier, actor=actor, action=Action.REFUSE, version=version, note=reason, at=at)
    _decide(change, Decision.REFUSED)
    change.dossier.finished_at = change.at
    result = Result.objects.create(
        dossier=change.dossier,
        kind=Decision.REFUSED,
        title=_("Thông báo từ chối giải quyết hồ sơ"),
        issued_at=change.at,
        issued_by=actor,
        e_copy_ref=e_copy_ref,
        note=change.note,
    )
    _store_copy(result, e_copy, e_copy_name, actor, change.at)
    return base.commit_change(change)


@transaction.atomic
def issue_result(
    dossier,
    *,
    actor,
    version: int,
    title: str,
    number: str = "",
    e_copy=None,
    e_copy_name: str = "",
    e_copy_ref: str = "",
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """The signed result, with its electronic copy: a file (`e_copy`, bytes or a file object, a PDF checked
    by its bytes and stored with its SHA-256 by the documents app in this same transaction), or a
    reference to an external document store (`e_copy_ref`)."""
    change = base.begin(dossier, actor=actor, action=Action.ISSUE_RESULT, version=version, note=note, at=at)
    if not (title or "").strip():
        raise DossierInputError(_("Cần ghi tên kết quả giải quyết."), code="dossier.result_title_required")
    if not e_copy and not (e_copy_ref or "").strip():
        raise DossierInputError(_("Kết quả giải quyết phải có bản điện tử."), code="dossier.e_copy_required")
    result = Result.objects.create(
        dossier=change.dossier,
        kind=Decision.APPROVED,
        title=title.strip(),
        number=number,
        issued_at=change.at,
        issued_by=actor,
        e_copy_ref=(e_copy_ref or "").strip(),
        note=change.note,
    )
    _store_copy(result, e_copy, e_copy_name, actor, change.at)
    change.dossier.finished_at = change.dossier.finished_at or change.at
    return base.commit_change(change, details={"result": result.pk})


@transaction.atomic
def return_result(
    dossier,
    *,
    actor,
    version: int,
    method: str = Delivery.COUNTER,
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """The result (or the refusal notice) handed back: at the counter, by post, or electronically.

    Electronically (Decree 45/2020, Art. 21): the electronic copy goes to the applicant's account, for a
    dossier whose applicant chose that delivery and whose result has one. The applicant records it by
    taking the result on the portal; a reception officer may also send it. The applicant may return
    nothing else."""
    change = base.begin(dossier, actor=actor, action=Action.RETURN_RESULT, version=version, note=note, at=at)
    if method not in Delivery.values:
        raise DossierInputError(
            _("Trả kết quả tại quầy, qua bưu chính hoặc bản điện tử."), code="dossier.invalid_return_method"
        )
    locked = change.dossier
    if method != Delivery.ONLINE and OFFICER not in access.roles_for(actor, locked):
        raise ActionForbidden(Action.RETURN_RESULT)
    if method == Delivery.ONLINE:
        if locked.result_delivery != Delivery.ONLINE:
            raise DossierInputError(
                _("Người nộp không đăng ký nhận kết quả bản điện tử."),
                code="dossier.online_return_not_chosen",
            )
        if not any(r.has_e_copy for r in locked.results.all()):
            raise DossierInputError(
                _("Kết quả chưa có bản điện tử để trả trực tuyến."), code="dossier.e_copy_required"
            )
    locked.returned_at, locked.return_method, locked.returned_by = change.at, method, actor
    for step in _open_steps(locked):
        _finish(step, actor, change.at, "")
    return base.commit_change(change, details={"method": method})


@transaction.atomic
def withdraw(dossier, *, actor, version: int, reason: str, at: datetime | None = None) -> Dossier:
    """The applicant withdraws (until a decision exists); the stop notice (form 05) follows from it."""
    change = base.begin(dossier, actor=actor, action=Action.WITHDRAW, version=version, note=reason, at=at)
    _end(change)
    return base.commit_change(change)


@transaction.atomic
def stop(dossier, *, actor, version: int, reason: str, at: datetime | None = None) -> Dossier:
    change = base.begin(dossier, actor=actor, action=Action.STOP, version=version, note=reason, at=at)
    _end(change)
    return base.commit_change(change)


@transaction.atomic
def record_payment(
    dossier,
    *,
    actor,
    version: int,
    payment: Payment | None = None,
    amount: int | None = None,
    kind: str = PaymentKind.CHARGE,
    method: str = PaymentMethod.CASH,
    reference: str = "",
    at: datetime | None = None,
) -> Dossier:
    """A fee paid: the one due (`payment`), or a new amount collected — once (`fees`: a settled dossier
    records nothing more, a dossier with a fee due records that one)."""
    change = base.begin(dossier, actor=actor, action=Action.RECORD_PAYMENT, version=version, at=at)
    if method not in PaymentMethod.values:
        raise DossierInputError(_("Hình thức nộp phí không hợp lệ."), code="dossier.invalid_payment")
    if payment is not None:
        payment = Payment.objects.select_for_update().filter(pk=payment.pk, dossier=change.dossier).first()
        if payment is None or payment.status != PaymentStatus.DUE:
            raise DossierInputError(_("Khoản phí không còn phải nộp."), code="dossier.invalid_payment")
    else:
        statuses = list(change.dossier.payments.values_list("status", flat=True))
        if fees.settled(statuses):
            raise FeesAlreadyPaid()
        if fees.has_due(statuses):
            raise FeeDue()
        if not amount or amount <= 0 or kind not in PaymentKind.values:
            raise DossierInputError(_("Số tiền phải lớn hơn 0."), code="dossier.invalid_payment")
        payment = Payment(dossier=change.dossier, kind=kind, amount=amount)
    payment.status, payment.method, payment.reference = PaymentStatus.PAID, method, reference
    payment.paid_at, payment.recorded_by = change.at, actor
    payment.save()
    return base.commit_change(change, details={"payment": payment.pk, "amount": payment.amount})


# ---- helpers ------------------------------------------------------------------------------------------


def _store_copy(result: Result, e_copy, name: str, actor, at) -> None:
    """The result's file through the documents app (sniffed, checksummed, removed if this use case
    rolls back): the one place result bytes reach storage."""
    if not e_copy:
        return
    filename = name or getattr(e_copy, "name", "") or "ket-qua.pdf"
    papers().store_result_copy(result=result, content=e_copy, filename=filename, actor=actor, now=at)


def _check_assignee(user, role: str, dossier: Dossier) -> None:
    if not org.staff_who_can_act(role, dossier.agency).filter(pk=user.pk).exists():
        raise DossierInputError(
            _("Người được giao không có vai trò phù hợp tại cơ quan giải quyết hồ sơ."),
            code="dossier.invalid_assignee",
        )


def _open_steps(dossier: Dossier, after: DossierStep | None = None) -> list[DossierStep]:
    steps = dossier.steps.filter(finished_at__isnull=True).order_by("position")
    if after is not None:
        steps = steps.filter(position__gt=after.position)
    return list(steps)


def _finish(step: DossierStep, actor, at, note: str) -> None:
    step.finished_at, step.finished_by = at, actor
    step.started_at = step.started_at or at
    step.note = note or step.note
    step.save(update_fields=["finished_at", "finished_by", "started_at", "note"])


def _decide(change: base.Change, decision: str) -> None:
    """Record the decision and finish every open step but the last (returning the result)."""
    locked = change.dossier
    locked.decision, locked.decision_reason = decision, change.note
    locked.decided_at, locked.decided_by = change.at, change.actor
    steps = _open_steps(locked)
    for step in steps[:-1]:
        _finish(step, change.actor, change.at, change.note if step is steps[-2] else "")
    locked.current_step = steps[-1] if steps else locked.current_step
    locked.assignee = None


def _end(change: base.Change) -> None:
    locked = change.dossier
    Pause.objects.filter(dossier=locked, ended_at__isnull=True).update(ended_at=change.at)
    locked.paused_at = None
    locked.finished_at = change.at
    locked.assignee = None
