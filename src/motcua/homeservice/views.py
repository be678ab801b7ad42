"""Pages of home service: the public request form and status page, the supervisor's list and schedule
form, the officer's visits and the `return_to` endpoint of the workspace's counter reception."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.decorators import staff_login_required
from motcua.calendar.clock import TZ
from motcua.core.clientip import client_ip
from motcua.core.collation import sorted_vi
from motcua.core.errors import DomainError
from motcua.units import selectors as units

from . import selectors, services
from .errors import HomeServiceInputError
from .forms import LookupForm, ReasonForm, RequestForm, ScheduleForm
from .reasons import REASONS

DEFAULT_PROVINCE = "01"
LOOKUPS_PER_WINDOW, LOOKUP_WINDOW = 20, 600  # status look-ups per client per 10 minutes


def _show_errors(form, error: DomainError) -> None:
    fields = getattr(error, "errors", None) or {getattr(error, "field", "__all__"): error.message}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)


# ---- public ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def request_form(request):
    provinces = list(units.list_provinces())
    chosen = (request.POST or request.GET).get("province") or DEFAULT_PROVINCE
    if chosen not in {p.code for p in provinces}:
        chosen = DEFAULT_PROVINCE
    communes = sorted_vi(units.in_force().communes().filter(province_code=chosen), key=lambda c: c.name)
    form_kwargs = {"provinces": provinces, "communes": communes}
    if request.method == "POST" and request.POST.get(
        "reload"
    ):  # without JavaScript: the chosen province's communes
        typed = {
            **request.POST.dict(),
            **{k: request.POST.getlist(k) for k in ("preferred_days", "preferred_windows")},
        }
        form = RequestForm(initial=typed, **form_kwargs)
    elif request.method == "POST":
        form = RequestForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = dict(form.cleaned_data)
            if data.get("commune") and data["commune"] not in {c.code for c in communes}:
                form.add_error("commune", _("Hãy chọn xã, phường, đặc khu thuộc tỉnh, thành phố đã chọn."))
            else:
                try:
                    created = services.create_request(data)
                except HomeServiceInputError as error:
                    _show_errors(form, error)
                else:
                    request.session["homeservice_sent"] = created.code
                    return redirect("homeservice:sent")
    else:
        form = RequestForm(initial={"province": chosen}, **form_kwargs)
    return render(
        request,
        "homeservice/request_form.html",
        {"form": form, "reasons": REASONS, "province": chosen},
        status=400 if form.errors else 200,
    )


def sent(request):
    code = request.session.get("homeservice_sent")
    if not code:
        return redirect("homeservice:request")
    return render(request, "homeservice/sent.html", {"code": code})


@require_http_methods(["GET", "POST"])
def status(request):
    form = LookupForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        # Per address and code: the people behind one shared address keep their own budgets.
        key = f"homeservice:lookup:{client_ip(request)}:{form.cleaned_data['code']}"
        tries = cache.get_or_set(key, 0, LOOKUP_WINDOW)
        cache.incr(key)
        if tries >= LOOKUPS_PER_WINDOW:
            form.add_error(None, _("Bạn đã tra cứu quá nhiều lần. Hãy thử lại sau ít phút."))
        else:
            found = selectors.find_for_person(form.cleaned_data["code"], form.cleaned_data["phone"])
            if found is None:
                form.add_error("code", _("Không tìm thấy yêu cầu với mã và số điện thoại này."))
    return render(
        request,
        "homeservice/status.html",
        {"form": form, "found": found},
        status=400 if form.errors else 200,
    )


# ---- supervisor --------------------------------------------------------------------------------------


@staff_login_required
def supervise(request):
    if not selectors.supervised(request.user).exists() and not _is_any_supervisor(request.user):
        raise PermissionDenied
    return render(request, "homeservice/supervise.html", {"requests": selectors.open_requests(request.user)})


def _is_any_supervisor(user) -> bool:
    from motcua.org import selectors as org
    from motcua.org.roles import RoleCode

    return bool(org.scopes_for(user, role=RoleCode.SUPERVISOR))


def _supervised(user, code: str):
    found = selectors.supervised(user).filter(code=code).first()
    if found is None:
        raise Http404
    return found


@staff_login_required
@require_http_methods(["GET", "POST"])
def supervise_detail(request, code: str):
    item = _supervised(request.user, code)
    officers = list(selectors.officers_for(item))
    schedule_form = ScheduleForm(initial={"version": item.version}, officers=officers)
    reason_form = ReasonForm(initial={"version": item.version})
    if request.method == "POST":
        if request.POST.get("action") == "schedule":
            schedule_form = ScheduleForm(request.POST, officers=officers)
            if _schedule(request, item, schedule_form):
                return redirect("homeservice:supervise")
        else:
            reason_form = ReasonForm(request.POST)
            if _refuse(request, item, reason_form):
                return redirect("homeservice:supervise")
    errors = schedule_form.errors or reason_form.errors
    return render(
        request,
        "homeservice/supervise_detail.html",
        {
            "item": item,
            "schedule_form": schedule_form,
            "reason_form": reason_form,
            "events": item.events.all(),
        },
        status=400 if errors else 200,
    )


def _schedule(request, item, form) -> bool:
    form.is_valid()
    data = form.cleaned_data
    for field in ("officer", "day", "start", "end"):
        if not data.get(field) and field not in form.errors:
            form.add_error(field, _("Không được để trống."))
    if form.errors:
        return False
    officer = get_user_model().objects.filter(pk=data["officer"]).first()
    start = datetime.combine(data["day"], data["start"], tzinfo=TZ)
    end = datetime.combine(data["day"], data["end"], tzinfo=TZ)
    try:
        services.schedule(
            item,
            actor=request.user,
            version=data["version"],
            officer=officer,
            slot_start=start,
            slot_end=end,
            note=data.get("note", ""),
        )
    except DomainError as error:
        if getattr(error, "field", "") == "slot":
            error.field = "day"
        _show_errors(form, error)
        return False
    messages.success(
        request, _("Đã phân công cán bộ và hẹn lịch cho yêu cầu %(code)s.") % {"code": item.code}
    )
    return True


def _refuse(request, item, form) -> bool:
    if not form.is_valid():
        return False
    action = services.cancel if request.POST.get("action") == "cancel" else services.declare_not_possible
    try:
        action(
            item, actor=request.user, version=form.cleaned_data["version"], reason=form.cleaned_data["note"]
        )
    except DomainError as error:
        _show_errors(form, error)
        return False
    messages.success(request, _("Đã cập nhật yêu cầu %(code)s.") % {"code": item.code})
    return True


# ---- officer -----------------------------------------------------------------------------------------


def reception_link(item) -> str | None:
    """The workspace's counter reception, prefilled for a home visit, coming back to `received`.
    None while the workspace is not installed."""
    try:
        base = reverse("workspace:receive")
    except NoReverseMatch:
        return None
    params = {
        "channel": "home_visit",
        "procedure": item.procedure.code if item.procedure_id else "",
        "applicant_name": item.person_name,
        "applicant_id": item.person_id_number,
        "applicant_phone": item.person_phone,
        "applicant_address": item.address,
        "commune": item.commune.code,
        "return_to": reverse("homeservice:received", args=[item.code]),
    }
    return f"{base}?{urlencode(params)}"


@staff_login_required
def visits(request):
    return render(request, "homeservice/visits.html", {"visits": selectors.my_visits(request.user)})


def _my_visit(user, code: str):
    found = selectors.my_visits(user).filter(code=code).first()
    if found is None:
        raise Http404
    return found


@staff_login_required
@require_http_methods(["GET", "POST"])
def visit(request, code: str):
    item = _my_visit(request.user, code)
    form = ReasonForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_visit(
                item,
                officer=request.user,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận kết quả chuyến đi."))
            return redirect("homeservice:visit", code=code)
    return _visit_page(request, item, form, status=400 if form.errors else 200)


def _visit_page(request, item, form, *, status=200, error=""):
    return render(
        request,
        "homeservice/visit.html",
        {"item": item, "form": form, "link": reception_link(item), "error": error},
        status=status,
    )


@staff_login_required
def received(request, code: str):
    """`return_to` of the workspace's reception: ?dossier=<code> links the dossier and closes the visit.
    Safe to repeat; it only links a dossier this officer received through a home visit."""
    item = _my_visit(request.user, code)
    try:
        services.link_received_dossier(
            item, officer=request.user, dossier_code=request.GET.get("dossier", "")
        )
    except DomainError as error:
        item.refresh_from_db()
        return _visit_page(
            request, item, ReasonForm(initial={"version": item.version}), status=400, error=error.message
        )
    messages.success(request, _("Đã tiếp nhận hồ sơ tại nhà và đóng yêu cầu."))
    return redirect("homeservice:visit", code=code)
