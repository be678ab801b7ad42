"""Reads of the administrative map. Every read is "as of a day" (today by default): history is data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import InvalidUnitQuery, UnitNotFound
from .models import AdministrativeUnit, UnitLevel, UnitSuccession
from .text import search_key

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_LIMIT = 100
_LEVEL_RANK = Case(
    When(level=UnitLevel.PROVINCE, then=Value(0)),
    When(level=UnitLevel.DISTRICT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def in_force(day: date | None = None) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.at(day or timezone.localdate()).select_related("parent")


def list_provinces(*, at: date | None = None) -> QuerySet[AdministrativeUnit]:
    return in_force(at).provinces().order_by("code")


def get_unit(code: str, *, at: date | None = None) -> AdministrativeUnit:
    """The row of `code` in force on `at` (today by default)."""
    unit = in_force(at).filter(code=code).first()
    if unit is not None:
        return unit
    if at is None and AdministrativeUnit.objects.filter(code=code).exists():
        raise UnitNotFound(
            _(
                "Đơn vị hành chính mã %(code)s không còn hiệu lực; xem lịch sử với tham số at=YYYY-MM-DD "
                "hoặc các đơn vị kế thừa tại /units/%(code)s/successors."
            )
            % {"code": code},
            details={"code": code},
        )
    raise UnitNotFound(
        _("Không tìm thấy đơn vị hành chính mã %(code)s.") % {"code": code},
        details={"code": code, "at": at.isoformat() if at else None},
    )


def list_communes(province_code: str, *, at: date | None = None, kind: str | None = None):
    province = get_unit(province_code, at=at)
    if province.level != UnitLevel.PROVINCE:
        raise UnitNotFound(_("Mã %(code)s không phải mã tỉnh, thành phố.") % {"code": province_code})
    communes = in_force(at).communes().filter(province_code=province_code)
    if kind:
        communes = communes.filter(kind=kind)
    return province, communes.order_by("code")


def links(unit: AdministrativeUnit) -> tuple[list[UnitSuccession], list[UnitSuccession]]:
    """(predecessions, successions) of one row: where its territory came from and went to."""
    before = list(
        unit.predecessions.select_related("predecessor__parent").order_by(
            "predecessor__code", "predecessor_id"
        )
    )
    after = list(
        unit.successions.select_related("successor__parent").order_by("successor__code", "successor_id")
    )
    return before, after


@dataclass(frozen=True)
class Inheritance:
    """A unit in force on a day that took over (`partial`: part of) the territory of an older unit."""

    unit: AdministrativeUnit
    partial: bool
    primary: bool


def successors_in_force(
    code: str, *, at: date | None = None, on: date | None = None
) -> tuple[AdministrativeUnit, list[Inheritance]]:
    """Follow successions from the row of `code` to the units in force on `on` (today by default).

    Without `at`, the row is the most recent one of `code` that has ended (the old unit a legacy record
    means), or the current one if the code never ended. Partial if any step was partial; primary if
    every step was the default choice.
    """
    on = on or timezone.localdate()
    if at is not None:
        start = get_unit(code, at=at)
    else:
        rows = AdministrativeUnit.objects.filter(code=code).select_related("parent")
        start = rows.filter(valid_to__isnull=False).order_by("-valid_to").first() or rows.first()
        if start is None:
            raise UnitNotFound(_("Không tìm thấy đơn vị hành chính mã %(code)s.") % {"code": code})
    found: dict[int, Inheritance] = {}
    frontier = {start.pk: Inheritance(start, partial=False, primary=True)}
    seen: set[int] = set()
    while frontier:
        seen.update(frontier)
        ended = {}
        for pk, step in frontier.items():
            if _in_force(step.unit, on):
                _merge(found, step)
            else:
                ended[pk] = step
        nxt: dict[int, Inheritance] = {}
        edges = UnitSuccession.objects.filter(predecessor_id__in=ended, effective_on__lte=on)
        for edge in edges.select_related("successor__parent"):
            if edge.successor_id in seen:
                continue
            via = ended[edge.predecessor_id]
            _merge(
                nxt, Inheritance(edge.successor, via.partial or edge.partial, via.primary and edge.primary)
            )
        frontier = nxt
    return start, sorted(found.values(), key=lambda i: (not i.primary, i.partial, i.unit.code))


def _in_force(unit: AdministrativeUnit, day: date) -> bool:
    return unit.valid_from <= day and (unit.valid_to is None or day < unit.valid_to)


def _merge(into: dict[int, Inheritance], step: Inheritance) -> None:
    known = into.get(step.unit.pk)
    if known is not None:
        step = Inheritance(step.unit, known.partial and step.partial, known.primary or step.primary)
    into[step.unit.pk] = step


def search_units(
    query: str,
    *,
    province: str | None = None,
    level: str | None = None,
    at: date | None = None,
    limit: int = 20,
) -> list[AdministrativeUnit]:
    """Units in force whose name contains every word of `query`, with or without diacritics.

    Ranking: exact name, name prefix, full-name prefix ("phuong ba"), word prefix, anywhere;
    then provinces before communes, shorter names first. Portable: LIKE on the folded columns.
    """
    query = query or ""
    if not SEARCH_MIN_LENGTH <= len(query) <= SEARCH_MAX_LENGTH:  # the text as typed, as the API declares
        raise InvalidUnitQuery(
            _("Từ khóa tìm kiếm phải có từ %(min)d đến %(max)d ký tự.")
            % {"min": SEARCH_MIN_LENGTH, "max": SEARCH_MAX_LENGTH},
            details={"q": query},
        )
    if not 1 <= limit <= SEARCH_MAX_LIMIT:
        raise InvalidUnitQuery(
            _("Số kết quả tối đa phải từ 1 đến %(max)d.") % {"max": SEARCH_MAX_LIMIT},
            details={"limit": limit},
        )
    folded = search_key(query)
    if len(folded) < SEARCH_MIN_LENGTH:  # only marks or punctuation: nothing a name could contain
        return []
    words = Q()
    for word in folded.split():
        words &= Q(search_name__contains=word)
    units = in_force(at).filter(words)
    if province:
        units = units.filter(province_code=province)
    if level:
        units = units.filter(level=level)
    rank = Case(
        When(Q(search_short_name=folded) | Q(search_name=folded), then=Value(0)),
        When(search_short_name__startswith=folded, then=Value(1)),
        When(search_name__startswith=folded, then=Value(2)),
        When(search_name__contains=f" {folded}", then=Value(3)),
        When(search_name__contains=folded, then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )
    ranked = units.annotate(rank=rank, level_rank=_LEVEL_RANK, name_length=Length("name"))
    return list(ranked.order_by("rank", "level_rank", "name_length", "code")[:limit])
