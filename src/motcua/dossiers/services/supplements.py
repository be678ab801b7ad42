"""Supplement requests (the clock stops, then restarts or resumes) and late dossiers' apology letters."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from .. import deadlines
from ..errors import DossierInputError, ExtensionAlreadyGiven, SupplementAlreadyRequested
from ..lifecycle import Action
from ..models import ApologyLetter, Dossier, Pause, SupplementRequest
from . import base, planning


def _only_once(dossier) -> None:
    if dossier.supplement_count >= 1:
        raise SupplementAlreadyRequested()


@transaction.atomic
def request_supplement(
    dossier, *, actor, version: int, items: list[str], reason: str, at: datetime | None = None
) -> Dossier:
    """Everything to complete, listed at once (only once per dossier); the clock stops until it is back."""
    change = base.begin(
        dossier,
        actor=actor,
        action=Action.REQUEST_SUPPLEMENT,
        version=version,
        note=reason,
        at=at,
        guard=_only_once,
    )
    listed = [str(item).strip() for item in items or () if str(item).strip()]
    if not listed:
        raise DossierInputError(
            _("Cần liệt kê đầy đủ các nội dung phải bổ sung, hoàn thiện."),
            code="dossier.supplement_items_required",
        )
    locked = change.dossier
    request = SupplementRequest.objects.create(
        dossier=locked, requested_at=change.at, requested_by=actor, items=listed, reason=change.note
    )
    Pause.objects.create(dossier=locked, started_at=change.at, supplement=request)
    locked.paused_at = change.at
    locked.supplement_count += 1
    return base.commit_change(change, details={"items": len(listed)})


@transaction.atomic
def receive_supplement(
    dossier, *, actor, version: int, note: str = "", at: datetime | None = None
) -> Dossier:
    """The completed dossier is back: the clock restarts from zero or resumes (a province/procedure
    setting, "restart" by default)."""
    change = base.begin(
        dossier, actor=actor, action=Action.RECEIVE_SUPPLEMENT, version=version, note=note, at=at
    )
    locked = change.dossier
    pause = Pause.objects.select_for_update().get(dossier=locked, ended_at__isnull=True)
    mode = planning.supplement_mode(locked)
    pause.ended_at = change.at
    pause.save(update_fields=["ended_at"])
    SupplementRequest.objects.filter(pk=pause.supplement_id).update(
        received_at=change.at, received_by=actor if getattr(actor, "pk", None) else None, mode=mode
    )
    planning.after_supplement(locked, paused_at=pause.started_at, at=change.at, mode=mode)
    locked.paused_at = None
    return base.commit_change(change, details={"mode": mode})


def _no_letter_yet(dossier) -> None:
    if ApologyLetter.objects.filter(dossier=dossier).exists():
        raise ExtensionAlreadyGiven()


@transaction.atomic
def extend(
    dossier,
    *,
    actor,
    version: int,
    new_appointment: datetime,
    reason: str,
    agency=None,
    at: datetime | None = None,
) -> Dossier:
    """Apology letter and new appointment (form 04), once. Due no later than 1 working day before the due
    moment; a dossier already late (or nearly) still gets its letter, recorded as late on the tracking
    line (`late_apology`). The legal due moment stays (the index still counts the dossier late); the
    appointment moves, and must fall after both the old appointment and the letter itself."""
    change = base.begin(
        dossier, actor=actor, action=Action.EXTEND, version=version, note=reason, at=at, guard=_no_letter_yet
    )
    locked = change.dossier
    due = locked.appointment_at or locked.due_at
    if due is None:
        raise DossierInputError(
            _("Thủ tục không quy định thời hạn giải quyết."), code="dossier.no_time_limit"
        )
    if new_appointment <= max(due, change.at):
        raise DossierInputError(
            _("Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại và sau thời điểm lập phiếu."),
            code="dossier.invalid_appointment",
        )
    late = deadlines.apology_late(planning.calendar_of(locked), change.at, due)
    ApologyLetter.objects.create(
        dossier=locked,
        agency=agency or locked.agency,
        issued_at=change.at,
        issued_by=actor,
        reason=change.note,
        previous_appointment=due,
        new_appointment=new_appointment,
    )
    locked.appointment_at = new_appointment
    return base.commit_change(
        change, details={"new_appointment": new_appointment.isoformat(), "late_apology": late}
    )
