"""The supervisor's pages beside the live view: officers and staffing, and the periodic reports.

Open to supervisors, leaders and system administrators (everyone else: 403); every figure is limited to
the dossiers the user may see, as on the live view.
"""

from __future__ import annotations

import io
from datetime import datetime, time

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.calendar.clock import TZ
from motcua.org.models import PlaceKind, ReceptionPlace
from motcua.workspace.views.common import header, officer_required, page

from . import periods, results, staffing

ALLOWED = {"supervisor", "leader", "system_admin"}


def _allowed(request) -> bool:
    return request.user.is_superuser or any(
        a.role.code in ALLOWED for a in getattr(request, "officer_assignments", [])
    )


def _province(request):
    for a in request.officer_assignments:
        if a.province_id:
            return a.province
    return None


def _int(value: str) -> int | None:
    return int(value) if value and value.isdigit() else None


def _percent(value: str, default: float) -> float:
    number = _int(value)
    return number / 100 if number and 50 <= number <= 99 else default


@officer_required
def staffing_page(request):
    if not _allowed(request):
        return render(request, "supervision/forbidden.html", header(request), status=403)
    province = _province(request)
    branches = list(
        ReceptionPlace.objects.filter(province=province, kind=PlaceKind.BRANCH).values_list("pk", "name")
    )
    branches.sort(key=lambda b: staffing.sort_key(b[1]))
    try:
        period = periods.month(request.GET.get("thang", ""))
    except periods.BadPeriod:
        today = timezone.localdate()
        period = periods.month(f"{today:%Y-%m}")
    branch = _int(request.GET.get("chi-nhanh", "")) or (branches[0][0] if branches else None)
    share_default, seconds_default = staffing.service_level_target()
    share = _percent(request.GET.get("muc-tieu", ""), share_default)
    minutes = _int(request.GET.get("phut", ""))
    seconds = minutes * 60 if minutes and 1 <= minutes <= 120 else seconds_default
    lines = staffing.officers(
        request.user,
        datetime.combine(period.start, time(0), tzinfo=TZ),
        datetime.combine(period.end, time(0), tzinfo=TZ),
        branch=_int(request.GET.get("chi-nhanh", "")),
    )
    forecast = staffing.forecast(branch, share=share, seconds=seconds) if branch else None
    return page(
        request,
        "supervision/staffing.html",
        {
            "period": period,
            "officers": lines,
            "forecast": forecast,
            "branches": branches,
            "branch": branch,
            "share": round(share * 100),
            "minutes": seconds // 60,
            "month": f"{period.start:%Y-%m}",
        },
    )


@officer_required
def reports_page(request):
    if not _allowed(request):
        return render(request, "supervision/forbidden.html", header(request), status=403)
    province = _province(request)
    unit = request.GET.get("don-vi", "") or (province.code if province else "")
    kind = request.GET.get("ky", "thang")
    value = request.GET.get("gia-tri", "") or f"{timezone.localdate():%Y-%m}"
    error, report = "", None
    try:
        parse = {"thang": periods.month, "quy": periods.quarter, "nam": periods.year}.get(kind, periods.month)
        report = results.results(unit, parse(value))
    except periods.BadPeriod:
        error = _("Kỳ báo cáo không hợp lệ: tháng viết YYYY-MM, quý YYYY-Qn, năm YYYY.")
    except results.UnknownUnit:
        error = _("Không có đơn vị hành chính mã %(code)s.") % {"code": unit}
    fmt = request.GET.get("dinh-dang", "")
    if report and fmt in ("xlsx", "pdf", "csv"):
        return _download(report, fmt, unit, value)
    return page(
        request,
        "supervision/reports.html",
        {"report": report, "error": error, "unit": unit, "kind": kind, "value": value},
        status=400 if error else 200,
    )


def _download(report, fmt: str, unit: str, value: str) -> HttpResponse:
    name = f"bao-cao-ket-qua-{unit}-{value}"
    if fmt == "xlsx":
        from .xlsx import results_xlsx

        body = results_xlsx(report)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        from .pdf import results_pdf

        body, kind = results_pdf(report), "application/pdf"
    else:
        from .management.commands.report import write_csv

        out = io.StringIO()
        out.write("\ufeff")
        write_csv(out, report)
        body, kind = out.getvalue().encode("utf-8"), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
