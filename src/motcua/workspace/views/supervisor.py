"""The supervisor's live view: totals, per branch, per agency (filtered and paged), per officer, the alert
list and the 30-day trend; every figure drills down to its dossiers (also as CSV). The page polls its
live part with htmx every POLL_SECONDS and swaps it in place (no reload, no script of ours)."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from motcua.core.masking import mask_text

from .. import charts, selectors, supervision, trends
from ..desks import WATCHING
from .common import clock, officer_required, page, roles_required, rows

COLUMNS = selectors.TALLY_FIELDS
POLL_SECONDS = 30  # the default of the setting SUPERVISION_POLL_SECONDS


def _column_labels() -> dict[str, str]:
    return {
        "received_today": _("Tiếp nhận hôm nay"),
        "in_progress": _("Đang giải quyết"),
        "due_today": _("Đến hạn hôm nay"),
        "at_risk": _("Sắp quá hạn"),
        "late": _("Quá hạn"),
        "supplement": _("Chờ bổ sung"),
        "apology": _("Có phiếu xin lỗi"),
        "returned_today": _("Trả kết quả hôm nay"),
    }


def _csv(listing: list[dict], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so that Excel reads UTF-8
    out = csv.writer(response)
    out.writerow([_("Mã hồ sơ"), _("Thủ tục"), _("Người yêu cầu"), _("Trạng thái"), _("Hạn giải quyết")])
    for r in listing:
        d = r["dossier"]
        due = timezone.localtime(d.due_at).strftime("%d/%m/%Y %H:%M") if d.due_at else ""
        # Names only; any ID or phone number typed into a name is masked (ADR 0053).
        out.writerow([d.code, d.procedure_version.name, mask_text(r["applicant"]), r["status"], due])
    return response


def _trend_chart(request, m) -> str:
    trend = trends.last_days(str(request.user.pk), selectors.visible(request.user), m.now.date())
    return charts.line_chart(
        trend.days,
        [
            charts.Series(_("Tiếp nhận"), "#1d4ed8", trend.received),
            charts.Series(_("Trả kết quả"), "#15803d", trend.returned),
            charts.Series(_("Trả quá hạn"), "#b91c1c", trend.returned_late),
        ],
        title=_("Hồ sơ 30 ngày qua: tiếp nhận, trả kết quả, trả quá hạn"),
    )


@officer_required
@roles_required(WATCHING)
def supervisor(request):
    cal, m = clock(request)
    labels = _column_labels()
    key, column = request.GET.get("o", ""), request.GET.get("cot", "")
    drill, polled = None, bool(request.headers.get("HX-Request"))
    if key and column in COLUMNS and not polled:
        listing = rows(selectors.drill_down(request.user, key, column, m), cal, m.now)
        if request.GET.get("dinh-dang") == "csv":
            return _csv(listing, f"ho-so-{column}")
        drill = {
            "key": key,
            "column": labels[column],
            "rows": listing,
            "csv": f"?o={key}&cot={column}&dinh-dang=csv",
        }
    alerts = rows(supervision.alerts(request.user, m), cal, m.now)
    if request.GET.get("danh-sach") == "canh-bao" and request.GET.get("dinh-dang") == "csv":
        return _csv(alerts, "canh-bao")
    wanted = supervision.AgencyFilter.from_query(request.GET)
    overview = supervision.overview(request.user, m, wanted)
    kept = {
        k: v
        for k, v in (
            ("loai", wanted.kind),
            ("ten", wanted.name),
            ("chi-nhanh", wanted.branch),
            ("co-quan", wanted.agency),
        )
        if v
    }

    def page_link(n: int) -> str:
        return "?" + urlencode({**kept, "trang": n}) + "#co-quan"

    context = {
        "overview": overview,
        "wanted": wanted,
        "columns": [(c, labels[c]) for c in COLUMNS],
        "totals": [(c, labels[c], getattr(overview.total, c)) for c in COLUMNS],
        "drill": drill,
        "alerts": alerts,
        "now": m.now,
        "limit": selectors.LIST_SIZE,
        "poll": getattr(settings, "SUPERVISION_POLL_SECONDS", POLL_SECONDS),
        "branch_choices": [(int(t.key.partition(":")[2]), t.name) for t in overview.branches if t.name],
        "previous_page": page_link(overview.page - 1) if overview.page > 1 else "",
        "next_page": page_link(overview.page + 1) if overview.page < overview.pages else "",
    }
    if polled:  # the poll: only the live part, swapped in place
        return page(request, "workspace/_supervisor_live.html", context)
    context["trend"] = mark_safe(_trend_chart(request, m))  # noqa: S308 (built and escaped by charts)
    return page(request, "workspace/supervisor.html", context)
