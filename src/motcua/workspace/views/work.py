"""My work (queues by what needs doing) and search; the supervisor's view is in supervisor.py."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from motcua.catalog.models import Field
from motcua.core.text import fold
from motcua.org.models import Agency
from motcua.org.roles import DOSSIER_READERS

from .. import desks, selectors
from .common import clock, officer_required, page, roles_required, rows

ROLE_HOMES = (("catalog_admin", "workspace:catalog-queue"), ("postal_agent", "postal:hub"))


def _desk_choices(request) -> list:
    codes = {a.role.code for a in getattr(request, "officer_assignments", [])}
    return desks.desks_for(codes)


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else 1


@officer_required
def my_work(request):
    """The officer's desks (one per role held), the chosen desk's queues with counts under the filters,
    and one page of the chosen queue."""
    available = _desk_choices(request)
    if not available:
        # Roles whose work is not a dossier queue start where their work is.
        held = {a.role.code for a in getattr(request, "officer_assignments", [])}
        home = next((url for role, url in ROLE_HOMES if role in held), None)
        if home:
            return redirect(home)
        return page(request, "workspace/my_work.html", {"desks": [], "desk": None})
    desk = next((d for d in available if d.slug == request.GET.get("ban")), available[0])
    filters = desks.Filters.from_query(request.GET)
    cal, m = clock(request)
    counts = desks.counts(desk, request.user, m, filters)
    asked = request.GET.get("hang", "")
    if desk.queue(asked) is None:
        asked = next((q.slug for q in desk.queues if counts[q.slug]), desk.queues[0].slug)
    total = counts[asked]
    last = desks.pages(total)
    number = min(_page_number(request.GET.get("trang", "")), last)
    found = desks.page_of(desk, asked, request.user, m, filters, page=number)
    keep = filters.query()

    def link(**params) -> str:
        return "?" + urlencode({"ban": desk.slug, **keep, **params})

    queues = [
        {
            "slug": q.slug,
            "label": q.label,
            "count": counts[q.slug],
            "current": q.slug == asked,
            "alarm": q.alarm and counts[q.slug],
            "url": link(hang=q.slug),
        }
        for q in desk.queues
    ]
    current = desk.queue(asked)
    return page(
        request,
        "workspace/my_work.html",
        {
            "desks": [
                {"slug": d.slug, "label": d.label, "current": d is desk, "url": "?ban=" + d.slug}
                for d in available
            ],
            "desk": desk,
            "queues": queues,
            "queue": asked,
            "queue_label": current.label,
            "rows": rows(found, cal, m.now),
            "now": m.now,
            "limit": desks.PAGE_SIZE,
            "pager": {
                "number": number,
                "last": last,
                "total": total,
                "previous": link(hang=asked, trang=number - 1) if number > 1 else "",
                "next": link(hang=asked, trang=number + 1) if number < last else "",
            },
            "filters": filters,
            "filtered": bool(filters),
            "choices": filter_choices(request, desk),
        },
    )


def filter_choices(request, desk) -> dict:
    """The fields and agencies the filter offers: the agencies the officer holds in the desk's role
    (every agency of the province for reception officers and supervisors, who see them all)."""
    held = desks.held(request.user, desk.role) if desk.role != desks.SUPERVISOR else None
    if held is not None and held.agencies and desk.role != desks.OFFICER:
        agencies = Agency.objects.filter(pk__in=held.agencies)
    else:
        provinces = {a.province_id for a in getattr(request, "officer_assignments", [])}
        agencies = Agency.objects.filter(province_id__in=provinces, is_active=True)
    return {
        "fields": list(Field.objects.order_by("name").values_list("pk", "name")),
        "agencies": sorted(agencies.values_list("pk", "name"), key=lambda a: fold(a[1])),
    }


@officer_required
@roles_required(DOSSIER_READERS)
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
