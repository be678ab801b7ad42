"""The officer's counter panel under /can-bo/quay/ (staff only): choose a counter among those of the
places one is a reception officer at, call the next number, call again, start, done, absent; and the
day's waiting-time statistics of a place."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.decorators import STAFF_LOGIN_URL, staff_login_required
from motcua.core.errors import DomainError
from motcua.org.roles import RoleCode
from motcua.org.selectors import can_act

from . import clock, selectors, services
from .services.calling import services_of

SESSION_KEY = "queueing_counter"
ACTIONS = {
    "goi-tiep": "call_next",
    "goi-lai": "recall",
    "phuc-vu": "start_serving",
    "xong": "finish",
    "vang-mat": "mark_no_show",
}


def login(request):
    """The panel's former sign-in address: staff sign in once, at the workspace (ADR 0017), and come
    back to the panel."""
    return redirect_to_login(reverse("queueing:panel"), reverse(STAFF_LOGIN_URL))


def _chosen_counter(request):
    counters = list(selectors.counters_for(request.user))
    chosen_id = request.session.get(SESSION_KEY)
    chosen = next((c for c in counters if c.pk == chosen_id), None)
    if chosen is None and len(counters) == 1:
        chosen = counters[0]
    return counters, chosen


@staff_login_required
def panel(request):
    counters, counter = _chosen_counter(request)
    context = {"counters": counters, "counter": counter}
    if counter is not None:
        context.update(selectors.counter_panel(counter, services_of(counter)))
    return render(request, "queueing/panel.html", context)


@require_POST
@staff_login_required
def choose_counter(request):
    counters, _counter = _chosen_counter(request)
    wanted = request.POST.get("counter", "")
    match = next((c for c in counters if str(c.pk) == wanted), None)
    if match is None:
        messages.error(request, _("Hãy chọn một quầy tại nơi bạn được phân công."))
    else:
        request.session[SESSION_KEY] = match.pk
    return redirect("queueing:panel")


@require_POST
@staff_login_required
def act(request, action):
    name = ACTIONS.get(action)
    _counters, counter = _chosen_counter(request)
    if name is None or counter is None:
        messages.error(request, _("Hãy chọn quầy trước."))
        return redirect("queueing:panel")
    kwargs = {"counter": counter, "officer": request.user}
    if name != "call_next":
        ticket_id = request.POST.get("ticket", "")
        if not ticket_id.isdigit():
            messages.error(request, _("Không tìm thấy số thứ tự."))
            return redirect("queueing:panel")
        kwargs["ticket_id"] = int(ticket_id)
    try:
        ticket = getattr(services, name)(**kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if name in ("call_next", "recall"):
            messages.success(
                request,
                _("Đang gọi số %(number)s tới quầy %(counter)s.")
                % {"number": ticket.number, "counter": counter.number},
            )
    return redirect("queueing:panel")


@staff_login_required
def stats(request, code):
    try:
        place = selectors.place_by_code(code)
    except DomainError:
        raise PermissionDenied from None
    allowed = any(
        can_act(request.user, role, place) for role in (RoleCode.SUPERVISOR, RoleCode.RECEPTION_OFFICER)
    )
    if not allowed:
        raise PermissionDenied
    try:
        day = date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        day = clock.now().date()
    rows = selectors.waiting_stats(place, day)
    return render(request, "queueing/stats.html", {"place": place, "day": day, "rows": rows})
