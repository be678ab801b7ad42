"""An operator's decisions on dead events: retry (back to the queue) or skip with a reason. Audited.

Under a row lock, and only from the dead state: two operators acting on one event at once get one
decision and one clear refusal, never two rows of audit for one change.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from .models import EventState, OperatorAction, PortalEvent


class NotDead(Exception):
    """The event is no longer waiting for a decision (someone else acted first)."""


def _locked_dead(pk: int) -> PortalEvent:
    event = PortalEvent.objects.select_for_update().filter(pk=pk).first()
    if event is None or event.state != EventState.DEAD:
        raise NotDead(_("Sự kiện này không còn chờ xử lý (có thể người khác vừa xử lý)."))
    return event


@transaction.atomic
def retry(pk: int, *, actor) -> PortalEvent:
    event = _locked_dead(pk)
    OperatorAction.objects.create(
        event=event, kind=OperatorAction.Kind.RETRY, actor=actor, previous_error=event.last_error
    )
    event.state, event.rejections, event.next_attempt_at = EventState.PENDING, 0, None
    event.save(update_fields=["state", "rejections", "next_attempt_at"])
    return event


@transaction.atomic
def skip(pk: int, *, actor, reason: str) -> PortalEvent:
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise ValueError(_("Cần ghi lý do bỏ qua (ít nhất 5 ký tự)."))
    event = _locked_dead(pk)
    OperatorAction.objects.create(
        event=event,
        kind=OperatorAction.Kind.SKIP,
        actor=actor,
        reason=reason,
        previous_error=event.last_error,
    )
    event.state = EventState.SKIPPED
    event.save(update_fields=["state"])
    return event
