"""From outbox events to planned deliveries: the subscriber registered in apps.py.

The subscriber only hands the events of interest over (handoff.py): `plan_events`, a Celery task, writes
the deliveries; a redelivered or re-planned event finds its rows (unique per event, kind and channel)
and plans nothing more. Each delivery is then sent by its own task.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.core.kernel import topic
from motcua.dossiers.models import ApologyLetter, Dossier, OutboxMessage, Payment, SupplementRequest

from . import conf, messages
from .handoff import Handoff
from .models import Delivery, InAppNotification, Kind, OptOut, Preference, Status

log = logging.getLogger("motcua.notifications")

# What the citizen hears about (issue #18): the outbox topic and the message kind(s) it sends.
CITIZEN_TOPICS: dict[str, tuple[str, ...]] = {
    "dossier.receive": (Kind.RECEIVED, Kind.PAYMENT),
    "dossier.accept": (Kind.RECEIVED, Kind.PAYMENT),
    "dossier.submit_online": (Kind.PAYMENT,),  # an online dossier with a fee: pay before it is accepted
    "dossier.request_supplement": (Kind.SUPPLEMENT,),
    "payment.requested": (Kind.PAYMENT,),
    "dossier.extend": (Kind.APOLOGY,),
    "dossier.issue_result": (Kind.RESULT_READY,),
    "dossier.return_result": (Kind.RETURNED,),
}
topic(
    "notification_preference.changed",
    aggregate="notification_preference",
    fields=("dossier_code", "channels", "opted_out", "via"),
    doc="A citizen chose the channels of their notifications, or opted out (`via`: tracking or account).",
)

# What lands on an officer's or a leader's desk: the dossier's assignee hears about it.
# The title is stored in the site's language (Vietnamese), as the tracking sheet's lines are.
DESK_TOPICS: dict[str, str] = {
    "dossier.assign": gettext_noop("Hồ sơ {code} được giao cho bạn xử lý"),
    "dossier.transfer": gettext_noop("Hồ sơ {code} được chuyển đến bạn"),
    "dossier.finish_step": gettext_noop("Hồ sơ {code} chuyển đến bạn ở bước tiếp theo"),
    "dossier.receive_supplement": gettext_noop("Hồ sơ {code} đã được bổ sung"),
}


def _plan_task():
    from .tasks import plan_events

    return plan_events


handoff = Handoff(_plan_task)


def on_event(message: OutboxMessage) -> None:
    """The outbox subscriber: events of interest are handed to `plan_events` after the commit."""
    if message.topic in CITIZEN_TOPICS or message.topic in DESK_TOPICS:
        handoff.add(message.pk)


def plan_events(event_ids: list[int]) -> list[int]:
    """Plan the messages and in-app notifications of these events (again: idempotent); the deliveries
    to send now. A fixed number of queries for the whole batch (but per supplement request and apology)."""
    messages_ = list(OutboxMessage.objects.filter(pk__in=event_ids).order_by("pk"))
    dossiers = Dossier.objects.select_related("applicant", "procedure_version", "agency").in_bulk(
        {m.dossier_id for m in messages_ if m.dossier_id}
    )
    citizen = [m for m in messages_ if m.topic in CITIZEN_TOPICS and m.dossier_id in dossiers]
    batch = Batch.load(citizen, dossiers)
    rows: list[Delivery] = []
    for message in messages_:
        dossier = dossiers.get(message.dossier_id)
        if dossier is None:
            continue
        desk = DESK_TOPICS.get(message.topic)
        if desk and dossier.assignee_id:
            _in_app(message, dossier, desk)
        kinds = CITIZEN_TOPICS.get(message.topic)
        if kinds:
            rows += plan(message, dossier, kinds, batch)
    if not rows:
        return []
    # A concurrent worker planning the same event loses on the unique key and plans nothing.
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Delivery.objects.filter(event_id__in=[m.pk for m in citizen], status=Status.PENDING, attempts=0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@dataclass
class Batch:
    """What planning a batch of events reads, read once."""

    preferences: dict[str, list[str]] = field(default_factory=dict)  # contact -> channels (newest wins)
    refused: set[tuple[str, str]] = field(default_factory=set)  # (contact, channel or "")
    existing: set[tuple[int, str, str]] = field(default_factory=set)  # (event, kind, channel)
    dues: dict[int, int] = field(default_factory=dict)  # dossier -> đồng due

    @classmethod
    def load(cls, citizen: list[OutboxMessage], dossiers: dict[int, Dossier]) -> Batch:
        if not citizen:
            return cls()
        found = {to for m in citizen for to in contacts(dossiers[m.dossier_id]).values()}
        preferences = {}
        for contact, channels in (
            Preference.objects.filter(contact__in=found)
            .order_by("updated_at")
            .values_list("contact", "channels")
        ):
            preferences[contact] = channels
        return cls(
            preferences=preferences,
            refused=set(OptOut.objects.filter(contact__in=found).values_list("contact", "channel")),
            existing=set(
                Delivery.objects.filter(event_id__in=[m.pk for m in citizen]).values_list(
                    "event_id", "kind", "channel"
                )
            ),
            dues=dict(
                Payment.objects.filter(dossier_id__in={m.dossier_id for m in citizen}, status="due")
                .values("dossier_id")
                .annotate(total=Sum("amount"))
                .values_list("dossier_id", "total")
            ),
        )


def catch_up(window: int = 5000) -> int:
    """The recent events of interest planned again (a hand-over lost between commit and broker)."""
    last = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    topics = [*CITIZEN_TOPICS, *DESK_TOPICS]
    ids = list(
        OutboxMessage.objects.filter(pk__gt=last - window, topic__in=topics).values_list("pk", flat=True)
    )
    return len(plan_events(ids)) if ids else 0


def _in_app(message: OutboxMessage, dossier: Dossier, title: str) -> None:
    if InAppNotification.objects.filter(user_id=dossier.assignee_id, event_id=message.pk).exists():
        return
    InAppNotification.objects.create(
        user_id=dossier.assignee_id,
        event_id=message.pk,
        dossier_code=dossier.code,
        title=_(title).format(code=dossier.code),
    )


def contacts(dossier: Dossier) -> dict[str, str]:
    applicant = getattr(dossier, "applicant", None)
    if applicant is None:
        return {}
    phone = "".join(ch for ch in applicant.phone if ch.isdigit() or ch == "+")
    found = {conf.EMAIL: applicant.email.strip().lower(), conf.SMS: phone, conf.ZALO: phone}
    return {channel: to for channel, to in found.items() if to}


def chosen_channels(found: dict[str, str], batch: Batch) -> list[str]:
    """The applicant's choice (a Preference under their phone or e-mail), else the default channels."""
    chosen = [batch.preferences[to] for to in found.values() if to in batch.preferences]
    channels = chosen[-1] if chosen else conf.default_channels()
    enabled = conf.enabled_channels()
    return [c for c in channels if c in found and c in enabled]


def plan(message: OutboxMessage, dossier: Dossier, kinds: tuple[str, ...], batch: Batch) -> list[Delivery]:
    """The deliveries of this event not planned yet (unsaved)."""
    found = contacts(dossier)
    channels = chosen_channels(found, batch)
    if not channels:
        return []
    rows = []
    for kind in kinds:
        todo = [c for c in channels if (message.pk, kind, c) not in batch.existing]
        if not todo:
            continue  # a redelivered event: its messages were planned the first time
        try:
            context = _context(kind, dossier, batch)
        except DatabaseError:
            raise  # the task fails; Celery or the catch-up plans the event again
        except Exception:  # a broken template must not hold back the other messages
            log.exception("notification %s of event %s not planned", kind, message.pk)
            continue
        if context is None:  # e.g. a payment request without any fee due
            continue
        for channel in todo:
            skipped = (found[channel], "") in batch.refused or (found[channel], channel) in batch.refused
            try:
                subject, body = messages.render(kind, channel, context)
            except Exception:  # as above: logged, the other messages go
                log.exception("notification %s/%s of event %s not rendered", kind, channel, message.pk)
                continue
            rows.append(
                Delivery(
                    event_id=message.pk,
                    kind=kind,
                    channel=channel,
                    dossier=dossier,
                    recipient=found[channel],
                    subject=subject[:255],
                    body=body,
                    provider=conf.provider_id(channel),
                    status=Status.SKIPPED if skipped else Status.PENDING,
                )
            )
    return rows


def _tracking_url() -> str:
    return getattr(settings, "MOTCUA_PUBLIC_URL", "").rstrip("/") + "/tra-cuu/"


def _context(kind: str, dossier: Dossier, batch: Batch) -> dict | None:
    applicant = getattr(dossier, "applicant", None)
    context = {
        "code": dossier.code,
        "name": applicant.full_name if applicant else "",
        "procedure": dossier.procedure_version.name,
        "agency": dossier.agency.name,
        "appointment": messages.local_moment(dossier.appointment_at),
        "tracking_url": _tracking_url(),
    }
    if kind == Kind.SUPPLEMENT:
        request = SupplementRequest.objects.filter(dossier=dossier).order_by("-requested_at", "-id").first()
        context.update(items=request.items if request else [], reason=request.reason if request else "")
    elif kind == Kind.PAYMENT:
        due = batch.dues.get(dossier.pk)
        if not due:
            return None
        context["amount"] = f"{due:,}".replace(",", ".")
    elif kind == Kind.APOLOGY:
        letter = ApologyLetter.objects.filter(dossier=dossier).first()
        if letter:
            context.update(reason=letter.reason, appointment=messages.local_moment(letter.new_appointment))
    elif kind == Kind.RESULT_READY:
        context["return_how"] = dossier.get_return_method_display() if dossier.return_method else ""
    return context
