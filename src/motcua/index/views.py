"""Two pages of the index: the supervisors' "explain" page (every lost point with the dossiers behind it,
the ranking of the province's units, the unit's weekly history) and the public transparency page."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from motcua.navigation import SUPERVISION
from motcua.units.models import AdministrativeUnit
from motcua.workspace.views.common import officer_required, page

from . import figures, public, scoring, selectors, services
from .models import RankingSnapshot
from .selectors import AGENCY, BRANCH, COMMUNE, PROVINCE, Period, UnknownUnit

LOST_LIST = 50
PREFIX = {PROVINCE: "tinh", COMMUNE: "xa", AGENCY: "co-quan", BRANCH: "chi-nhanh"}
KIND_LABELS = {
    PROVINCE: "Tỉnh, thành phố",
    COMMUNE: "Xã, phường, đặc khu",
    AGENCY: "Cơ quan giải quyết",
    BRANCH: "Chi nhánh",
}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _period(query) -> tuple[Period, list[str]]:
    """The period asked (tu, den: YYYY-MM-DD), else this month to today; bad input reads as a message."""
    today = timezone.localdate()
    start, end = _day(query.get("tu")), _day(query.get("den"))
    problems = []
    if query.get("tu") and start is None or query.get("den") and end is None:
        problems.append(_("Ngày không hợp lệ (định dạng năm-tháng-ngày); đang xem tháng này."))
        start = end = None
    start, end = start or today.replace(day=1), end or today
    if end < start:
        problems.append(_("Ngày kết thúc sớm hơn ngày bắt đầu; đang xem tháng này."))
        start, end = today.replace(day=1), today
    return Period(start, end), problems


def _provinces_of(request) -> set[int]:
    """The provinces whose index the officer may read: those of their supervision assignments today."""
    mine = [a for a in request.officer_assignments if a.role.code in SUPERVISION]
    if not mine:
        raise PermissionDenied
    return {a.province_id for a in mine if a.province_id}


def _province_pk(unit: selectors.Unit) -> int | None:
    if unit.kind == PROVINCE:
        return unit.pk
    if unit.kind == COMMUNE:
        code = AdministrativeUnit.objects.filter(pk=unit.pk).values_list("province_code", flat=True).first()
        return AdministrativeUnit.objects.provinces().filter(code=code).values_list("pk", flat=True).first()
    model = selectors.Agency if unit.kind == AGENCY else selectors.ReceptionPlace
    return model.objects.filter(pk=unit.pk).values_list("province_id", flat=True).first()


@officer_required
def explain(request):
    provinces = _provinces_of(request)
    period, problems = _period(request.GET)
    code = request.GET.get("don-vi", "").strip()
    if not code:
        home = AdministrativeUnit.objects.filter(pk__in=provinces).order_by("code").first()
        if home is None:
            raise PermissionDenied
        code = f"tinh:{home.code}"
    try:
        unit = selectors.resolve(code)
    except UnknownUnit:
        raise Http404 from None
    if _province_pk(unit) not in provinces:
        raise Http404  # another province's unit reads as not found
    counts = figures.counts(unit, period)
    result = scoring.score(counts)
    groups = []
    for g in result.groups:
        criteria = []
        for c in g.criteria:
            lost = selectors.lost_dossiers(unit, period, c.key, LOST_LIST) if c.lost else []
            criteria.append({"score": c, "label": c.criterion.label, "lost_dossiers": lost})
        groups.append({"label": scoring.group_label(g.key), "score": g, "criteria": criteria})
    province_unit = unit if unit.kind == PROVINCE else None
    if province_unit is None:
        pk = _province_pk(unit)
        p = AdministrativeUnit.objects.get(pk=pk)
        province_unit = selectors.Unit(PROVINCE, p.pk, p.code, p.full_name)
    rankings = [
        (_(KIND_LABELS[kind]), PREFIX[kind], services.ranking(kind, period, within=province_unit))
        for kind in (COMMUNE, AGENCY, BRANCH)
    ]
    history = list(RankingSnapshot.objects.filter(kind=unit.kind, unit_id=unit.pk).order_by("-week")[:12])
    return page(
        request,
        "index/explain.html",
        {
            "unit": unit,
            "period": period,
            "problems": problems,
            "result": result,
            "groups": groups,
            "rankings": rankings,
            "history": history,
            "unit_code": f"{PREFIX[unit.kind]}:{unit.code}",
        },
    )


def _default_province() -> AdministrativeUnit | None:
    """The province this deployment serves: the one of its provincial center."""
    from motcua.org.models import PlaceKind, ReceptionPlace

    pk = (
        ReceptionPlace.objects.filter(kind=PlaceKind.CENTER, parent__isnull=True)
        .order_by("pk")
        .values_list("province_id", flat=True)
        .first()
    )
    return AdministrativeUnit.objects.filter(pk=pk).first() if pk else None


def transparency(request):
    """Công khai kết quả: no sign-in. The figures' part of the page is rendered once a day (the first
    request's) and kept in the cache; the frame around it (header, language, sign-in) is per visitor.
    A cache hit asks the database nothing: the key is the code asked for, checked on the miss."""
    code = request.GET.get("tinh", "")
    if code and not (len(code) == 2 and code.isdigit()):
        raise Http404

    def build() -> str:
        if code:
            province = AdministrativeUnit.objects.provinces().filter(code=code, valid_to__isnull=True).first()
            if province is None:
                raise Http404
        else:
            province = _default_province()
            if province is None:
                return ""
        unit = selectors.Unit(PROVINCE, province.pk, province.code, province.full_name)
        figures = public.figures(unit, public.period_ending_yesterday())
        return render_to_string("index/_public_body.html", {"f": figures, "built_at": timezone.localtime()})

    body = public.cached_page(code or "mac-dinh", get_language() or "vi", build)
    return HttpResponse(render_to_string("index/public.html", {"body": body}, request=request))
