"""One dossier: applicant, procedure version, documents, tracking sheet, steps and the actions the
lifecycle table allows this officer now (each performed by the engine's service, as the API does)."""

from __future__ import annotations

from collections import defaultdict

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError
from motcua.documents import selectors as documents
from motcua.dossiers import selectors as dossiers
from motcua.dossiers.api.actions import ACTIONS
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.forms_pdf import adapters, render_pdf
from motcua.dossiers.models import CounterSlip
from motcua.org import selectors as org

from .. import timing
from .common import clock, clock_counts, officer_required, page

NEEDS_REASON = {"refuse_acceptance", "transfer", "request_supplement", "extend", "refuse", "withdraw", "stop"}
LIST_FIELDS = {"items"}


def _slug(action: str) -> str:
    return action.replace("_", "-")


def _load(request, code):
    try:
        return dossiers.dossier_detail(code, user=request.user)
    except DossierNotFound:
        raise Http404(_("Không tìm thấy hồ sơ.")) from None


def _assignable(dossier, transitions) -> list:
    """Who the officer may give the dossier or its next step to (only when such an action is offered)."""
    wanted = {t.action for t in transitions} & {"assign", "finish_step"}
    if not wanted:
        return []
    step = dossier.current_step
    role = step.role if step is not None and step.role in ("specialist", "leader") else "specialist"
    users = org.staff_who_can_act(role, dossier.agency) | org.staff_who_can_act("leader", dossier.agency)
    return list(users.distinct().order_by("full_name", "username")[:100])


def detail_context(request, dossier, *, failed: str = "", error: str = "", errors=None, typed=None):
    cal, m = clock(request)
    transitions = dossiers.available_actions(dossier, request.user)
    steps = list(dossier.steps.all())
    paused = dossier.status == "supplement_requested"  # the clock stops while the applicant completes it
    counting = clock_counts(dossier.status)
    return {
        "d": dossier,
        "status": dossiers.state_label(dossier.status),
        "applicant": getattr(dossier, "applicant", None),
        "submitter": getattr(dossier, "submitter", None),
        "checklist": sorted(dossier.checklist.all(), key=lambda i: (i.position, i.pk)),
        "documents": list(documents.dossier_documents(dossier)),
        "tracking": list(dossiers.tracking_sheet(dossier)),
        "steps": [
            {
                "step": s,
                "remaining": timing.remaining(cal, m.now, s.due_at)
                if counting and not s.finished_at
                else None,
            }
            for s in steps
        ],
        "paused": paused,
        "remaining": None
        if not counting
        else timing.remaining(
            cal,
            m.now,
            dossier.acceptance_due_at if dossier.status == "pending_acceptance" else dossier.due_at,
        ),
        "actions": [
            {
                "action": t.action.value,
                "slug": _slug(t.action.value),
                "label": _(t.label),
                "needs_note": t.needs_note,
            }
            for t in transitions
        ],
        "assignable": _assignable(dossier, transitions),
        "failed": failed,
        "error": error,
        "errors": errors or {},
        # A missing key reads as "": on a plain dict `{{ typed.items }}` printed the method's dict_items([]).
        "typed": defaultdict(str, typed or {}),
        "just_received": request.GET.get("moi") == "1",
        "receipt_url": reverse("dossiers-api:form", kwargs={"code": dossier.code, "form": "01"}),
        "tracking_url": reverse("dossiers-api:form", kwargs={"code": dossier.code, "form": "06"}),
        "supplement_url": reverse("dossiers-api:form", kwargs={"code": dossier.code, "form": "02"})
        if dossier.supplement_count
        else "",
    }


@officer_required
def dossier_page(request, code):
    dossier = _load(request, code)
    return page(request, "workspace/dossier.html", detail_context(request, dossier))


def _input(request, action: str) -> dict:
    data = {key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"}
    if "items" in data:
        data["items"] = [line.strip() for line in request.POST.get("items", "").splitlines() if line.strip()]
    for key in ("assignee", "next_assignee", "amount", "payment"):
        if key in data and data[key] == "":
            data[key] = None
    if action in NEEDS_REASON and not data.get("reason"):
        data["reason"] = data.get("note", "")
    return data


def _field_errors(errors: dict) -> dict:
    return {
        key: " ".join(str(e) for e in (value if isinstance(value, list) else [value]))
        for key, value in errors.items()
    }


@officer_required
@require_POST
def act(request, code, slug):
    dossier = _load(request, code)
    api_action = ACTIONS.get(slug)
    if api_action is None:
        raise Http404(_("Không có thao tác này."))
    action = api_action.action.value
    data = _input(request, action)
    serializer = api_action.serializer(data=data)
    typed = {key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"}
    if not serializer.is_valid():
        context = detail_context(
            request,
            dossier,
            failed=action,
            error=_("Dữ liệu chưa hợp lệ, hãy sửa các ô được đánh dấu."),
            errors=_field_errors(serializer.errors),
            typed=typed,
        )
        return page(request, "workspace/dossier.html", context, status=400)
    try:
        api_action.perform(dossier, request.user, serializer.validated_data)
    except DomainError as exc:
        fresh = dossiers.dossier_detail(dossier.pk)
        context = detail_context(
            request,
            fresh,
            failed=action,
            error=exc.message,
            errors=_field_errors(exc.details) if exc.code == "invalid_input" else {},
            typed=typed,
        )
        return page(request, "workspace/dossier.html", context, status=exc.http_status)
    return redirect(reverse("workspace:dossier", kwargs={"code": dossier.code}) + f"?xong={_slug(action)}")


@officer_required
def counter_slip(request, pk: int):
    """Form 02 (completion guidance) or 03 (refusal) issued at the counter, to print."""
    slip = (
        CounterSlip.objects.filter(pk=pk, issued_by=request.user)
        .select_related("place", "procedure_version__procedure", "document_case", "issued_by")
        .first()
    )
    if slip is None:
        raise Http404(_("Không tìm thấy phiếu."))
    response = HttpResponse(render_pdf(adapters.counter_slip(slip)), content_type="application/pdf")
    number = "02" if slip.kind == "guidance" else "03"
    response["Content-Disposition"] = content_disposition_header(False, f"phieu-{pk}-mau-{number}.pdf")
    return response
