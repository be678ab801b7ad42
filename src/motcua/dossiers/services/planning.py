"""The clock of one dossier: its time limit, counting start, due moment, steps, fees; restart or resume
after a supplement. Arithmetic is in the pure deadlines module; this module reads the catalog and the
province's calendar and writes the dossier's rows (inside the calling service's transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from motcua.calendar.clock import WorkCalendar
from motcua.catalog.models import ChannelTerm, FeeKind, ProvinceProcedure
from motcua.core.fast import rows

from .. import deadlines, reference
from ..choices import CATALOG_CHANNEL, CLOCK_CHANNEL, PaymentKind, SupplementMode
from ..lifecycle import LEADER, OFFICER, SPECIALIST
from ..models import ApologyLetter, Dossier, DossierStep, Payment, ProcessingSetting


@dataclass(frozen=True)
class StepTemplate:
    name: str
    role: str
    share: Decimal


# When the version has no process of its own: reception → processing → approval → result.
DEFAULT_STEPS = (
    StepTemplate("Tiếp nhận hồ sơ", OFFICER, Decimal(0)),
    StepTemplate("Thẩm định, xử lý hồ sơ", SPECIALIST, Decimal(70)),
    StepTemplate("Phê duyệt kết quả", LEADER, Decimal(20)),
    StepTemplate("Trả kết quả", OFFICER, Decimal(10)),
)


def calendar_of(dossier: Dossier) -> WorkCalendar:
    """The province's calendar, looked up once per dossier object (the lookup checks the database)."""
    cached = getattr(dossier, "_work_calendar", None)
    if cached is None:
        cached = dossier._work_calendar = reference.calendar(dossier.province.code)
    return cached


def channel_term(version, channel: str, day: date | None = None) -> ChannelTerm | None:
    """The version's first term for the dossier's channel, else its in-person term; with `day`, only
    terms whose validity window holds that day (a fee reduced until a date, ADR 0022)."""
    terms = [t for t in version.channel_terms.all() if day is None or t.applies_on(day)]
    wanted = CATALOG_CHANNEL[channel]
    for candidates in (
        [t for t in terms if t.channel == wanted],
        [t for t in terms if t.channel == "in_person"],
    ):
        if candidates:
            return min(candidates, key=lambda t: t.position)
    return None


def limit_for(version, channel: str) -> deadlines.Limit:
    term = channel_term(version, channel)
    if term is None:
        return deadlines.Limit(None, "chưa xác định")
    return deadlines.Limit.from_catalog(term.time_value, term.time_unit)


def start_clock(dossier: Dossier, at: datetime) -> None:
    """Counting start and due moment from `at` (receipt, or acceptance of an online dossier), and the
    dossier's steps with their due moments. Saves nothing: the service commits the change."""
    cal = calendar_of(dossier)
    limit = limit_for(dossier.procedure_version, dossier.channel)
    start = cal.counting_start(at, CLOCK_CHANNEL[dossier.channel])
    dossier.clock_started_at = start
    dossier.due_at = deadlines.due(cal, start, limit)
    dossier.appointment_at = dossier.due_at
    dossier.time_limit_text = limit.text


def create_steps(dossier: Dossier, *, at: datetime, actor) -> list[DossierStep]:
    """The version's process (or the default one); the reception step is done by whoever received it."""
    templates = [
        StepTemplate(s.name, s.role, s.time_share) for s in dossier.procedure_version.process_steps.all()
    ] or list(DEFAULT_STEPS)
    dues = deadlines.step_dues(
        calendar_of(dossier), dossier.clock_started_at, dossier.due_at, [t.share for t in templates]
    )
    steps = []
    for position, (template, due) in enumerate(zip(templates, dues, strict=True), start=1):
        step = rows.new(
            DossierStep,
            dossier=dossier,
            position=position,
            name=template.name,
            role=template.role,
            time_share=template.share,
            due_at=due,
        )
        if position == 1:
            step.started_at = step.finished_at = at
            step.assignee = step.finished_by = actor if getattr(actor, "pk", None) else None
        steps.append(step)
    rows.insert(*steps)
    dossier.current_step = steps[1] if len(steps) > 1 else steps[0]
    return steps


def supplement_mode(dossier: Dossier) -> str:
    rows = ProcessingSetting.objects.filter(
        Q(province_id=dossier.province_id) | Q(province__isnull=True),
        Q(procedure_id=dossier.procedure_id) | Q(procedure__isnull=True),
    ).values_list("province_id", "procedure_id", "supplement_mode")
    ranked = sorted(rows, key=lambda r: (r[1] is None, r[0] is None))  # procedure first, then province
    return ranked[0][2] if ranked else SupplementMode.RESTART


def after_supplement(dossier: Dossier, *, paused_at: datetime, at: datetime, mode: str) -> None:
    """New due moments once the complete dossier is back: from zero, or what was left at the pause."""
    cal = calendar_of(dossier)
    limit = limit_for(dossier.procedure_version, dossier.channel)
    steps = list(dossier.steps.filter(finished_at__isnull=True).order_by("position"))
    if mode == SupplementMode.RESTART:
        start = cal.counting_start(at, CLOCK_CHANNEL[dossier.channel])
        dossier.clock_started_at = start
        dossier.due_at = deadlines.due(cal, start, limit)
        dues = deadlines.step_dues(cal, start, dossier.due_at, [s.time_share for s in steps])
    else:
        restart = cal.counting_start(at, "online")  # resuming: the next working instant, no cut-off
        dossier.due_at = deadlines.resumed(cal, limit, paused_at, restart, dossier.due_at)
        dues = [deadlines.resumed(cal, limit, paused_at, restart, s.due_at) for s in steps]
    for step, due in zip(steps, dues, strict=True):
        step.due_at = due
    DossierStep.objects.bulk_update(steps, ["due_at"])
    promised = ApologyLetter.objects.filter(dossier=dossier).values_list("new_appointment", flat=True).first()
    candidates = [d for d in (dossier.due_at, promised) if d is not None]
    dossier.appointment_at = max(candidates) if candidates else None


def fee_payments(
    dossier: Dossier, adoption: ProvinceProcedure | None, *, paid: dict | None, actor, at
) -> None:
    """The charge of the channel (the province's own amount first), due or paid at reception."""
    amount = None
    if adoption is not None and adoption.fee_kind == FeeKind.AMOUNT:
        amount = adoption.fee_amount
    elif adoption is None or not adoption.fee_kind:
        # Charged by the terms in force on the day of submission (local date), not the first row.
        term = channel_term(dossier.procedure_version, dossier.channel, timezone.localdate(at))
        if term is not None and term.fee_kind == FeeKind.AMOUNT:
            amount = term.fee_amount
    dossier.known_fee_statuses = []  # what the new dossier owes, known without reading it back
    if not amount:
        return
    payment = rows.new(
        Payment,
        dossier=dossier,
        kind=PaymentKind.CHARGE,
        amount=amount,
        description=dossier.procedure_version.name[:300],
    )
    if paid:
        payment.status, payment.method = "paid", paid.get("method", "cash")
        payment.reference, payment.paid_at, payment.recorded_by = paid.get("reference", ""), at, actor
    rows.insert(payment)
    dossier.known_fee_statuses = [payment.status]
