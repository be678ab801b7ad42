"""One dossier: applicant, procedure version, documents, tracking sheet, steps and the actions the
lifecycle table allows this officer now (each performed by the engine's service, as the API does)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import readlog
from motcua.core.errors import DomainError
from motcua.core.masking import mask_phone
from motcua.documents import selectors as documents
from motcua.dossiers import deadlines
from motcua.dossiers import selectors as dossiers
from motcua.dossiers.actions import ACTIONS
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.forms_pdf import adapters, of_dossier, render_pdf
from motcua.dossiers.models import CounterSlip
from motcua.org import selectors as org

from .. import timing
from .common import clock, officer_required, page

NEEDS_REASON = {"refuse_acceptance", "transfer", "request_supplement", "extend", "refuse", "withdraw", "stop"}
FILE_FIELDS = ("e_copy",)


class Echo:
    """What the officer typed (or the errors per field), for the templates: `typed.items` is the field
    "items" or "", never the dict's `items` method (Django's lookup falls back to attributes and would
    print `dict_items([])` into the form, and from there to the citizen)."""

    def __init__(self, values: dict | None = None):
        self._values = dict(values or {})

    def __getitem__(self, key):
        return self._values.get(key, "")

    def __bool__(self) -> bool:
        return bool(self._values)


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
    applicant = getattr(dossier, "applicant", None)
    whole = dossiers.sees_identity(request.user, dossier)  # a supervisor reads the numbers masked
    steps = list(dossier.steps.all())
    due = deadlines.due_moment(dossier)  # acceptance while it waits for an officer, else the legal one
    paused = deadlines.clock_paused(dossier.status)
    counting = deadlines.clock_runs(dossier.status)
    payments = list(dossier.payments.all())
    return {
        "d": dossier,
        "status": dossiers.state_label(dossier.status),
        "applicant": applicant,
        "sees_identity": whole,  # may press "Hiện số định danh" (a logged read, ADR 0053)
        "applicant_phone": (applicant.phone if whole else mask_phone(applicant.phone)) if applicant else "",
        "submitter": getattr(dossier, "submitter", None),
        "checklist": sorted(
            dossier.checklist.select_related("required_document"), key=lambda i: (i.position, i.pk)
        ),
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
        "due": due,
        "remaining": None if not counting else timing.remaining(cal, m.now, due.at),
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
        "errors": Echo(errors),
        "typed": Echo(typed),
        "just_received": request.GET.get("moi") == "1",
        "receipt_url": _form_url(dossier, "01"),
        "forms": [
            {"number": n, "title": of_dossier.TITLES[n], "url": _form_url(dossier, n)}
            for n in of_dossier.available(dossier)
        ],
        "payments": [{"row": p, "amount": _dong(p.amount)} for p in payments],
        "fees_due": [{"row": p, "amount": _dong(p.amount)} for p in payments if p.status == "due"],
        "results": list(dossier.results.all()),
    }


def _dong(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")  # Vietnamese groups thousands with dots: 100.000


def _form_url(dossier, number: str) -> str:
    return reverse("dossiers-api:form", kwargs={"code": dossier.code, "form": number})


@officer_required
def dossier_page(request, code):
    dossier = _load(request, code)
    return page(request, "workspace/dossier.html", detail_context(request, dossier))


def _input(request, action: str) -> dict:
    data = {key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"}
    for key in FILE_FIELDS:  # a file input left empty posts an empty string, not a file
        data.pop(key, None)
        if request.FILES.get(key):
            data[key] = request.FILES[key]
    if "items" in data:
        data["items"] = [line.strip() for line in request.POST.get("items", "").splitlines() if line.strip()]
    for key in ("assignee", "next_assignee", "amount", "payment"):
        if key in data and data[key] == "":
            data[key] = None
    if action in NEEDS_REASON and not data.get("reason"):
        data["reason"] = data.get("note", "")
    return data


def _errors_of(exc: DomainError) -> dict:
    if exc.code == "invalid_input":
        return _field_errors(exc.details)
    if exc.code.startswith("documents."):  # the result's file was refused: say so next to it
        return {"e_copy": exc.message}
    return {}


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
            errors=_errors_of(exc),
            typed=typed,
        )
        return page(request, "workspace/dossier.html", context, status=exc.http_status)
    return redirect(reverse("workspace:dossier", kwargs={"code": dossier.code}) + f"?xong={_slug(action)}")


@officer_required
def result_copy(request, code, pk: int):
    """The electronic copy of an issued result, its bytes proven by their SHA-256 before they are served."""
    dossier = _load(request, code)
    result = dossier.results.filter(pk=pk).first()
    if result is None or not result.e_copy:
        raise Http404(_("Không tìm thấy bản điện tử của kết quả."))
    name = result.e_copy.name.rsplit("/", 1)[-1]
    applicant = getattr(dossier, "applicant", None)
    readlog.record(
        request.user,
        id_number=getattr(applicant, "id_number", ""),
        field=readlog.RESULT,
        dossier=dossier,
        ref=result.pk,
        request=request,
    )
    stored = documents.result_document(result)
    if stored is None:  # a copy recorded before results had their checksum (ADR 0027)
        return FileResponse(result.e_copy.open("rb"), filename=name, content_type="application/pdf")
    response = HttpResponse(documents.read_content(stored), content_type=stored.mime_type)
    response["Content-Disposition"] = content_disposition_header(False, stored.original_filename or name)
    return response


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
