"""Public catalog pages: browse by field and level, search, one procedure with its checklist.

Reads only, through the catalog, search and portal selectors; each page is a fixed number of queries.
The province comes from `?tinh=` (default Hà Nội when it has adopted procedures).
"""

import posixpath
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Q, prefetch_related_objects
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.catalog import display
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Channel
from motcua.core.errors import DomainError
from motcua.org.models import PlaceKind
from motcua.search.facts import facts_for
from motcua.search.selectors import search_procedures

from . import selectors

PAGE_SIZE = 25
SEARCH_LIMIT = 20
SHORT_LIST = 6  # places shown before "see all"
CASE_TITLE_CHARS = 220  # some case titles are whole paragraphs: the rest goes behind "see all"
LEVEL_SLUGS = {"tinh": "province", "xa": "commune"}
CHANNEL_ORDER = {Channel.IN_PERSON: 0, Channel.ONLINE: 1, Channel.POSTAL: 2}


def _province_context(request) -> dict:
    provinces = selectors.adopting_provinces()
    asked = (request.GET.get("tinh") or "").strip() or None
    province = selectors.choose_province(provinces, asked)
    notice = ""
    if asked and (province is None or province.code != asked):
        notice = _("Chưa có danh mục thủ tục của tỉnh, thành phố có mã “%(code)s”.") % {"code": asked[:10]}
    return {
        "provinces": provinces,
        "province": province,
        "province_code": province.code if province else None,
        "province_notice": notice,
        "province_qs": f"?tinh={province.code}" if province else "",
    }


def _hit_rows(hits, province: str | None) -> list[dict]:
    """A result as a citizen weighs it: name, then time limit, fee and whether it can be sent online."""
    facts = facts_for([h.version_id for h in hits], province)
    return [
        {
            "code": h.code,
            "name": h.name,
            "field": h.field_name,
            "levels": display.level_labels(h.levels),
            "facts": facts[h.version_id],
        }
        for h in hits
    ]


def catalog_home(request):
    context = _province_context(request)
    code = context["province_code"]
    query = " ".join(request.GET.get("q", "").split())
    # Where the search is made: a commune reception point links here with ?cap=xa, the province's
    # center with ?cap=tinh; the procedures of that level come first among close matches.
    level_slug = request.GET.get("cap", "") if request.GET.get("cap", "") in LEVEL_SLUGS else ""
    hits, error = [], ""
    if query:
        try:
            found = search_procedures(
                query, limit=SEARCH_LIMIT, province=code, level=LEVEL_SLUGS.get(level_slug)
            )
            hits = _hit_rows(found, code)
        except DomainError as exc:
            error = exc.message
    overview = selectors.overview(code)
    context.update(
        query=query,
        hits=hits,
        error=error,
        level_slug=level_slug,
        search_level=LEVEL_SLUGS.get(level_slug, ""),
        overview=overview,
        shown={key: display.number(value) for key, value in overview["levels"].items()},
        search_api=reverse("procedure-search"),
        level_names={
            "province": _("Cấp tỉnh"),
            "commune": _("Cấp xã"),
            "ministry": _("Cấp bộ"),
            "other": _("Cơ quan khác"),
        },
    )
    return render(request, "portal/catalog/home.html", context)


def field_list(request, field_id: int):
    field = selectors.field_by_id(field_id)
    if field is None:
        return _not_found(request, _province_context(request), kind="field")
    return _procedure_list(request, field=field, level=LEVEL_SLUGS.get(request.GET.get("cap", "")))


def level_list(request, level: str):
    if level not in LEVEL_SLUGS:
        return _not_found(request, _province_context(request), kind="level")
    return _procedure_list(request, field=None, level=LEVEL_SLUGS[level])


def _procedure_list(request, *, field, level: str | None):
    context = _province_context(request)
    code = context["province_code"]
    versions = selectors.procedures(code, level=level, field=field.pk if field else None)
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    prefetch_related_objects(rows, "channel_terms")
    level_counts = None
    if field is not None:
        level_counts = (
            selectors.procedures(code, field=field.pk)
            .order_by()
            .aggregate(
                total=Count("id"),
                province=Count("id", filter=Q(at_province=True)),
                commune=Count("id", filter=Q(at_commune=True)),
            )
        )
    context.update(
        field=field,
        level=level,
        level_slug={v: k for k, v in LEVEL_SLUGS.items()}.get(level or ""),
        level_counts=level_counts,
        page=page,
        total_shown=display.number(page.paginator.count),
        rows=[_row(version) for version in rows],
    )
    return render(request, "portal/catalog/list.html", context)


def _row(version) -> dict:
    terms = sorted(version.channel_terms.all(), key=lambda t: (CHANNEL_ORDER.get(t.channel, 9), t.position))
    first = terms[0] if terms else None
    return {
        "code": version.procedure.code,
        "name": version.name,
        "field": version.field.name if version.field_id else "",
        "levels": display.level_labels(version.levels),
        "time": display.time_limit(first) if first else None,
        "fee": display.fee(first) if first else None,
    }


def procedure_detail(request, code: str):
    context = _province_context(request)
    try:
        procedure = catalog.get_procedure(code)
    except DomainError:
        return _not_found(request, context, kind="procedure", code=code)
    version = catalog.current_version(procedure)
    if version is None:
        return _not_found(request, context, kind="retired", code=code)
    province = context["province"]
    adoption = selectors.adoption(procedure, province)
    adopted = adoption is not None and adoption.active
    boundary_free = version.boundary_free or bool(adopted and adoption.boundary_free)
    places = selectors.reception_places(province, version, boundary_free=boundary_free) if adopted else []
    terms = sorted(version.channel_terms.all(), key=lambda t: (CHANNEL_ORDER.get(t.channel, 9), t.position))
    checklist = _checklist(procedure.code, version)
    context.update(
        procedure=procedure,
        version=version,
        levels=display.level_labels(version.levels),
        agency=_agency(version, adoption if adopted else None),
        adopted=adopted,
        terms=[
            {
                "channel": term.channel,
                "label": display.channel_label(term.channel),
                "time": display.time_limit(term),
                "fee": display.fee(term, adoption if adopted else None),
                "description": term.description,
            }
            for term in terms
        ],
        channels={term.channel for term in terms},
        checklist=checklist,
        document_count=sum(len(group["documents"]) for group in checklist),
        results=list(version.results.all()),
        legal_bases=list(version.legal_bases.all()),
        boundary_free=boundary_free,
        where=_where(version, places, boundary_free),
    )
    return render(request, "portal/catalog/procedure.html", context)


def _agency(version, adoption) -> str:
    """The competent agency: the province's own when it set one, else what the national text says."""
    if adoption is not None and adoption.agency_id:
        return adoption.agency.name
    if adoption is not None and adoption.agency_name:
        return adoption.agency_name
    text = " ".join((version.competent_authority or version.agency_name or "").split())
    if text:
        return text
    if version.agency_kind != "unknown":
        return version.get_agency_kind_display()
    if version.at_commune and not version.at_province:
        return _("Ủy ban nhân dân xã, phường, đặc khu")
    return ""


def _case_title(title: str) -> str:
    return " ".join(title.split()).lstrip("*-•+ ").strip()


def _checklist(code: str, version) -> list[dict]:
    """Documents grouped by case (trường hợp): documents of no case first, for every case."""
    by_case = defaultdict(list)
    for document in version.documents.all():
        by_case[document.case_id].append(
            {
                "id": document.pk,
                "name": " ".join(document.name.split()),
                "copies": display.copies(document),
                "required": document.required,
                "template_name": document.template_name,
                "template_url": reverse("portal:procedure-form", args=[code, document.pk])
                if document.template
                else "",
            }
        )
    groups = []
    if by_case[None]:
        groups.append({"title": "", "documents": by_case[None]})
    for case in version.cases.all():
        title = _case_title(case.title)
        short = Truncator(title).chars(CASE_TITLE_CHARS)
        groups.append(
            {
                "title": short,
                "title_full": title if short != title else "",
                "documents": by_case.get(case.id, []),
            }
        )
    return groups


PLACE_GROUPS = (
    ("center", lambda n: ngettext("%(n)s trung tâm", "%(n)s trung tâm", n)),
    ("branch", lambda n: ngettext("%(n)s chi nhánh", "%(n)s chi nhánh", n)),
    ("service_point", lambda n: ngettext("%(n)s điểm phục vụ", "%(n)s điểm phục vụ", n)),
    ("commune_point", lambda n: ngettext("%(n)s điểm tiếp nhận cấp xã", "%(n)s điểm tiếp nhận cấp xã", n)),
    ("commune_center", lambda n: ngettext("%(n)s trung tâm cấp xã", "%(n)s trung tâm cấp xã", n)),
)


def _where(version, places, boundary_free: bool) -> dict:
    counts = defaultdict(int)
    for place in places:
        counts["commune_center" if place.is_commune_center else place.kind] += 1
    has_branches = bool(counts["branch"] or counts["service_point"])
    return {
        "rule": _rule(version, boundary_free, has_branches=has_branches),
        "total": len(places),
        "counts": [label(counts[key]) % {"n": counts[key]} for key, label in PLACE_GROUPS if counts[key]],
        "short": [_place(p) for p in places[:SHORT_LIST]],
        "rest": [_place(p) for p in places[SHORT_LIST:]],
    }


def _rule(version, boundary_free: bool, *, has_branches: bool) -> str:
    """Where to go, in one sentence, from the boundary flag and the competent level(s)."""
    if boundary_free:
        return _("Nộp tại bất kỳ chi nhánh, điểm phục vụ nào trong tỉnh, không phụ thuộc nơi bạn cư trú.")
    commune = version.at_commune
    province = version.at_province or not commune
    if province and commune:
        return _(
            "Tùy trường hợp, thủ tục do cấp tỉnh hoặc cấp xã giải quyết: nộp tại Trung tâm Phục vụ hành chính "
            "công của tỉnh (hoặc chi nhánh, điểm phục vụ của Trung tâm), hoặc tại nơi tiếp nhận của xã, "
            "phường, đặc khu nơi bạn cư trú."
        )
    if commune:
        return _("Nộp tại nơi tiếp nhận của xã, phường, đặc khu nơi bạn cư trú.")
    if has_branches:
        return _(
            "Nộp tại Trung tâm Phục vụ hành chính công của tỉnh hoặc tại các chi nhánh, điểm phục vụ của Trung tâm."
        )
    return _("Nộp tại Trung tâm Phục vụ hành chính công của tỉnh.")


def _place(place) -> dict:
    kind = str(_("Trung tâm cấp xã") if place.is_commune_center else PlaceKind(place.kind).label)
    if place.name.lower().startswith(kind.lower()):
        kind = ""  # "Trung tâm Phục vụ hành chính công thành phố X" needs no label
    return {"name": place.name, "kind": kind, "address": place.address, "phone": place.phone}


def form_template(request, code: str, document_id: int):
    """Download a form template (mẫu đơn, tờ khai) of a procedure's version in force."""
    context = _province_context(request)
    try:
        version = catalog.current_version(catalog.get_procedure(code))
    except DomainError:
        version = None
    document = None
    if version is not None:
        document = next((d for d in version.documents.all() if d.pk == document_id and d.template), None)
    if document is None:
        return _not_found(request, context, kind="form", code=code)
    name = document.template_name or posixpath.basename(document.template.name)
    return FileResponse(document.template.open("rb"), as_attachment=True, filename=name)


def _not_found(request, context: dict, *, kind: str, code: str = ""):
    messages = {
        "procedure": _("Không có thủ tục nào mang mã “%(code)s”."),
        "retired": _("Thủ tục mã “%(code)s” đã bãi bỏ hoặc chưa có hiệu lực."),
        "field": _("Không có lĩnh vực này."),
        "level": _("Không có cấp thực hiện này."),
        "form": _("Không có mẫu đơn, tờ khai này."),
    }
    context.update(message=messages[kind] % {"code": code[:40]}, code=code[:40])
    return render(request, "portal/catalog/not_found.html", context, status=404)
