"""Reads of the officer workspace: the work queues, their counts, search and the supervisor's overview.

Everything starts from what the engine says the officer may see (`dossiers.access.visible_dossiers`,
with the place and agency ids evaluated first so that PostgreSQL can combine index scans at a million
dossiers). The queues are conditions on status and on the stored due moments; the moments that bound
them ("end of today", "within 2 working days") come from the province's legal clock. Counts of every
queue are one grouped query; each list is one query plus a fixed number for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Q, QuerySet, Value
from django.utils import timezone

from motcua.calendar.clock import TZ, WorkCalendar
from motcua.calendar.durations import Duration
from motcua.calendar.selectors import calendar_for
from motcua.core.identity import InvalidIdentity, normalise_phone
from motcua.core.text import fold
from motcua.dossiers import access, lifecycle
from motcua.dossiers.models import Dossier
from motcua.org.models import PlaceKind, ReceptionPlace

S = lifecycle.State
# States in which the legal clock runs towards the due moment (from the lifecycle table), except
# online dossiers waiting for acceptance, which have their own 8-working-hour limit.
RUNNING = frozenset(
    info.state
    for info in lifecycle.STATES.values()
    if info.clock_running and info.state != S.PENDING_ACCEPTANCE
)
WAITING_RETURN = frozenset({S.RESULT_READY, S.REFUSED})
SOON_DAYS = 2
LIST_SIZE = 50
SEARCH_SIZE = 50
# What a list row shows, and nothing more: procedure versions carry long texts that would make every
# row of a list several kilobytes wide.
LIST_FIELDS = (
    "code",
    "status",
    "due_at",
    "acceptance_due_at",
    "received_at",
    "procedure_version__name",
    "applicant__full_name",
)


def listed(rows: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return rows.select_related("procedure_version", "applicant").only(*LIST_FIELDS)


@dataclass(frozen=True)
class Moments:
    """The bounds of the time-based queues, from the legal clock of the officer's province."""

    now: datetime
    end_of_today: datetime
    soon: datetime  # now + 2 working days
    risk: datetime | None = None  # now + 1 working day: "at risk" below it (the supervisor's alert)


@dataclass(frozen=True)
class Queue:
    slug: str
    order: str  # the due moment each queue sorts by


QUEUES = (
    Queue("cho-tiep-nhan", "acceptance_due_at"),
    Queue("den-han-hom-nay", "due_at"),
    Queue("sap-den-han", "due_at"),
    Queue("qua-han", "due_at"),
    Queue("cho-bo-sung", "due_at"),
    Queue("tra-ve-cho-toi", "due_at"),
)
QUEUE_BY_SLUG = {q.slug: q for q in QUEUES}


def current_time() -> datetime:
    return timezone.now()


def moments(cal: WorkCalendar, now: datetime | None = None) -> Moments:
    now = (now or current_time()).astimezone(TZ)
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=TZ)
    return Moments(
        now=now,
        end_of_today=tomorrow,
        soon=cal.due(now, Duration.working_days(SOON_DAYS)),
        risk=cal.due(now, Duration.working_days(1)),
    )


def work_calendar(province_code: str = "") -> WorkCalendar:
    """The calendar of the officer's province (nationwide when unknown)."""
    return calendar_for(province_code)


def _rule(user) -> list[Q]:
    """The conditions whose OR the officer may see (the engine's rule), read once per request."""
    cached = getattr(user, "_workspace_rule", None)
    if cached is None:
        cached = user._workspace_rule = access.rule_parts(user)
    return cached


def visible(user) -> QuerySet[Dossier]:
    """What the officer may see (the engine's rule), computed once per request and reused."""
    parts = _rule(user)
    return Dossier.objects.filter(access.any_of(parts)) if parts else Dossier.objects.none()


def queue_states(slug: str, m: Moments) -> tuple[frozenset, Q]:
    """The states a queue holds and the bounds on the due moment within them."""
    match slug:
        case "cho-tiep-nhan":
            return frozenset({S.PENDING_ACCEPTANCE}), Q()
        case "den-han-hom-nay":
            return RUNNING, Q(due_at__gte=m.now, due_at__lt=m.end_of_today)
        case "sap-den-han":
            return RUNNING, Q(due_at__gte=m.end_of_today, due_at__lte=m.soon)
        case "qua-han":
            return RUNNING, Q(due_at__lt=m.now)
        case "cho-bo-sung":
            return frozenset({S.SUPPLEMENT_REQUESTED}), Q()
        case "tra-ve-cho-toi":
            # Results to hand back (and, in queue_condition, supplements back on their officer's desk).
            return WAITING_RETURN, Q()
    raise KeyError(slug)


def _held(slug: str, m: Moments) -> Q:
    """A queue's states and due-moment bounds as one condition (without the officer's own half)."""
    states, bounds = queue_states(slug, m)
    return (Q(status=next(iter(states))) if len(states) == 1 else Q(status__in=states)) & bounds


def queue_condition(slug: str, m: Moments, user) -> Q:
    condition = _held(slug, m)
    if slug == "tra-ve-cho-toi":
        # Back on this officer's desk: results to hand back, and dossiers whose supplement came back
        # to the officer who asked for it.
        condition |= _back_to_officer(user)
    return condition


# Every state some queue shows: the count reads only these rows (the open few of a million).
QUEUED_STATES = RUNNING | WAITING_RETURN | {S.PENDING_ACCEPTANCE, S.SUPPLEMENT_REQUESTED}


def queue_counts(user, m: Moments, *, extra: Q | None = None) -> dict[str, int]:
    """Every queue's count in one query: per disjoint part of the access rule (`access.disjoint`: a
    supervisor's province, an officer's places, then agencies, then the user's own dossiers) the open
    dossiers per state, and within the running states how many fall within each queue's bounds on the
    due moment; the parts' rows joined by UNION ALL and added up here. A part is one column's ids, so
    its rows are one range of one index (place, agency or province, then state, then due moment), and
    `COUNT(status)` reads no other column: PostgreSQL counts it from the index without reading the
    table, where the OR of the whole rule made it read every open dossier of a province (ADR 0018).
    The second half of "returned to me" (a supplement back on its officer's desk) needs the assignee:
    one more row counts it over the officer's assigned dossiers. `extra`: the desk's filters."""
    counts = {q.slug: 0 for q in QUEUES}
    extra = extra or Q()
    parts = _rule(user)
    if not parts:
        return counts
    held = {q.slug: queue_states(q.slug, m) for q in QUEUES}
    timed = [q.slug for q in QUEUES if held[q.slug][1]]  # the queues bounded by the due moment
    within = {_name(slug): Count("status", filter=held[slug][1]) for slug in timed}
    zeros = {name: Value(0) for name in within}
    members = []
    for part in access.disjoint(parts):
        # The states without bounds are counted apart: most open dossiers are there (results to hand
        # back), and their rows need no FILTER.
        for states, aggregates in ((QUEUED_STATES - RUNNING, zeros), (RUNNING, within)):
            members.append(
                Dossier.objects.filter(part, extra, status__in=states)
                .order_by()
                .values("status")
                .annotate(n=Count("status"), **aggregates)
                .values_list("status", "n", *within)
            )
    back = Dossier.objects.filter(access.any_of(parts), _back_to_officer(user), extra).order_by()
    members.append(
        back.annotate(_state=Value(BACK))
        .values("_state")
        .annotate(n=Count("status"), **zeros)
        .values_list("_state", "n", *within)
    )
    for state, n, *bounded in members[0].union(*members[1:], all=True):
        if state == BACK:
            counts["tra-ve-cho-toi"] += n
            continue
        found = dict(zip(timed, bounded, strict=True))
        for slug, (states, _bounds) in held.items():
            if state in states:
                counts[slug] += found.get(slug, n)
    return counts


BACK = "_back"  # the row of supplements back on their officer's desk


def _name(slug: str) -> str:
    return slug.replace("-", "_")


def _back_to_officer(user) -> Q:
    return Q(status=S.IN_PROGRESS, supplement_count__gt=0, assignee=user)


def queue_list(
    user, slug: str, m: Moments, *, limit: int = LIST_SIZE, offset: int = 0, extra: Q | None = None
) -> list[Dossier]:
    """The first `limit` dossiers of a queue by due moment, in one query whatever the queue holds.

    The ids come from a UNION ALL of one ordered, limited query per part of the access rule (and,
    for "returned to me", one more over the officer's own assigned dossiers): each is one range of the
    place, agency or province index, or of the assignee's. The OR of the whole rule, or of the two
    halves of "returned to me", matches no index, and PostgreSQL then walks every open dossier of the
    province in due order to find an officer's fifty (ADR 0018)."""
    parts = _rule(user)
    if not parts:
        return []
    queue, within = QUEUE_BY_SLUG[slug], _held(slug, m) & (extra or Q())
    end = offset + limit  # each part's first `end` rows hold the page (offset paging: pages are few)
    members = [_first(Dossier.objects.filter(part, within), queue.order, end) for part in parts]
    if slug == "tra-ve-cho-toi":
        back = Dossier.objects.filter(access.any_of(parts), _back_to_officer(user), extra or Q())
        members.append(_first(back, queue.order, end))
    found = members[0].union(*members[1:], all=True) if len(members) > 1 else members[0]
    # One query: the rows of those ids, each once (a dossier may meet several parts), in due order.
    return list(listed(Dossier.objects.filter(pk__in=found)).order_by(queue.order, "id")[offset:end])


def _first(rows: QuerySet[Dossier], order: str, limit: int) -> QuerySet:
    """A part's first `limit` ids in due order; SQLite takes no LIMIT inside a UNION, and needs none at
    the embedded default's sizes."""
    rows = rows.order_by(order, "id").values_list("id")
    return rows[:limit] if connection.features.supports_slicing_ordering_in_compound else rows.order_by()


# ---- search -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    text: str
    kind: str  # "code", "id_number", "phone", "name", "" (nothing to search)


def classify(text: str) -> SearchQuery:
    """What the officer typed: a dossier code, a personal ID (12 digits), a phone number, or a name."""
    text = " ".join((text or "").split())[:100]
    if not text:
        return SearchQuery("", "")
    compact = text.replace(" ", "")
    if "-" in compact and any(ch.isdigit() for ch in compact) and "." in compact:
        return SearchQuery(compact.upper(), "code")
    digits = compact.lstrip("+")
    if digits.isdigit():
        if len(digits) == 12:
            return SearchQuery(digits, "id_number")
        try:
            return SearchQuery(normalise_phone(compact), "phone")
        except InvalidIdentity:
            return SearchQuery(digits, "id_number")
    return SearchQuery(fold(text), "name")


def search(user, query: SearchQuery, *, limit: int = SEARCH_SIZE) -> list[Dossier]:
    """Dossiers the officer may see whose code, applicant ID number or phone equals the query, or whose
    applicant's name (folded: no diacritics, đ = d) contains it anywhere ("minh anh" finds "Nguyễn Minh
    Anh"; a trigram index serves it on PostgreSQL); newest first."""
    condition = {
        "code": Q(code=query.text),
        "id_number": Q(applicant__id_number=query.text),
        "phone": Q(applicant__phone=query.text),
        "name": Q(applicant_name_folded__contains=query.text),
    }.get(query.kind)
    if condition is None:
        return []
    rows = listed(visible(user).filter(condition)).order_by("-received_at", "-id")
    return list(rows[:limit])


# ---- supervisor -------------------------------------------------------------------------------------


TALLY_FIELDS = (
    "received_today",
    "in_progress",
    "due_today",
    "at_risk",
    "late",
    "supplement",
    "apology",
    "returned_today",
)


@dataclass
class Tally:
    key: str  # "place:<id>", "agency:<id>" or "officer:<id>"
    name: str
    received_today: int = 0
    in_progress: int = 0
    due_today: int = 0
    at_risk: int = 0  # at most one working day left on the legal clock
    late: int = 0
    supplement: int = 0  # waiting for the applicant's supplement
    apology: int = 0  # open dossiers with an apology letter (form 04)
    returned_today: int = 0

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(f, getattr(self, f)) for f in TALLY_FIELDS]

    def add(self, row: dict) -> None:
        for field in TALLY_FIELDS:
            setattr(self, field, getattr(self, field) + (row.get(field) or 0))


def tally_conditions(m: Moments) -> dict[str, Q]:
    """The figures counted in the grouped queries (the apology letters are counted apart: a join)."""
    running = Q(status__in=RUNNING)
    start_of_day = datetime.combine(m.now.date(), time(0), tzinfo=TZ)
    risk = m.risk or m.soon
    return {
        "received_today": Q(received_at__gte=start_of_day, received_at__lt=m.end_of_today),
        "in_progress": Q(status__in=RUNNING | {S.SUPPLEMENT_REQUESTED}),
        "due_today": running & Q(due_at__gte=m.now, due_at__lt=m.end_of_today),
        "at_risk": running & Q(due_at__gte=m.now, due_at__lte=risk),
        "late": running & Q(due_at__lt=m.now),
        "supplement": Q(status=S.SUPPLEMENT_REQUESTED),
        "returned_today": Q(status=S.RETURNED, returned_at__gte=start_of_day, returned_at__lt=m.end_of_today),
    }


def drill_condition(column: str, m: Moments) -> Q:
    if column == "apology":
        return Q(status__in=QUEUED_STATES, apology_letter__isnull=False)
    return tally_conditions(m)[column]


def _branch_of(place: ReceptionPlace | None) -> ReceptionPlace | None:
    """The branch a place belongs to (itself for a branch or a center; its parent for a point)."""
    if place is None:
        return None
    if place.kind in (PlaceKind.SERVICE_POINT, PlaceKind.COMMUNE_POINT) and place.parent is not None:
        return place.parent
    return place


def drill_down(user, key: str, column: str, m: Moments, *, limit: int = LIST_SIZE) -> list[Dossier]:
    """The dossiers behind one number of the overview."""
    condition = drill_condition(column, m)
    kind, _, ident = key.partition(":")
    ident = int(ident) if ident.isdigit() else 0
    if kind == "agency":
        where = Q(agency_id=ident)
    elif kind == "place":
        where = Q(received_place_id=ident) | Q(received_place__parent_id=ident)
    elif kind == "officer":
        where = Q(assignee_id=ident)
    else:
        where = Q()
    if column not in ("received_today", "returned_today"):  # open dossiers: the partial index serves it
        where &= Q(status__in=QUEUED_STATES)
    rows = listed(visible(user).filter(condition, where)).order_by("due_at", "id")
    return list(rows[:limit])


# ---- counter ----------------------------------------------------------------------------------------


def last_applicant(user, id_number: str):
    """The applicant as declared on the newest dossier of this person the officer may see (to prefill)."""
    from motcua.dossiers.models import Applicant

    if not (id_number.isdigit() and len(id_number) == 12):
        return None
    newest = visible(user).filter(applicant__id_number=id_number).order_by("-received_at", "-id")
    return Applicant.objects.filter(dossier__in=newest.values("pk")[:1]).select_related("commune").first()
