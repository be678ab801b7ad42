"""Officers and staffing: what each officer did in a period, how the load spreads across a branch or an
agency, and how many officers a branch needs each hour (Erlang C over its queue history).

Per officer (each figure one grouped query over what the supervisor may see): received (received_by),
processed in the period as the officer holding the dossier (assignee) split early / on time / late like
the results report, supplement requests issued (requested_by) and the current load (open dossiers held).
The forecast reads the branch's queue tickets of the last FORECAST_DAYS days: arrivals per working hour
(averaged over the days that had tickets), the mean service time (served → done), then
`erlang.servers_needed` against the reception officers assigned to the branch and its points.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractHour
from django.utils import timezone

from motcua.accounts.models import User
from motcua.calendar.clock import TZ
from motcua.core.collation import sort_key
from motcua.dossiers.models import SupplementRequest
from motcua.org.models import ReceptionPlace, StaffAssignment
from motcua.queueing.models import Ticket
from motcua.workspace.selectors import QUEUED_STATES, visible
from motcua.workspace.trends import LOCAL

from . import erlang
from .results import NOT_PROCESSED

FORECAST_DAYS = 28
HOURS = range(8, 17)  # the opening hours' starts (08:00 … 16:00)
DEFAULT_SERVICE_SECONDS = 12 * 60  # when a branch has no served ticket to measure
OVERLOADED = 1.5  # a load this many times the mean is flagged


def service_level_target() -> tuple[float, int]:
    """(share, seconds): the setting SUPERVISION_SERVICE_LEVEL, by default 80 % within 15 minutes."""
    share, minutes = getattr(settings, "SUPERVISION_SERVICE_LEVEL", (0.8, 15))
    return float(share), int(minutes) * 60


@dataclass
class OfficerLine:
    pk: int
    name: str
    received: int = 0
    processed: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    supplements: int = 0
    load: int = 0
    overloaded: bool = False


@dataclass
class Balance:
    officers: int
    mean: float
    spread: float  # coefficient of variation of the current load (0: perfectly even)
    heaviest: str
    lightest: str


@dataclass
class Officers:
    lines: list[OfficerLine] = field(default_factory=list)
    balance: Balance | None = None


def officers(user, start: datetime, end: datetime, *, branch: int | None = None, agency: int | None = None):
    rows = visible(user).order_by()
    if branch:
        rows = rows.filter(Q(received_place_id=branch) | Q(received_place__parent_id=branch))
    if agency:
        rows = rows.filter(agency_id=agency)
    done = Q(finished_at__gte=start, finished_at__lt=end) & ~Q(status__in=NOT_PROCESSED)
    early = Q(due_at__isnull=False, finished_at__lte=F("due_at") - timedelta(days=1))
    late = Q(due_at__isnull=False, finished_at__gt=F("due_at"))
    lines: dict[int, OfficerLine] = {}

    def line(pk: int) -> OfficerLine:
        return lines.setdefault(pk, OfficerLine(pk, ""))

    for r in (
        rows.filter(received_at__gte=start, received_at__lt=end, received_by__isnull=False)
        .values("received_by")
        .annotate(n=Count("pk"))
    ):
        line(r["received_by"]).received = r["n"]
    processed = rows.filter(done, assignee__isnull=False).values("assignee")
    for r in processed.annotate(
        n=Count("pk"), early=Count("pk", filter=early), late=Count("pk", filter=late)
    ):
        o = line(r["assignee"])
        o.processed, o.early, o.late = r["n"], r["early"], r["late"]
        o.on_time = r["n"] - r["early"] - r["late"]
    asked = SupplementRequest.objects.filter(
        dossier__in=rows.values("pk"),
        requested_at__gte=start,
        requested_at__lt=end,
        requested_by__isnull=False,
    )
    for r in asked.values("requested_by").annotate(n=Count("pk")).order_by():
        line(r["requested_by"]).supplements = r["n"]
    held = rows.filter(status__in=QUEUED_STATES, assignee__isnull=False).values("assignee")
    for r in held.annotate(n=Count("pk")):
        line(r["assignee"]).load = r["n"]
    names = dict(User.objects.filter(pk__in=list(lines)).values_list("pk", "full_name"))
    for o in lines.values():
        o.name = names.get(o.pk, "") or "—"
    result = Officers(sorted(lines.values(), key=lambda o: sort_key(o.name)))
    result.balance = balance(result.lines)
    return result


def balance(lines: list[OfficerLine]) -> Balance | None:
    """How evenly the current load is spread over the officers who hold dossiers."""
    holding = [o for o in lines if o.load]
    if not holding:
        return None
    loads = [o.load for o in holding]
    mean = statistics.fmean(loads)
    spread = statistics.pstdev(loads) / mean if mean else 0.0
    for o in holding:
        o.overloaded = len(holding) > 1 and o.load > OVERLOADED * mean
    heaviest = max(holding, key=lambda o: o.load)
    lightest = min(holding, key=lambda o: o.load)
    return Balance(len(holding), mean, spread, heaviest.name, lightest.name)


@dataclass
class HourNeed:
    hour: int
    arrivals: float  # per hour, on an average day
    needed: int
    on_duty: int
    service_level: float  # with the officers on duty

    @property
    def short(self) -> int:
        return max(self.needed - self.on_duty, 0)


@dataclass
class Forecast:
    branch: str
    days: int  # days with tickets in the window
    service_seconds: float
    target_share: float
    target_seconds: int
    on_duty: int
    hours: list[HourNeed]


def branch_places(branch: int) -> list[int]:
    return list(
        ReceptionPlace.objects.filter(Q(pk=branch) | Q(parent_id=branch)).values_list("pk", flat=True)
    )


def on_duty(places: list[int], day) -> int:
    """Reception officers assigned to the branch or its points on that day."""
    return (
        StaffAssignment.objects.filter(role__code="reception_officer", place_id__in=places)
        .valid_on(day)
        .values("user")
        .distinct()
        .count()
    )


def forecast(
    branch: int, *, now: datetime | None = None, share: float | None = None, seconds: int | None = None
):
    default_share, default_seconds = service_level_target()
    share = default_share if share is None else share
    seconds = default_seconds if seconds is None else seconds
    now = (now or timezone.now()).astimezone(TZ)
    place = ReceptionPlace.objects.filter(pk=branch).first()
    places = branch_places(branch)
    since = now.date() - timedelta(days=FORECAST_DAYS)
    tickets = Ticket.objects.filter(place_id__in=places, day__gte=since, day__lt=now.date())
    arrived = tickets.filter(checked_in_at__isnull=False)
    days = arrived.values("day").distinct().count()
    per_hour = {
        r["hour"]: r["n"]
        for r in arrived.annotate(hour=ExtractHour("checked_in_at", tzinfo=LOCAL))
        .values("hour")
        .annotate(n=Count("pk"))
        .order_by()
    }
    served = list(
        arrived.filter(served_at__isnull=False, done_at__isnull=False).values_list("served_at", "done_at")[
            :20000
        ]
    )
    service = (
        statistics.fmean((done - start).total_seconds() for start, done in served)
        if served
        else DEFAULT_SERVICE_SECONDS
    )
    duty = on_duty(places, now.date())
    hours = []
    for hour in HOURS:
        rate = per_hour.get(hour, 0) / days if days else 0.0
        need = erlang.servers_needed(rate, service, target_share=share, target_seconds=seconds)
        traffic = rate * service / 3600
        level = erlang.service_level(duty, traffic, service, seconds) if duty else (1.0 if not rate else 0.0)
        hours.append(HourNeed(hour, rate, need.servers, duty, level))
    return Forecast(place.name if place else "", days, service, share, seconds, duty, hours)
