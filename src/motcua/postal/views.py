"""Pages of the postal app for reception officers and postal agents (signed in)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.decorators import staff_login_required
from motcua.core.errors import DomainError

from . import pdf, selectors, services, tracking
from .forms import PickupBatchForm, ResultsBatchForm, StatusForm
from .models import Source


def reception_link(item) -> str | None:
    """The workspace's counter reception for a collected dossier handed over here (channel "postal"),
    coming back to `received`; None when the item is not waiting or the workspace is not installed."""
    if item.kind != tracking.Kind.PICKUP or item.status != tracking.Status.HANDED_OVER:
        return None
    try:
        base = reverse("workspace:receive")
    except NoReverseMatch:
        return None
    params = {
        "channel": "postal",
        "procedure": item.procedure.code if item.procedure_id else "",
        "applicant_name": item.name,
        "applicant_id": "",
        "applicant_phone": item.phone,
        "applicant_address": item.address,
        "commune": item.commune.code,
        "return_to": reverse("postal:received", args=[item.code]),
    }
    return f"{base}?{urlencode(params)}"


def _errors_to(form, error: DomainError) -> None:
    fields = (error.details or {}).get("fields") or {
        (error.details or {}).get("field", "__all__"): error.message
    }
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)


def _hub_context(user, results_form=None, pickup_form=None):
    officer_places = list(selectors.officer_places(user))
    agent_places = list(selectors.agent_places(user))
    results = list(selectors.results_to_send(user)) if officer_places else []
    pickups = list(selectors.pickups_to_collect(user)) if agent_places else []
    return {
        "is_officer": bool(officer_places),
        "is_agent": bool(agent_places),
        "results": results,
        "results_form": results_form or ResultsBatchForm(places=officer_places, dossiers=results),
        "pickups": pickups,
        "pickup_form": pickup_form or PickupBatchForm(places=agent_places, shipments=pickups),
        "on_the_road": list(selectors.items_on_the_road(user)) if agent_places else [],
        "arrived": list(selectors.pickups_arrived(user)) if officer_places else [],
        "batches": list(selectors.batches_for(user)[:30]),
    }


@staff_login_required
def hub(request):
    context = _hub_context(request.user)
    if not (context["is_officer"] or context["is_agent"]):
        return render(request, "postal/forbidden.html", status=403)
    return render(request, "postal/hub.html", context)


@staff_login_required
@require_POST
def create_results_batch(request):
    places = list(selectors.officer_places(request.user))
    results = list(selectors.results_to_send(request.user))
    form = ResultsBatchForm(request.POST, places=places, dossiers=results)
    if form.is_valid():
        place = next((p for p in places if p.pk == form.cleaned_data["place"]), None)
        try:
            if place is None:
                raise services.PostalForbidden(_("Bạn không phải cán bộ tiếp nhận của nơi này."))
            batch = services.prepare_results(
                officer=request.user, place=place, dossiers=[int(d) for d in form.cleaned_data["dossiers"]]
            )
        except DomainError as error:
            _errors_to(form, error)
        else:
            return redirect("postal:batch", code=batch.code)
    return render(request, "postal/hub.html", _hub_context(request.user, results_form=form), status=400)


@staff_login_required
@require_POST
def create_pickup_batch(request):
    places = list(selectors.agent_places(request.user))
    pickups = list(selectors.pickups_to_collect(request.user))
    form = PickupBatchForm(request.POST, places=places, shipments=pickups)
    if form.is_valid():
        place = next((p for p in places if p.pk == form.cleaned_data["place"]), None)
        try:
            if place is None:
                raise services.PostalForbidden(_("Bạn không phụ trách bưu chính cho nơi này."))
            batch = services.prepare_pickups(
                agent=request.user, place=place, shipments=[int(s) for s in form.cleaned_data["shipments"]]
            )
        except DomainError as error:
            _errors_to(form, error)
        else:
            return redirect("postal:batch", code=batch.code)
    return render(request, "postal/hub.html", _hub_context(request.user, pickup_form=form), status=400)


def _batch(user, code):
    found = selectors.batches_for(user).filter(code=code).first()
    if found is None:
        raise Http404
    return found


@staff_login_required
def batch(request, code: str):
    found = _batch(request.user, code)
    error = ""
    if request.method == "POST":
        try:
            services.sign(found, user=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã xác nhận biên bản %(code)s.") % {"code": found.code})
            return redirect("postal:batch", code=code)
    items = found.items.select_related("dossier", "commune").order_by("pk")
    can_sign = not found.signed and (
        (found.officer_id is None and services.is_officer(request.user, found.place))
        or (
            found.agent_id is None
            and services.is_agent(request.user, found.place)
            and found.officer_id != request.user.pk
        )
    )
    return render(
        request,
        "postal/batch.html",
        {"batch": found, "items": items, "can_sign": can_sign, "error": error},
        status=400 if error else 200,
    )


@staff_login_required
def batch_pdf(request, code: str):
    found = _batch(request.user, code)
    response = HttpResponse(pdf.render_pdf(pdf.from_batch(found)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-ban-{found.code}.pdf"'
    return response


@staff_login_required
def shipment(request, code: str):
    found = selectors.shipment_for(request.user, code)
    if found is None:
        raise Http404
    form = StatusForm(request.POST or None, kind=found.kind)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["status"]:
            form.add_error("status", _("Hãy chọn trạng thái."))
        else:
            try:
                _updated, event = services.report(
                    found,
                    status=form.cleaned_data["status"],
                    occurred_at=timezone.now(),
                    source=Source.AGENT,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                _errors_to(form, error)
            else:
                if event.outcome == "applied":
                    messages.success(request, _("Đã cập nhật trạng thái bưu gửi."))
                else:
                    messages.warning(
                        request, _("Không cập nhật được: bưu gửi không còn ở trạng thái cho phép.")
                    )
                return redirect("postal:shipment", code=code)
    is_agent = services.is_agent(request.user, found.place)
    return render(
        request,
        "postal/shipment.html",
        {
            "s": found,
            "form": form,
            "is_agent": is_agent,
            "final": found.status in tracking.FINAL,
            "reception_link": reception_link(found)
            if services.is_officer(request.user, found.place)
            else None,
            "events": found.events.select_related("actor"),
        },
        status=400 if form.errors else 200,
    )


@staff_login_required
def received(request, code: str):
    """`return_to` of the workspace's reception: ?dossier=<code> links the dossier received with channel
    "postal" to the collected item. Safe to repeat."""
    found = selectors.shipment_for(request.user, code)
    if found is None:
        raise Http404
    try:
        services.link_pickup_dossier(found, officer=request.user, dossier_code=request.GET.get("dossier", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã tiếp nhận hồ sơ nộp qua bưu chính."))
    return redirect("postal:shipment", code=code)
