"""My work (queues by what needs doing) and search; the supervisor's view is in supervisor.py."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import selectors
from .common import clock, officer_required, page, rows


def _queue_labels() -> dict[str, str]:
    return {
        "cho-tiep-nhan": _("Chờ tiếp nhận trực tuyến"),
        "den-han-hom-nay": _("Đến hạn hôm nay"),
        "sap-den-han": _("Sắp đến hạn (2 ngày làm việc)"),
        "qua-han": _("Quá hạn"),
        "cho-bo-sung": _("Chờ bổ sung"),
        "tra-ve-cho-toi": _("Trả về cho tôi"),
    }


@officer_required
def my_work(request):
    cal, m = clock(request)
    counts = selectors.queue_counts(request.user, m)
    labels = _queue_labels()
    asked = request.GET.get("hang", "")
    if asked not in selectors.QUEUE_BY_SLUG:
        asked = next((q.slug for q in selectors.QUEUES if counts[q.slug]), selectors.QUEUES[1].slug)
    dossiers = selectors.queue_list(request.user, asked, m)
    queues = [
        {"slug": q.slug, "label": labels[q.slug], "count": counts[q.slug], "current": q.slug == asked}
        for q in selectors.QUEUES
    ]
    return page(
        request,
        "workspace/my_work.html",
        {
            "queues": queues,
            "queue": asked,
            "queue_label": labels[asked],
            "rows": rows(dossiers, cal, m.now),
            "now": m.now,
            "limit": selectors.LIST_SIZE,
        },
    )


@officer_required
def search(request):
    text = request.GET.get("q", "")
    query = selectors.classify(text)
    found, error = [], ""
    if text.strip() and not query.kind:
        error = _("Hãy nhập mã hồ sơ, họ tên, số điện thoại hoặc số định danh.")
    elif query.kind == "name" and len(query.text) < 2:
        error = _("Hãy nhập ít nhất 2 chữ cái của họ tên.")
    elif query.kind:
        found = selectors.search(request.user, query)
    cal, m = clock(request) if found else (None, None)
    return page(
        request,
        "workspace/search.html",
        {
            "q": text,
            "kind": query.kind,
            "error": error,
            "rows": rows(found, cal, m.now) if found else [],
            "searched": bool(text.strip()) and not error,
            "limit": selectors.SEARCH_SIZE,
        },
    )
