"""Writes of the feedback app, one function per use case, each one transaction.

- rate: the owner rates a dossier once, after its result or refusal (SIPAS answers, see sipas.py);
- send: a citizen sends feedback or a complaint about one of their dossiers or about a place; the
  answer deadline is computed once through the province's legal clock and stored;
- answer: an officer of the dossier's agency (or of the place) answers; the row is locked and the
  version the officer saw is checked, so two officers cannot both answer.
Every change goes through the write kernel (core/kernel.py): a feedback item's change appends a
FeedbackEvent and an outbox event, a rating (itself the record: who, when) an outbox event
(feedback/events.py), in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.calendar.durations import Duration
from motcua.calendar.selectors import calendar_for
from motcua.core import kernel
from motcua.core.fast import rows
from motcua.dossiers.lifecycle import ratable_states

from . import conf, events, selectors, sipas
from .errors import AlreadyAnswered, AlreadyRated, FeedbackInvalid, FeedbackNotFound, NotAllowed, NotRatable
from .models import Feedback, FeedbackEvent, FeedbackKind, FeedbackStatus, Rating

MAX_TEXT = 4000
RATABLE = ratable_states()  # the lifecycle table says (ADR 0033)


def _problems_text(problems: dict[str, str]) -> dict[str, str]:
    messages = {"required": _("Hãy chọn một mức."), "scale": _("Hãy chọn một mức từ 1 đến 5.")}
    return {code: messages[reason] for code, reason in problems.items()}


@transaction.atomic
def rate(*, dossier, user, scores: dict, improve=(), comment: str = "") -> Rating:
    if dossier.owner_id is None or dossier.owner_id != getattr(user, "pk", None):
        raise NotAllowed()
    if dossier.status not in RATABLE:
        raise NotRatable()
    try:
        cleaned, wanted = sipas.clean(scores, improve)
    except sipas.InvalidAnswers as exc:
        raise FeedbackInvalid(_problems_text(exc.problems)) from None
    if Rating.objects.filter(dossier=dossier).exists():
        raise AlreadyRated()
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier,
                rater=user,
                improve=wanted,
                comment=(comment or "").strip()[:MAX_TEXT],
                **cleaned,
            )
    except IntegrityError:  # a second click at the same moment
        raise AlreadyRated() from None
    kernel.record(
        None,
        "rating.submitted",
        aggregate_id=rating.pk,
        version=None,
        occurred_at=rating.created_at,
        payload=events.rating_payload(rating, dossier),
    )
    return rating


def _due(province_code: str, at: datetime) -> datetime:
    return calendar_for(province_code).due(at, Duration.working_days(conf.answer_days()))


@transaction.atomic
def send(*, user, kind: str, text: str, dossier=None, place=None, at: datetime | None = None) -> Feedback:
    at = at or timezone.now()
    problems = {}
    text = (text or "").strip()
    if kind not in FeedbackKind.values:
        problems["kind"] = _("Hãy chọn góp ý hay phản ánh.")
    if not text:
        problems["text"] = _("Hãy viết nội dung bạn muốn gửi.")
    elif len(text) > MAX_TEXT:
        problems["text"] = _("Nội dung dài quá %(n)s ký tự, hãy viết ngắn lại.") % {"n": MAX_TEXT}
    if dossier is None and place is None:
        problems["about"] = _("Hãy chọn hồ sơ hoặc nơi tiếp nhận mà bạn góp ý.")
    if dossier is not None and dossier.owner_id != getattr(user, "pk", None):
        problems["about"] = _("Bạn chỉ gửi được góp ý về hồ sơ của chính mình.")
    if problems:
        raise FeedbackInvalid(problems)
    if dossier is not None:
        agency, province, place = dossier.agency, dossier.province, None
    else:
        agency, province = None, place.province
    item = Feedback.objects.create(
        kind=kind,
        author=user,
        dossier=dossier,
        place=place,
        agency=agency,
        province=province,
        text=text,
        sent_at=at,
        due_at=_due(province.code, at),
    )
    _audit(item, actor=user, action="send", from_status="", at=at)
    return item


def _audit(item: Feedback, *, actor, action: str, from_status: str, at: datetime) -> None:
    audit = rows.new(
        FeedbackEvent,
        feedback=item,
        at=at,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=item.status,
    )
    kernel.record(
        audit,
        events.FEEDBACK_TOPICS[action],
        aggregate_id=item.pk,
        version=item.version,
        occurred_at=at,
        payload=events.feedback_payload(item, action=action, previous_status=from_status, at=at),
    )


@transaction.atomic
def answer(
    feedback: Feedback | int, *, officer, text: str, version: int, at: datetime | None = None
) -> Feedback:
    at = at or timezone.now()
    locked = kernel.lock(Feedback.objects.all(), feedback, missing=FeedbackNotFound)
    if not selectors.may_answer(officer, locked):
        raise NotAllowed()
    if not locked.is_open:
        raise AlreadyAnswered()
    kernel.check_version(locked, version)
    text = (text or "").strip()
    if not text:
        raise FeedbackInvalid({"answer": _("Hãy viết câu trả lời cho người dân.")})
    locked.status, locked.answer, locked.answered_at, locked.answered_by = (
        FeedbackStatus.ANSWERED,
        text[:MAX_TEXT],
        at,
        officer,
    )
    kernel.bump(locked)
    _audit(locked, actor=officer, action="answer", from_status=FeedbackStatus.OPEN, at=at)
    return locked
