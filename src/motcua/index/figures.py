"""Reads of the maintained aggregates (ADR 0049): the index's counts for any period and unit, and the
supervisor's table. A week of a province is a sum over its few thousand daily rows, whatever the number
of dossiers; what depends on the clock (due today, at risk, late; feedback due before now) is read from
the small set it concerns.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import access
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback
from motcua.org.models import ReceptionPlace
from motcua.workspace.selectors import RUNNING, S

from .aggregates import TABLES
from .models import DailyFigures, OfficerDay, OpenFigures, PaidDay
from .scoring import Counts
from .selectors import (
    AGENCY,
    BRANCH,
    COMMUNE,
    FIELD,
    ONLINE_LEVELS,
    POINTS,
    PROVINCE,
    TZ,
    Period,
    Unit,
    _branch_map,
)

DIMENSION = {PROVINCE: "province", COMMUNE: "commune", AGENCY: "agency", BRANCH: "place"}
COUNTERS = TABLES["daily"][3]
FEEDBACK = ("feedback_due", "feedback_on_time")


def _places_of(branch_pk: int) -> list[int]:
    points = ReceptionPlace.objects.filter(parent_id=branch_pk, kind__in=POINTS).values_list("pk", flat=True)
    return [branch_pk, *points]


def _within(unit: Unit | None) -> Q:
    if unit is None:
        return Q()
    if unit.kind == BRANCH:
        return Q(place__in=_places_of(unit.pk))
    return Q(**{DIMENSION[unit.kind]: unit.pk})


def counts_by(kind: str, period: Period, within: Unit | None = None) -> dict[int | None, Counts]:
    """Counts per unit of one kind (key: its primary key, None for "none"), for every unit with data in
    the period, from the daily aggregates; `within` narrows them to one unit's dossiers."""
    dim = DIMENSION[kind]
    today = timezone.localdate()
    where = _within(within)
    daily = DailyFigures.objects.filter(where, day__gte=period.start, day__lte=period.end).order_by()
    sums = {name: Sum(name) for name in COUNTERS if name not in FEEDBACK}
    # Feedback counts only answers due before now: past days here, today's part read below.
    sums.update({name: Sum(name, filter=Q(day__lt=today)) for name in FEEDBACK})
    rows = list(daily.values(dim, "version", "procedure").annotate(**sums))
    paid = list(
        PaidDay.objects.filter(where, day__gte=period.start, day__lte=period.end)
        .order_by()
        .values(dim, "procedure")
        .annotate(
            dossiers=Count("dossier", distinct=True),
            online=Count("dossier", distinct=True, filter=Q(online=True)),
        )
    )
    fold = _branch_map({r[dim] for r in rows} | {r[dim] for r in paid}) if kind == BRANCH else None

    def key(value):
        value = fold.get(value, value) if fold is not None else value
        return value or None

    versions = {
        pk: (level, needs)
        for pk, level, needs in ProcedureVersion.objects.filter(
            pk__in={r["version"] for r in rows}
        ).values_list("pk", "online_level", "needs_review")
    }
    out: dict = defaultdict(Counts)
    procedures: dict = defaultdict(dict)
    for row in rows:
        c = out[key(row[dim])]
        level, needs = versions.get(row["version"], (None, None))
        capable = level in ONLINE_LEVELS
        c.received += row["received"] or 0
        c.received_online_capable += (row["received"] or 0) if capable else 0
        c.received_online += (row["received_online"] or 0) if capable else 0
        for name in COUNTERS:
            if name not in ("received", "received_online"):
                setattr(c, name, getattr(c, name) + (row[name] or 0))
        if row["received"]:
            procedures[key(row[dim])][row["procedure"]] = (level, needs)
    for unit, procs in procedures.items():
        c = out[unit]
        c.procedures = len(procs)
        c.procedures_online = sum(1 for level, _ in procs.values() if level in ONLINE_LEVELS)
        c.procedures_complete = sum(1 for _, needs in procs.values() if not needs)
    paid_procs: dict = defaultdict(dict)
    for row in paid:
        unit = key(row[dim])
        c = out[unit]
        c.dossiers_paid += row["dossiers"]
        c.dossiers_paid_online += row["online"]
        paid_procs[unit][row["procedure"]] = (
            paid_procs[unit].get(row["procedure"], False) or row["online"] > 0
        )
    for unit, procs in paid_procs.items():
        out[unit].procedures_paid = len(procs)
        out[unit].procedures_paid_online = sum(procs.values())
    if period.start <= today <= period.end:
        _feedback_today(out, kind, within, key)
    return {unit: c for unit, c in out.items() if c != Counts()}


def _feedback_today(out: dict, kind: str, within: Unit | None, key) -> None:
    """Today's answers due before now, read from the few feedback rows due today."""
    start = datetime.combine(timezone.localdate(), time(0), tzinfo=TZ)
    field = f"dossier__{FIELD[kind]}"
    rows = Feedback.objects.filter(dossier__isnull=False, due_at__gte=start, due_at__lt=timezone.now())
    if within is not None:
        rows = rows.filter(**_dossier_scope(within))
    for row in (
        rows.order_by()
        .values(field)
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(answered_at__lte=F("due_at"))))
    ):
        c = out[key(row[field])]
        c.feedback_due += row["n"]
        c.feedback_on_time += row["ok"]


def _dossier_scope(unit: Unit) -> dict:
    if unit.kind == BRANCH:
        return {"dossier__received_place_id__in": _places_of(unit.pk)}
    return {f"dossier__{FIELD[unit.kind]}_id": unit.pk}


def counts(unit: Unit, period: Period) -> Counts:
    total = Counts()
    for pk, c in counts_by(unit.kind, period, within=unit).items():
        if unit.kind == BRANCH or pk == unit.pk:
            total.add(c)
    return total


# ---- the supervisor's table ---------------------------------------------------------------------------

# The access rule's parts (dossiers.access) as conditions on the aggregates' columns. The user's own
# dossiers as an applicant (`owner`) are not a unit the page reports on and have no column here.
RULE_COLUMNS = {
    "province_id__in": "province__in",
    "received_place__in": "place__in",
    "agency__in": "agency__in",
}


def _rule(user) -> tuple[Q, Q] | None:
    """(condition on the aggregates, the same on the dossiers), or None when the user sees no unit."""
    on_rows, on_dossiers, found = Q(), Q(), False
    for part in access.rule_parts(user):
        if len(part.children) != 1 or not isinstance(part.children[0], tuple):
            continue
        lookup, value = part.children[0]
        if lookup == "pk__isnull":  # the system scope: everything
            return Q(), Q()
        if lookup in RULE_COLUMNS:
            on_rows |= Q(**{RULE_COLUMNS[lookup]: value})
            on_dossiers |= Q(**{lookup: value})
            found = True
    return (on_rows, on_dossiers) if found else None


def supervisor_rows(user, m) -> list[dict]:
    """The rows of `workspace.supervision` (per place, agency and officer: the eight figures) from the
    open dossiers' counters, today's daily counters, and one indexed query over the running dossiers
    due before the at-risk bound (the only figures that move with the clock)."""
    rule = _rule(user)
    if rule is None:
        return []
    on_rows, on_dossiers = rule
    keys = ("place", "agency", "assignee")
    out: dict[tuple, dict] = {}

    def row(place, agency, assignee) -> dict:
        k = (place or None, agency or None, assignee or None)
        return out.setdefault(k, {"received_place": k[0], "agency": k[1], "assignee": k[2]})

    in_progress = RUNNING | {S.SUPPLEMENT_REQUESTED}
    for r in (
        OpenFigures.objects.filter(on_rows, n__gt=0)
        .order_by()
        .values(*keys)
        .annotate(
            in_progress=Sum("n", filter=Q(status__in=in_progress)),
            supplement=Sum("n", filter=Q(status=S.SUPPLEMENT_REQUESTED)),
            apology=Sum("n", filter=Q(apology=True)),
        )
    ):
        row(*(r[k] for k in keys)).update({f: r[f] or 0 for f in ("in_progress", "supplement", "apology")})
    for r in (
        OfficerDay.objects.filter(on_rows, day=m.now.date())
        .order_by()
        .values(*keys)
        .annotate(received_today=Sum("received"), returned_today=Sum("returned"))
    ):
        row(*(r[k] for k in keys)).update(
            received_today=r["received_today"], returned_today=r["returned_today"]
        )
    risk = m.risk or m.soon
    bound = max(risk, m.end_of_today)
    for r in (
        Dossier.objects.filter(on_dossiers, status__in=RUNNING, due_at__lte=bound)
        .order_by()
        .values("received_place", "agency", "assignee")
        .annotate(
            due_today=Count("status", filter=Q(due_at__gte=m.now, due_at__lt=m.end_of_today)),
            at_risk=Count("status", filter=Q(due_at__gte=m.now, due_at__lte=risk)),
            late=Count("status", filter=Q(due_at__lt=m.now)),
        )
    ):
        row(r["received_place"], r["agency"], r["assignee"]).update(
            due_today=r["due_today"], at_risk=r["at_risk"], late=r["late"]
        )
    people = {r["assignee"] for r in out.values() if r["assignee"]}
    # 0 (no one) keeps it one query whatever the rows hold: the page's query count is fixed (ADR 0018).
    names = dict(get_user_model().objects.filter(pk__in=[0, *people]).values_list("pk", "full_name"))
    for r in out.values():
        r["assignee__full_name"] = names.get(r["assignee"], "") if r["assignee"] else None
    return list(out.values())
