"""Role-true desks: what each kind of officer has to do, as queues with counts, filters and pages.

A desk belongs to a role (reception officer, specialist, leader, supervisor); an officer with several
roles has several desks. Each queue is one condition on the dossier's own columns (place, agency,
assignee, state, due moment, reception moment) over the ids the officer holds *in that role*
(`org.selectors.places_for` / `agencies_for`), so that each count and each page is one query on one
range of an index (ADR 0026): `(received_place, status, due_at)`, `(received_place, received_at)`,
`(agency, status, due_at)`, `(assignee, status)`. The supervisor's desk is the province-wide queues of
ADR 0018 (`selectors.queue_counts` / `queue_list`), with the same filters and pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import Exact, In
from django.utils.translation import gettext_lazy as _

from motcua.calendar.clock import TZ
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.dossiers.models import Dossier, DossierStep
from motcua.org import selectors as org
from motcua.org.roles import RoleCode

from . import selectors
from .selectors import RUNNING, WAITING_RETURN, Moments, S

PAGE_SIZE = 50
OFFICER = RoleCode.RECEPTION_OFFICER.value
SPECIALIST = RoleCode.SPECIALIST.value
LEADER = RoleCode.LEADER.value
SUPERVISOR = RoleCode.SUPERVISOR.value
# Roles that watch a whole province (or more) rather than work dossiers of their own.
WATCHING = {SUPERVISOR, RoleCode.SYSTEM_ADMIN.value}
TAKEN_FORWARD = frozenset({S.RECEIVED, S.IN_PROGRESS})  # waiting for someone of the agency to take them


@dataclass(frozen=True)
class DeskQueue:
    slug: str
    label: str
    order: tuple[str, ...]
    alarm: bool = False  # shown in red when it holds anything (late work)


@dataclass(frozen=True)
class Desk:
    slug: str
    role: str
    label: str
    queues: tuple[DeskQueue, ...]

    def queue(self, slug: str) -> DeskQueue | None:
        return next((q for q in self.queues if q.slug == slug), None)


DUE = ("due_at", "id")
DESKS = (
    Desk(
        "tiep-nhan",
        OFFICER,
        _("Tiếp nhận, trả kết quả"),
        (
            DeskQueue("cho-tiep-nhan", _("Chờ tiếp nhận trực tuyến"), ("acceptance_due_at", "id")),
            DeskQueue("tiep-nhan-hom-nay", _("Tiếp nhận hôm nay"), ("-received_at", "-id")),
            DeskQueue("cho-tra-ket-qua", _("Chờ trả kết quả"), DUE),
        ),
    ),
    Desk(
        "chuyen-vien",
        SPECIALIST,
        _("Chuyên viên xử lý"),
        (
            DeskQueue("moi-den", _("Mới đến, chưa ai nhận"), DUE),
            DeskQueue("dang-xu-ly", _("Tôi đang xử lý"), DUE),
            DeskQueue("cho-bo-sung", _("Chờ bổ sung"), DUE),
            DeskQueue("sap-den-han", _("Sắp đến hạn (2 ngày làm việc)"), DUE),
            DeskQueue("qua-han", _("Quá hạn"), DUE, alarm=True),
        ),
    ),
    Desk(
        "lanh-dao",
        LEADER,
        _("Lãnh đạo phê duyệt"),
        (
            DeskQueue("cho-phe-duyet", _("Chờ tôi phê duyệt, ban hành"), DUE),
            DeskQueue("chua-phan-cong", _("Chưa phân công"), DUE),
            DeskQueue("qua-han-co-quan", _("Quá hạn tại cơ quan"), DUE, alarm=True),
        ),
    ),
    Desk(
        "giam-sat",
        SUPERVISOR,
        _("Giám sát"),
        (
            DeskQueue("cho-tiep-nhan", _("Chờ tiếp nhận trực tuyến"), ("acceptance_due_at", "id")),
            DeskQueue("den-han-hom-nay", _("Đến hạn hôm nay"), DUE),
            DeskQueue("sap-den-han", _("Sắp đến hạn (2 ngày làm việc)"), DUE),
            DeskQueue("qua-han", _("Quá hạn"), DUE, alarm=True),
            DeskQueue("cho-bo-sung", _("Chờ bổ sung"), DUE),
            DeskQueue("tra-ve-cho-toi", _("Chờ trả kết quả"), DUE),
        ),
    ),
)
DESK_BY_SLUG = {d.slug: d for d in DESKS}


def desks_for(role_codes) -> list[Desk]:
    """The desks of the roles the officer holds today, in the order above."""
    codes = set(role_codes)
    if codes & WATCHING:
        codes.add(SUPERVISOR)
    return [d for d in DESKS if d.role in codes]


# ---- filters ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    procedure: str = ""  # national procedure code, e.g. 1.001193
    field: int | None = None
    agency: int | None = None
    due_by: date | None = None  # due on or before this day

    @classmethod
    def from_query(cls, params) -> Filters:
        def number(name):
            value = (params.get(name) or "").strip()
            return int(value) if value.isdigit() else None

        try:
            due_by = date.fromisoformat((params.get("han") or "").strip())
        except ValueError:
            due_by = None
        code = " ".join((params.get("thu-tuc") or "").split())[:32]
        return cls(code, number("linh-vuc"), number("co-quan"), due_by)

    def __bool__(self) -> bool:
        return bool(self.procedure or self.field or self.agency or self.due_by)

    def condition(self) -> Q:
        """The filters as a condition on the dossier's own columns (ids read first, no join)."""
        where = Q()
        if self.procedure:
            ids = list(Procedure.objects.filter(code=self.procedure).values_list("pk", flat=True))
            where &= Q(procedure_id__in=ids)
        if self.field:
            versions = ProcedureVersion.objects.filter(field_id=self.field).values("pk")
            where &= Q(procedure_version_id__in=versions)
        if self.agency:
            where &= Q(agency_id=self.agency)
        if self.due_by:
            where &= Q(due_at__lt=datetime.combine(self.due_by + timedelta(days=1), time(0), tzinfo=TZ))
        return where

    def query(self) -> dict[str, str]:
        """The filters as the page's query parameters (to keep them across queues and pages)."""
        out = {
            "thu-tuc": self.procedure,
            "linh-vuc": str(self.field or ""),
            "co-quan": str(self.agency or ""),
            "han": self.due_by.isoformat() if self.due_by else "",
        }
        return {k: v for k, v in out.items() if v}


# ---- what the officer holds in one role -------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    places: tuple[int, ...]
    agencies: tuple[int, ...]


def held(user, role: str) -> Held:
    """The places and agencies where `user` acts in `role` today, read once per request."""
    cache = user.__dict__.setdefault("_desk_held", {})
    if role not in cache:
        places = org.places_for(user, role=role).values_list("pk", flat=True)
        agencies = org.agencies_for(user, role=role).values_list("pk", flat=True)
        cache[role] = Held(tuple(places), tuple(agencies))
    return cache[role]


def _at(column: str, ids: tuple[int, ...]) -> Q:
    return Q(**{f"{column}__in": list(ids)}) if ids else Q(pk__in=[])


# The role of the dossier's current step, read by primary key for each dossier of the agency's range: a
# join would let PostgreSQL hash the whole step table (four steps a dossier) for a few hundred rows.
STEP_ROLE = Subquery(DossierStep.objects.filter(pk=OuterRef("current_step_id")).order_by().values("role")[:1])


def _new_in(agencies: tuple[int, ...]) -> Q:
    """Received by the agency and waiting for a specialist to take it (or be given it): nobody holds
    it and its current step is not a leader's (waiting for approval) nor the counter's. A process
    step's role may be free text from the catalog: anything else is a specialist's work."""
    return (
        _at("agency", agencies)
        & Q(status__in=TAKEN_FORWARD, assignee__isnull=True)
        & (Q(current_step__isnull=True) | ~Q(In(STEP_ROLE, [LEADER, OFFICER])))
    )


def queue_condition(desk: Desk, slug: str, user, m: Moments) -> Q:
    """The condition of one queue of a role desk (not the supervisor's: see `selectors`)."""
    mine = held(user, desk.role)
    start_of_day = datetime.combine(m.now.date(), time(0), tzinfo=TZ)
    running_late = Q(status__in=RUNNING, due_at__lt=m.now)
    match (desk.role, slug):
        case (role, "cho-tiep-nhan") if role == OFFICER:
            return _at("received_place", mine.places) & Q(status=S.PENDING_ACCEPTANCE)
        case (_, "tiep-nhan-hom-nay"):
            return _at("received_place", mine.places) & Q(
                received_at__gte=start_of_day, received_at__lt=m.end_of_today
            )
        case (_, "cho-tra-ket-qua"):
            return _at("received_place", mine.places) & Q(status__in=WAITING_RETURN)
        case (_, "moi-den") | (_, "chua-phan-cong"):
            return _new_in(mine.agencies)
        case (_, "dang-xu-ly"):
            return Q(assignee=user, status=S.IN_PROGRESS)
        case (role, "cho-bo-sung") if role == SPECIALIST:
            return Q(assignee=user, status=S.SUPPLEMENT_REQUESTED)
        case (role, "sap-den-han") if role == SPECIALIST:
            return _specialist_own(user, mine) & Q(status__in=RUNNING, due_at__gte=m.now, due_at__lte=m.soon)
        case (role, "qua-han") if role == SPECIALIST:
            return _specialist_own(user, mine) & running_late
        case (_, "cho-phe-duyet"):
            waiting = (
                Q(status=S.IN_PROGRESS)
                & Q(Exact(STEP_ROLE, LEADER))
                & (Q(assignee__isnull=True) | Q(assignee=user))
            )
            return _at("agency", mine.agencies) & (waiting | Q(status=S.APPROVED))
        case (_, "qua-han-co-quan"):
            where = _at("agency", mine.agencies) | _at("received_place", mine.places)
            return where & running_late
    raise KeyError(slug)


def _specialist_own(user, mine: Held) -> Q:
    """A specialist's own dossiers and the agency's ones nobody has taken yet."""
    return Q(assignee=user) | (_at("agency", mine.agencies) & Q(assignee__isnull=True))


# ---- counts and pages -------------------------------------------------------------------------------


def counts(desk: Desk, user, m: Moments, filters: Filters) -> dict[str, int]:
    """Every queue's count: one query each, each one index range (a handful of queries per page)."""
    if desk.role == SUPERVISOR:
        return selectors.queue_counts(user, m, extra=filters.condition())
    extra = filters.condition()
    return {
        q.slug: Dossier.objects.filter(queue_condition(desk, q.slug, user, m), extra).count()
        for q in desk.queues
    }


def page_of(
    desk: Desk, slug: str, user, m: Moments, filters: Filters, *, page: int = 1, size: int | None = None
) -> list[Dossier]:
    """One page of a queue in its order (due moment first, then id)."""
    size = size or PAGE_SIZE
    offset = (max(page, 1) - 1) * size
    if desk.role == SUPERVISOR:
        return selectors.queue_list(user, slug, m, limit=size, offset=offset, extra=filters.condition())
    queue = desk.queue(slug)
    rows: QuerySet[Dossier] = Dossier.objects.filter(
        queue_condition(desk, slug, user, m), filters.condition()
    )
    return list(selectors.listed(rows).order_by(*queue.order)[offset : offset + size])


def pages(total: int, size: int | None = None) -> int:
    return max(1, -(-total // (size or PAGE_SIZE)))
