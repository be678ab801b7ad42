"""The counts behind the Decision 766 index, read from the dossiers with grouped aggregate queries.

The index itself reads the maintained aggregates (`figures`, ADR 0049); these direct queries are the
reference it is measured against (the "naive GROUP BY" of bench/bench_index.py). One unit
(`direct_counts`) or every unit of a kind at once (`direct_counts_by`): the same handful of queries
either way (one over the dossiers with conditional counts, then results, procedures, payments,
feedback). `lost_dossiers` lists, for one criterion, the dossiers that cost the unit points (the explain
page). The units, periods and conditions here are shared by `figures` and `verify`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from motcua.catalog.models import OnlineLevel
from motcua.documents.models import DossierDocument
from motcua.dossiers.choices import DossierChannel, PaymentMethod, PaymentStatus, Status
from motcua.dossiers.models import Dossier, Payment, Result
from motcua.feedback.models import Feedback, FeedbackKind, Rating
from motcua.org.models import Agency, PlaceKind, ReceptionPlace
from motcua.units.models import AdministrativeUnit

from .scoring import Counts

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE, COMMUNE, AGENCY, BRANCH = "province", "commune", "agency", "branch"
KINDS = (PROVINCE, COMMUNE, AGENCY, BRANCH)
# The dossier field each kind of unit groups on (a branch: the place received, folded to its branch).
FIELD = {PROVINCE: "province", COMMUNE: "commune", AGENCY: "agency", BRANCH: "received_place"}
ONLINE_LEVELS = (OnlineLevel.FULL, OnlineLevel.PARTIAL)
NOT_PROCESSED = (Status.NOT_ACCEPTED, Status.WITHDRAWN, Status.PENDING_ACCEPTANCE)
LOW_SCORE = 2  # a SIPAS factor scored 1 or 2 of 5 ("không hài lòng", "rất không hài lòng")


class UnknownUnit(LookupError):
    code = "index.unknown_unit"


@dataclass(frozen=True)
class Unit:
    kind: str
    pk: int
    code: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # last day, included

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("index.period_reversed")

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return (
            datetime.combine(self.start, time(0), tzinfo=TZ),
            datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=TZ),
        )

    @classmethod
    def week_of(cls, day: date) -> Period:
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6))


def resolve(code: str) -> Unit:
    """A unit from its code: a province or commune code, an agency's code, or a branch's (place) code.
    "tinh:01", "xa:00004", "co-quan:…", "chi-nhanh:…" choose the kind when codes could clash."""
    prefix, _, bare = code.partition(":")
    kinds = {"tinh": PROVINCE, "xa": COMMUNE, "co-quan": AGENCY, "chi-nhanh": BRANCH}
    wanted = kinds.get(prefix) if bare else None
    bare = bare if wanted else code
    if wanted in (None, PROVINCE, COMMUNE):
        level = {PROVINCE: ["province"], COMMUNE: ["commune"], None: ["province", "commune"]}[wanted]
        unit = AdministrativeUnit.objects.filter(code=bare, level__in=level, valid_to__isnull=True).first()
        if unit:
            return Unit(PROVINCE if unit.level == "province" else COMMUNE, unit.pk, unit.code, unit.full_name)
    if wanted in (None, AGENCY):
        agency = Agency.objects.filter(code=bare).first()
        if agency:
            return Unit(AGENCY, agency.pk, agency.code, agency.name)
    if wanted in (None, BRANCH):
        place = ReceptionPlace.objects.filter(code=bare).exclude(kind__in=POINTS).first()
        if place:
            return Unit(BRANCH, place.pk, place.code, place.name)
    raise UnknownUnit(code)


POINTS = (PlaceKind.SERVICE_POINT, PlaceKind.COMMUNE_POINT)


def scope(unit: Unit, prefix: str = "") -> Q:
    """The dossiers of a unit (prefix: the path to the dossier from another model, e.g. "dossier__")."""
    if unit.kind == BRANCH:
        return Q(**{f"{prefix}received_place_id": unit.pk}) | Q(
            **{f"{prefix}received_place__parent_id": unit.pk, f"{prefix}received_place__kind__in": POINTS}
        )
    return Q(**{f"{prefix}{FIELD[unit.kind]}_id": unit.pk})


def _conditions(start: datetime, end: datetime) -> dict[str, Q]:
    received = Q(received_at__gte=start, received_at__lt=end)
    online_capable = Q(procedure_version__online_level__in=ONLINE_LEVELS)
    paper = ~Q(channel=DossierChannel.ONLINE)
    ended = Q(finished_at__gte=start, finished_at__lt=end) & ~Q(status__in=NOT_PROCESSED)
    on_time = on_time_condition()
    return {
        "received": received,
        "received_online": received & online_capable & Q(channel=DossierChannel.ONLINE),
        "received_online_capable": received & online_capable,
        "received_reusing": received & Q(_reusing=True),
        "paper_received": received & paper,
        "paper_digitised": received & paper & Q(_digitised=True),
        "ended": ended,
        "ended_on_time": ended & on_time,
        "ended_satisfied": ended & satisfied_condition(),
        "results": ended & Q(_result=True),
        "results_electronic": ended & Q(_e_result=True),
    }


def on_time_condition() -> Q:
    """Ended no later than its deadline (supplement time already left out of `due_at` by the clock),
    asked for a supplement at most once, and no apology letter (issued only for a late dossier)."""
    return (
        (Q(due_at__isnull=True) | Q(finished_at__lte=F("due_at")))
        & Q(supplement_count__lte=1)
        & Q(apology_letter__isnull=True)
    )


def satisfied_condition() -> Q:
    return on_time_condition() & Q(_complained=False) & Q(_disliked=False)


def _annotated(qs):
    attachments = DossierDocument.objects.filter(dossier=OuterRef("pk"))
    low = Q()
    for factor in ("access", "procedure", "officer", "result", "handling"):
        low |= Q(**{f"{factor}__lte": LOW_SCORE})
    return qs.annotate(
        _reusing=Exists(attachments.filter(reused=True)),
        _digitised=Exists(attachments.filter(document__digitised=True)),
        _complained=Exists(Feedback.objects.filter(dossier=OuterRef("pk"), kind=FeedbackKind.COMPLAINT)),
        _disliked=Exists(Rating.objects.filter(low, dossier=OuterRef("pk"))),
        _result=Exists(Result.objects.filter(dossier=OuterRef("pk"))),
        _e_result=Exists(Result.objects.filter(dossier=OuterRef("pk")).exclude(e_copy="", e_copy_ref="")),
    )


def _branch_map(place_ids) -> dict:
    places = ReceptionPlace.objects.filter(pk__in=[p for p in place_ids if p]).values_list(
        "pk", "kind", "parent_id"
    )
    return {pk: (parent if kind in POINTS and parent else pk) for pk, kind, parent in places}


def direct_counts_by(kind: str, period: Period, within: Q | None = None) -> dict[int | None, Counts]:
    """Counts per unit of one kind (key: its primary key), for every unit with data in the period.
    `within` narrows the dossiers (e.g. a province's)."""
    start, end = period.bounds
    dim = FIELD[kind]
    base = Dossier.objects.order_by()
    if within is not None:
        base = base.filter(within)
    conditions = _conditions(start, end)
    relevant = conditions["received"] | conditions["ended"]
    rows = list(
        _annotated(base.filter(relevant))
        .values(dim)
        .annotate(**{name: Count("pk", filter=cond) for name, cond in conditions.items()})
    )
    out: dict = defaultdict(Counts)
    fold = _branch_map([r[dim] for r in rows]) if kind == BRANCH else None

    def key(value):
        return fold.get(value, value) if fold is not None else value

    for row in rows:
        out[key(row[dim])].add(Counts(**{name: row[name] for name in conditions}))

    def dossier_scoped(qs):
        return qs.filter(dossier__in=base) if within is not None else qs

    # Procedures with a dossier received in the period: offered online? published complete?
    procedures = defaultdict(dict)
    for value, proc, level, review in (
        base.filter(conditions["received"])
        .values_list(
            dim, "procedure_id", "procedure_version__online_level", "procedure_version__needs_review"
        )
        .distinct()
    ):
        procedures[key(value)][proc] = (level, review)
    for unit, procs in procedures.items():
        c = out[unit]
        c.procedures = len(procs)
        c.procedures_online = sum(1 for level, _ in procs.values() if level in ONLINE_LEVELS)
        c.procedures_complete = sum(1 for _, review in procs.values() if not review)

    # Fees and charges paid in the period, and paid online.
    paid = defaultdict(lambda: (defaultdict(bool), defaultdict(bool)))
    payment_rows = list(
        dossier_scoped(Payment.objects.filter(status=PaymentStatus.PAID, paid_at__gte=start, paid_at__lt=end))
        .order_by()
        .values_list(f"dossier__{dim}", "dossier_id", "dossier__procedure_id", "method")
    )
    if fold is not None:
        fold.update(_branch_map([r[0] for r in payment_rows if r[0] not in fold]))
    for value, dossier, proc, method in payment_rows:
        dossiers, procs = paid[key(value)]
        online = method == PaymentMethod.ONLINE
        dossiers[dossier] |= online
        procs[proc] |= online
    for unit, (dossiers, procs) in paid.items():
        c = out[unit]
        c.dossiers_paid, c.dossiers_paid_online = len(dossiers), sum(dossiers.values())
        c.procedures_paid, c.procedures_paid_online = len(procs), sum(procs.values())

    # Complaints and feedback about a dossier whose answer fell due in the period (and is due by now).
    due_end = min(end, timezone.now())
    feedback_rows = list(
        dossier_scoped(Feedback.objects.filter(dossier__isnull=False, due_at__gte=start, due_at__lt=due_end))
        .order_by()
        .values(f"dossier__{dim}")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(answered_at__lte=F("due_at"))))
    )
    if fold is not None:
        fold.update(
            _branch_map([r[f"dossier__{dim}"] for r in feedback_rows if r[f"dossier__{dim}"] not in fold])
        )
    for row in feedback_rows:
        c = out[key(row[f"dossier__{dim}"])]
        c.feedback_due += row["n"]
        c.feedback_on_time += row["ok"]
    return dict(out)


def direct_counts(unit: Unit, period: Period) -> Counts:
    """The counts of one unit: the grouped queries narrowed to its dossiers."""
    rows = direct_counts_by(unit.kind, period, within=scope(unit))
    total = Counts()
    for key, c in rows.items():
        if unit.kind == BRANCH or key == unit.pk:
            total.add(c)
    return total


def names(kind: str, pks) -> dict[int, tuple[str, str]]:
    """code and name of units of a kind, by primary key."""
    pks = [p for p in pks if p]
    if kind in (PROVINCE, COMMUNE):
        rows = AdministrativeUnit.objects.filter(pk__in=pks).values_list("pk", "code", "full_name")
    elif kind == AGENCY:
        rows = Agency.objects.filter(pk__in=pks).values_list("pk", "code", "name")
    else:
        rows = ReceptionPlace.objects.filter(pk__in=pks).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in rows}


# The dossiers behind each lost point (explain page): the criterion's denominator minus its numerator.
def lost_dossiers(unit: Unit, period: Period, key: str, limit: int = 50):
    start, end = period.bounds
    base = Dossier.objects.filter(scope(unit))
    conditions = _conditions(start, end)
    match key:
        case "ho_so_dung_han":
            qs = base.filter(conditions["ended"]).exclude(on_time_condition())
        case "hai_long_tthc":
            qs = _annotated(base.filter(conditions["ended"])).exclude(satisfied_condition())
        case "ho_so_truc_tuyen":
            qs = base.filter(conditions["received_online_capable"]).exclude(channel=DossierChannel.ONLINE)
        case "ho_so_so_hoa":
            qs = _annotated(base.filter(conditions["paper_received"])).filter(_digitised=False)
        case "tai_su_dung_du_lieu":
            qs = _annotated(base.filter(conditions["received"])).filter(_reusing=False)
        case "ket_qua_dien_tu":
            qs = _annotated(base.filter(conditions["results"])).filter(_e_result=False)
        case "ho_so_thanh_toan_truc_tuyen" | "tthc_thanh_toan_truc_tuyen":
            paid = Payment.objects.filter(status=PaymentStatus.PAID, paid_at__gte=start, paid_at__lt=end)
            qs = base.filter(pk__in=paid.values("dossier_id")).exclude(
                pk__in=paid.filter(method=PaymentMethod.ONLINE).values("dossier_id")
            )
        case "tthc_truc_tuyen" | "tthc_cong_khai_day_du":
            field = {"tthc_truc_tuyen": "procedure_version__online_level__in", "tthc_cong_khai_day_du": None}[
                key
            ]
            qs = base.filter(conditions["received"])
            qs = (
                qs.exclude(**{field: ONLINE_LEVELS})
                if field
                else qs.filter(procedure_version__needs_review=True)
            )
        case "pakn_dung_han":
            late = Feedback.objects.filter(due_at__gte=start, due_at__lt=min(end, timezone.now())).exclude(
                answered_at__lte=F("due_at")
            )
            qs = base.filter(pk__in=late.values("dossier_id"))
        case _:
            return []
    return list(
        qs.select_related("procedure", "procedure_version", "agency").order_by("received_at", "pk")[:limit]
    )
