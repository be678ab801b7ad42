"""The periodic report on the results of administrative procedures (báo cáo tình hình, kết quả giải
quyết thủ tục hành chính), per agency and per field, for a month, quarter or year.

Columns of the official template: received (carried over from the previous period; new ones online,
in person, by post), processed in the period (early, on time, late) and still in progress at its end
(on time, late). Two grouped queries over the dossiers of the unit (one per agency, one per field),
each a single pass with conditional counts; the unit's composite index (province or commune first)
bounds the scan.

Definitions (ADR 0040): a dossier is in the period's books when it was received before the period's
end and not finished before its start. Early: finished at least one day (24 h) before the due moment;
late: finished after it; on time otherwise (no time limit counts as on time). Withdrawn and stopped
dossiers leave the books when withdrawn (`finished_at`), so they are neither processed nor in progress.
In progress "on time / late" is judged at the period's end, or now for a period not yet over.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from motcua.catalog.models import Field
from motcua.core.collation import sort_key
from motcua.dossiers.choices import DossierChannel, Status
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.units.models import AdministrativeUnit

from .periods import Period

NOT_PROCESSED = (Status.WITHDRAWN, Status.STOPPED)


class UnknownUnit(LookupError):
    code = "report.unknown_unit"


@dataclass
class Line:
    name: str
    carried_over: int = 0
    online: int = 0
    in_person: int = 0
    postal: int = 0
    processed: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    in_progress_on_time: int = 0
    in_progress_late: int = 0

    @property
    def received(self) -> int:  # total to process in the period: carried over + new
        return self.carried_over + self.online + self.in_person + self.postal

    def numbers(self) -> list[int]:
        """The figures in the template's column order (columns 3–14)."""
        return [
            self.received,
            self.carried_over,
            self.online,
            self.in_person,
            self.postal,
            self.processed,
            self.early,
            self.on_time,
            self.late,
            self.in_progress,
            self.in_progress_on_time,
            self.in_progress_late,
        ]

    def add(self, other: Line) -> None:
        for f in fields(self):
            if f.name != "name":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


COUNTED = [f.name for f in fields(Line) if f.name != "name"]


@dataclass
class Report:
    unit: str
    period: Period
    as_of: datetime
    by_agency: list[Line] = field(default_factory=list)
    by_field: list[Line] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line(""))


def unit_scope(code: str) -> tuple[AdministrativeUnit, Q]:
    unit = AdministrativeUnit.objects.filter(code=code, valid_to__isnull=True).first()
    if unit is None:
        raise UnknownUnit(f"không có đơn vị hành chính mã {code!r}")
    if unit.level == "province":
        return unit, Q(province=unit)
    return unit, Q(commune=unit)


def conditions(period: Period, as_of: datetime) -> dict[str, Q]:
    start, end = period.start_at, period.end_at
    new = Q(received_at__gte=start, received_at__lt=end)
    processed = Q(finished_at__gte=start, finished_at__lt=end) & ~Q(status__in=NOT_PROCESSED)
    early = Q(due_at__isnull=False, finished_at__lte=F("due_at") - timedelta(days=1))
    late = Q(due_at__isnull=False, finished_at__gt=F("due_at"))
    open_at_end = Q(finished_at__isnull=True) | Q(finished_at__gte=end)
    overdue = Q(due_at__isnull=False, due_at__lt=as_of)
    return {
        "carried_over": Q(received_at__lt=start),
        "online": new & Q(channel=DossierChannel.ONLINE),
        "in_person": new & Q(channel__in=[DossierChannel.COUNTER, DossierChannel.HOME_VISIT]),
        "postal": new & Q(channel=DossierChannel.POSTAL),
        "processed": processed,
        "early": processed & early,
        "on_time": processed & ~early & ~late,
        "late": processed & late,
        "in_progress": open_at_end,
        "in_progress_on_time": open_at_end & ~overdue,
        "in_progress_late": open_at_end & overdue,
    }


def in_books(scope: Q, period: Period):
    """The dossiers the period accounts for: received before its end, not finished before its start."""
    return Dossier.objects.filter(
        scope,
        Q(received_at__lt=period.end_at),
        Q(finished_at__isnull=True) | Q(finished_at__gte=period.start_at),
    ).order_by()


def _lines(rows, key: str, names: dict) -> list[Line]:
    lines = []
    for row in rows:
        line = Line(names.get(row[key], "") or "(chưa phân loại)")
        for name in COUNTED:
            setattr(line, name, row[name] or 0)
        lines.append(line)
    return sorted(lines, key=lambda line: sort_key(line.name))


def results(code: str, period: Period, *, now: datetime | None = None) -> Report:
    unit, scope = unit_scope(code)
    now = now or timezone.now()
    as_of = min(now, period.end_at)
    counts = {name: Count("pk", filter=cond) for name, cond in conditions(period, as_of).items()}
    books = in_books(scope, period)
    per_agency = list(books.values("agency").annotate(**counts))
    per_field = list(books.values("procedure_version__field").annotate(**counts))
    agencies = dict(Agency.objects.filter(pk__in=[r["agency"] for r in per_agency]).values_list("pk", "name"))
    names = dict(
        Field.objects.filter(pk__in=[r["procedure_version__field"] for r in per_field]).values_list(
            "pk", "name"
        )
    )
    report = Report(unit=unit.full_name or unit.name, period=period, as_of=as_of)
    report.by_agency = _lines(per_agency, "agency", agencies)
    report.by_field = _lines(per_field, "procedure_version__field", names)
    report.total = Line("Tổng cộng")
    for line in report.by_agency:
        report.total.add(line)
    return report
