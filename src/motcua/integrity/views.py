"""The supervisor's review queue of broker risk cases, a case with its evidence, the evidence PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.decorators import staff_login_required
from motcua.core.errors import DomainError, Forbidden, NotFound
from motcua.dossiers.models import Dossier
from motcua.queueing.models import Ticket

from . import selectors, services, wording
from .forms import ReviewForm
from .models import CaseStatus

STATUSES = {"open": [CaseStatus.OPEN], "watching": [CaseStatus.WATCHING], "dismissed": [CaseStatus.DISMISSED]}


def _reviewer(request):
    provinces = selectors.reviewable_provinces(request.user)
    if provinces is not None and not provinces:
        raise PermissionDenied


@staff_login_required
def queue(request):
    _reviewer(request)
    shown = request.GET.get("trang-thai", "open")
    rows = selectors.cases_for(request.user).order_by("-score", "-scored_at", "pk")
    if shown in STATUSES:
        rows = rows.filter(status__in=STATUSES[shown])
    cases = [(c, wording.masked(c.kind, c.value)) for c in rows[:200]]
    return render(request, "integrity/queue.html", {"cases": cases, "shown": shown})


def _case(request, pk):
    try:
        return services.case_for(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    except Forbidden as exc:
        raise PermissionDenied from exc


def _details(case):
    ids = sorted({i for e in case.evidence for i in e.get("dossiers", ())})
    tickets = sorted({i for e in case.evidence for i in e.get("tickets", ())})
    dossiers = (
        Dossier.objects.filter(pk__in=ids)
        .select_related("procedure_version", "applicant", "submitter", "received_place")
        .order_by("received_at", "pk")
    )
    return {
        "sentences": [(e["points"], wording.rule_sentence(e["rule"], e["count"])) for e in case.evidence],
        "dossiers": dossiers,
        "tickets": Ticket.objects.filter(pk__in=tickets).select_related("place").order_by("day", "pk"),
        "events": case.events.select_related("actor"),
    }


@staff_login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    _reviewer(request)
    case = _case(request, pk)
    form = ReviewForm(initial={"version": case.version})
    status = 200
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review(case.pk, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.http_status
            else:
                messages.success(request, _("Đã ghi quyết định và lý do vào hồ sơ nghi vấn."))
                return redirect("integrity:queue")
        else:
            status = 400
        case.refresh_from_db()
    context = {"case": case, "shown_value": case.value, "form": form, **_details(case)}
    return render(request, "integrity/detail.html", context, status=status)


@staff_login_required
def evidence_pdf(request, pk: int):
    _reviewer(request)
    case = _case(request, pk)
    from .pdf import render_pdf

    body = render_pdf(case, **_details(case))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-chung-nghi-van-{case.pk}.pdf"'
    return response
