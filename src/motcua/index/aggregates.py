"""Maintained aggregates (ADR 0049): counters per local day and unit, and of the open dossiers now, kept
true from the outbox's event stream.

A dossier's *contribution* is what it adds to the counters given everything known about it now (its
row, documents, results, apology letter, payments, feedback and ratings). `refresh(ids)` recomputes the
contributions of some dossiers, compares each with the one its `Ledger` row remembers and applies only
the difference (`INSERT … ON CONFLICT DO UPDATE SET n = n + delta`, rows in key order so that two
writers lock in the same order). Recomputing from the current state makes a refresh idempotent: an event
delivered twice, late or out of order changes nothing more. The outbox publisher calls `on_event` for
every event (after the change's commit, so every write of the change's transaction is seen, files stored
after the dossier's event included); `rebuild` computes everything again (after a bulk load).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date

from django.db import connection, transaction
from django.db.models import Exists, Max, Min, OuterRef

from motcua.dossiers.choices import DossierChannel, PaymentMethod, PaymentStatus
from motcua.dossiers.models import ApologyLetter, Dossier, Payment
from motcua.feedback.models import Feedback
from motcua.workspace.selectors import QUEUED_STATES, S

from .models import DailyFigures, Ledger, OfficerDay, OpenFigures, PaidDay
from .selectors import NOT_PROCESSED, TZ, _annotated

log = logging.getLogger("motcua.index.aggregates")

# table: (model, key columns (the unique constraint), carried columns, counters)
TABLES = {
    "daily": (
        DailyFigures,
        ("day", "province", "commune", "agency", "place", "version"),
        ("procedure",),
        (
            "received",
            "received_online",
            "received_reusing",
            "paper_received",
            "paper_digitised",
            "ended",
            "ended_on_time",
            "ended_satisfied",
            "results",
            "results_electronic",
            "feedback_due",
            "feedback_on_time",
        ),
    ),
    "officer": (OfficerDay, ("day", "province", "place", "agency", "assignee"), (), ("received", "returned")),
    "open": (OpenFigures, ("province", "place", "agency", "assignee", "status", "apology"), (), ("n",)),
}
DAY_COLUMN = {"daily": 0, "officer": 0}  # where the day sits in a key (JSON keeps it as text)
FIELDS = (
    "id",
    "province_id",
    "commune_id",
    "agency_id",
    "received_place_id",
    "procedure_id",
    "procedure_version_id",
    "assignee_id",
    "status",
    "channel",
    "received_at",
    "finished_at",
    "due_at",
    "returned_at",
    "supplement_count",
)
BATCH = 2000


def _day(moment) -> str:
    return moment.astimezone(TZ).date().isoformat()


def _facts(d: dict, paid: list, feedback: list) -> dict:
    """The contribution of one dossier: {"c": [[table, key, {counter: n}]...], "p": [paid-day rows]}."""
    counters: dict[tuple, dict] = {}

    def add(table, key, **values):
        row = counters.setdefault((table, key), {})
        for name, value in values.items():
            if value:
                row[name] = row.get(name, 0) + int(value)

    province, commune, agency = d["province_id"] or 0, d["commune_id"] or 0, d["agency_id"] or 0
    place, assignee = d["received_place_id"] or 0, d["assignee_id"] or 0
    procedure, version = d["procedure_id"] or 0, d["procedure_version_id"] or 0

    def daily(day):
        return ("daily", (day, province, commune, agency, place, version, procedure))

    if d["received_at"] is not None:
        paper = d["channel"] != DossierChannel.ONLINE
        add(
            *daily(_day(d["received_at"])),
            received=1,
            received_online=not paper,
            received_reusing=d["_reusing"],
            paper_received=paper,
            paper_digitised=paper and d["_digitised"],
        )
        add("officer", (_day(d["received_at"]), province, place, agency, assignee), received=1)
    if d["finished_at"] is not None and d["status"] not in NOT_PROCESSED:
        on_time = (
            (d["due_at"] is None or d["finished_at"] <= d["due_at"])
            and d["supplement_count"] <= 1
            and not d["_apology"]
        )
        add(
            *daily(_day(d["finished_at"])),
            ended=1,
            ended_on_time=on_time,
            ended_satisfied=on_time and not d["_complained"] and not d["_disliked"],
            results=d["_result"],
            results_electronic=d["_e_result"],
        )
    if d["status"] == S.RETURNED and d["returned_at"] is not None:
        add("officer", (_day(d["returned_at"]), province, place, agency, assignee), returned=1)
    if d["status"] in QUEUED_STATES:
        add("open", (province, place, agency, assignee, d["status"], bool(d["_apology"])), n=1)
    for due_at, answered_at in feedback:
        add(
            *daily(_day(due_at)),
            feedback_due=1,
            feedback_on_time=answered_at is not None and answered_at <= due_at,
        )
    days: dict[str, bool] = {}
    for paid_at, method in paid:
        day = _day(paid_at)
        days[day] = days.get(day, False) or method == PaymentMethod.ONLINE
    return {
        "c": sorted([table, list(key), values] for (table, key), values in counters.items() if values),
        "p": sorted(
            [day, province, commune, agency, place, procedure, online] for day, online in days.items()
        ),
    }


def contributions(dossiers) -> dict[int, dict]:
    """The contribution of each dossier of the queryset `dossiers` (a batch), in four queries."""
    rows = list(
        _annotated(dossiers.order_by())
        .annotate(_apology=Exists(ApologyLetter.objects.filter(dossier=OuterRef("pk"))))
        .values(
            *FIELDS, "_reusing", "_digitised", "_complained", "_disliked", "_result", "_e_result", "_apology"
        )
    )
    ids = [r["id"] for r in rows]
    paid, feedback = defaultdict(list), defaultdict(list)
    for dossier, paid_at, method in Payment.objects.filter(
        dossier_id__in=ids, status=PaymentStatus.PAID, paid_at__isnull=False
    ).values_list("dossier_id", "paid_at", "method"):
        paid[dossier].append((paid_at, method))
    for dossier, due_at, answered_at in Feedback.objects.filter(
        dossier_id__in=ids, due_at__isnull=False
    ).values_list("dossier_id", "due_at", "answered_at"):
        feedback[dossier].append((due_at, answered_at))
    return {r["id"]: _facts(r, paid[r["id"]], feedback[r["id"]]) for r in rows}


# ---- applying differences ---------------------------------------------------------------------------------


def _as_counters(facts: dict) -> dict[tuple, dict]:
    return {(table, tuple(key)): values for table, key, values in facts.get("c", [])}


def _column_value(table: str, position: int, value):
    return date.fromisoformat(value) if DAY_COLUMN.get(table) == position else value


def _upsert(table: str, rows: list[tuple[tuple, dict]]) -> None:
    """Add each row's counters to its key's row (created at zero when missing), in key order."""
    model, keys, carried, counters = TABLES[table]
    name = connection.ops.quote_name(model._meta.db_table)
    columns = [*keys, *carried, *counters]
    quoted = [connection.ops.quote_name(c) for c in columns]
    adds = ", ".join(f"{connection.ops.quote_name(c)} = {name}.{connection.ops.quote_name(c)} + excluded."
                     f"{connection.ops.quote_name(c)}" for c in counters)  # fmt: skip
    sql = (
        f"INSERT INTO {name} ({', '.join(quoted)}) VALUES ({', '.join(['%s'] * len(columns))}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(connection.ops.quote_name(k) for k in keys)}) DO UPDATE SET {adds}"
    )
    params = [
        [*(_column_value(table, i, v) for i, v in enumerate(key)), *(values.get(c, 0) for c in counters)]
        for key, values in sorted(rows, key=lambda r: tuple(str(v) for v in r[0]))
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _apply(before: dict[int, dict], after: dict[int, dict]) -> None:
    deltas: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    for sign, side in ((-1, before), (1, after)):
        for facts in side.values():
            for key, values in _as_counters(facts).items():
                for name, n in values.items():
                    deltas[key][name] += sign * n
    by_table = defaultdict(list)
    for (table, key), values in deltas.items():
        values = {k: v for k, v in values.items() if v}
        if values:
            by_table[table].append((key, values))
    for table in sorted(by_table):
        _upsert(table, by_table[table])
    moved = [i for i in after if before.get(i, {}).get("p", []) != after[i].get("p", [])]
    if moved:
        PaidDay.objects.filter(dossier__in=moved).delete()
        PaidDay.objects.bulk_create(_paid_rows({i: after[i] for i in moved}))


def _paid_rows(facts_by_dossier: dict[int, dict]) -> list[PaidDay]:
    return [
        PaidDay(
            dossier=dossier,
            day=date.fromisoformat(day),
            province=province,
            commune=commune,
            agency=agency,
            place=place,
            procedure=procedure,
            online=online,
        )
        for dossier, facts in facts_by_dossier.items()
        for day, province, commune, agency, place, procedure, online in facts.get("p", [])
    ]


def refresh(dossier_ids) -> int:
    """Bring the counters of these dossiers up to date (their state now); returns how many changed."""
    ids = sorted({int(i) for i in dossier_ids if i})
    if not ids:
        return 0
    with transaction.atomic():
        Ledger.objects.bulk_create([Ledger(dossier=i, facts={}) for i in ids], ignore_conflicts=True)
        ledger = Ledger.objects.filter(dossier__in=ids).order_by("dossier")
        if connection.features.has_select_for_update:
            ledger = ledger.select_for_update()
        before = {row.dossier: row.facts for row in ledger}
        now = contributions(Dossier.objects.filter(pk__in=ids))
        after = {i: now.get(i, {}) for i in ids}  # a dossier gone contributes nothing
        changed = [i for i in ids if before.get(i) != after[i]]
        if changed:
            _apply({i: before.get(i, {}) for i in changed}, {i: after[i] for i in changed})
            Ledger.objects.bulk_update([Ledger(dossier=i, facts=after[i]) for i in changed], ["facts"])
    return len(changed)


def on_event(message) -> None:
    """Outbox subscriber: every event about a dossier refreshes that dossier's contribution."""
    dossier_id = message.dossier_id
    if dossier_id is None:
        code = (message.payload or {}).get("dossier_code")
        if not code:
            return
        dossier_id = Dossier.objects.filter(code=code).values_list("pk", flat=True).first()
    if dossier_id is not None:
        refresh([dossier_id])


# ---- rebuilding -------------------------------------------------------------------------------------------


def rebuild(*, batch: int = BATCH, progress=None) -> int:
    """Every aggregate computed again from the dossiers, in one transaction (after a bulk load, or to
    repair): the publisher's refreshes wait for it on PostgreSQL (the ledger is locked)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                tables = ", ".join(
                    m._meta.db_table for m in (Ledger, DailyFigures, OfficerDay, OpenFigures, PaidDay)
                )
                cursor.execute(f"TRUNCATE {tables}")
        else:
            for model in (Ledger, DailyFigures, OfficerDay, OpenFigures, PaidDay):
                model.objects.all().delete()
        totals: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
        done = 0
        bounds = Dossier.objects.aggregate(low=Min("pk"), high=Max("pk"))
        low, high = bounds["low"] or 0, bounds["high"] or -1
        for first in range(low, high + 1, batch):  # ranges of keys: no cursor kept open
            facts = contributions(Dossier.objects.filter(pk__gte=first, pk__lt=first + batch))
            for one in facts.values():
                for key, values in _as_counters(one).items():
                    for name, n in values.items():
                        totals[key][name] += n
            Ledger.objects.bulk_create(
                [Ledger(dossier=i, facts=f) for i, f in facts.items()], batch_size=1000
            )
            PaidDay.objects.bulk_create(_paid_rows(facts), batch_size=1000)
            done += len(facts)
            if progress:
                progress(done)
        for table, (model, keys, carried, _counters) in TABLES.items():
            columns = [*keys, *carried]
            model.objects.bulk_create(
                [
                    model(
                        **{
                            c: _column_value(table, i, v)
                            for i, (c, v) in enumerate(zip(columns, key, strict=True))
                        },
                        **values,
                    )  # fmt: skip
                    for (t, key), values in totals.items()
                    if t == table
                ],
                batch_size=1000,
            )
    return done
