"""Citizen pages under /lay-so/: choose a place, book a number, the confirmation (QR code, printable),
the kiosk (walk-in numbers, check-in of bookings) and the TV screen. Thin: services and selectors do
the work; a refused input comes back next to its field with everything typed kept."""

import segno
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.errors import DomainError

from . import clock, selectors, services
from .errors import QueueInputError
from .forms import BookingForm, CheckInForm, WalkInForm, mark_invalid
from .models import PriorityCategory


def _place_or_404(code):
    try:
        return selectors.place_by_code(code)
    except DomainError as exc:
        raise Http404(exc.message) from None


def home(request):
    places = selectors.queue_places().select_related("province")
    return render(request, "queueing/home.html", {"places": places})


def _attach(form, exc: DomainError) -> None:
    field = getattr(exc, "field", "")
    form.add_error(field if field in form.fields else None, exc.message)


@require_http_methods(["GET", "POST"])
def book(request, code):
    place = _place_or_404(code)
    now = clock.now()
    choices = selectors.booking_choices(place, now)
    offered = selectors.services_at(place)
    kwargs = {"services": offered, "choices": choices, "today": now.date()}
    form = BookingForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = services.book_online(place=place, **data, now=now)
        except QueueInputError as exc:
            _attach(form, exc)
        else:
            return redirect("queueing:ticket", token=ticket.token)
    mark_invalid(form)
    full = sorted(f"{service_id}|{day.isoformat()}|{slot:%H:%M}" for service_id, day, slot in choices.full)
    context = {
        "place": place,
        "form": form,
        "policy": choices.policy,
        "has_services": bool(offered),
        "full_slots": full,
    }
    return render(request, "queueing/book.html", context, status=400 if form.errors else 200)


def ticket(request, token):
    try:
        found = selectors.ticket_by_token(token)
    except DomainError:
        raise Http404 from None
    url = request.build_absolute_uri(reverse("queueing:ticket", args=[found.token]))
    qr = segno.make(url, error="m").svg_inline(scale=4, dark="#1d2430", title=found.number)
    context = {"ticket": found, "qr": qr, "from_kiosk": request.GET.get("kiosk") == "1"}
    return render(request, "queueing/ticket.html", context)


@require_POST
def cancel(request, token):
    try:
        services.cancel(token=token)
    except DomainError:
        pass  # the page shows the ticket's real status either way
    return redirect("queueing:ticket", token=token)


def _kiosk_context(place, walk_in=None, check_in=None):
    return {
        "place": place,
        "services": selectors.services_at(place),
        "priorities": [c for c in PriorityCategory.choices if c[0]],
        "walk_in_form": walk_in,
        "check_in_form": check_in or CheckInForm(),
        "checked_in": [],
    }


@require_http_methods(["GET", "POST"])
def kiosk(request, code):
    place = _place_or_404(code)
    if request.method == "GET":
        return render(request, "queueing/kiosk.html", _kiosk_context(place))
    form = WalkInForm(request.POST, services=selectors.services_at(place))
    if form.is_valid():
        try:
            issued = services.issue_walk_in(place=place, **form.cleaned_data)
        except QueueInputError as exc:
            _attach(form, exc)
        else:
            return redirect(reverse("queueing:ticket", args=[issued.token]) + "?kiosk=1")
    return render(request, "queueing/kiosk.html", _kiosk_context(place, walk_in=form), status=400)


@require_POST
def kiosk_check_in(request, code):
    place = _place_or_404(code)
    form = CheckInForm(request.POST)
    context = _kiosk_context(place, check_in=form)
    if form.is_valid():
        try:
            context["checked_in"] = services.check_in(place=place, id_number=form.cleaned_data["id_number"])
        except QueueInputError as exc:
            _attach(form, exc)
        else:
            context["check_in_form"] = CheckInForm()
            return render(request, "queueing/kiosk.html", context)
    mark_invalid(form)
    return render(request, "queueing/kiosk.html", context, status=400)


def screen(request, code):
    place = _place_or_404(code)
    context = {
        "place": place,
        "board": selectors.board(place),
        "board_url": reverse("queue-api:board", args=[place.code]),
    }
    return render(request, "queueing/screen.html", context)
