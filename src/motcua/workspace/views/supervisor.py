"""The supervisor's view: totals, per branch, per agency (filtered and paged), drill-down to dossiers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .. import selectors, supervision
from .common import clock, officer_required, page, rows

COLUMNS = ("received_today", "in_progress", "due_soon", "late")


def _column_labels() -> dict[str, str]:
    return {
        "received_today": _("Tiếp nhận hôm nay"),
        "in_progress": _("Đang giải quyết"),
        "due_soon": _("Sắp đến hạn"),
        "late": _("Quá hạn"),
    }


@officer_required
def supervisor(request):
    cal, m = clock(request)
    labels = _column_labels()
    key, column = request.GET.get("o", ""), request.GET.get("cot", "")
    drill = None
    if key and column in COLUMNS:
        drill = {
            "key": key,
            "column": labels[column],
            "rows": rows(selectors.drill_down(request.user, key, column, m), cal, m.now),
        }
    wanted = supervision.AgencyFilter.from_query(request.GET)
    overview = supervision.overview(request.user, m, wanted)
    kept = {k: v for k, v in (("loai", wanted.kind), ("ten", wanted.name), ("chi-nhanh", wanted.branch)) if v}

    def page_link(n: int) -> str:
        return "?" + urlencode({**kept, "trang": n}) + "#co-quan"

    return page(
        request,
        "workspace/supervisor.html",
        {
            "overview": overview,
            "wanted": wanted,
            "columns": [(c, labels[c]) for c in COLUMNS],
            "drill": drill,
            "now": m.now,
            "limit": selectors.LIST_SIZE,
            "branch_choices": [(int(t.key.partition(":")[2]), t.name) for t in overview.branches if t.name],
            "previous_page": page_link(overview.page - 1) if overview.page > 1 else "",
            "next_page": page_link(overview.page + 1) if overview.page < overview.pages else "",
        },
    )
