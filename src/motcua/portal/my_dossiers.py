""" "My dossiers" for the signed-in citizen: the list, one dossier (status, timeline in plain words, due
moment, fee, what to supplement, the result's electronic copy), supplement, withdraw and form 05.

Only dossiers the user owns (Dossier.owner); every change goes through motcua.dossiers.services with the
version the page showed, so a page left open while an officer acted gets a plain message, not a lost
update. Errors are shown next to the field; what was typed stays.
"""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError
from motcua.documents import intake
from motcua.documents import selectors as documents
from motcua.dossiers import lifecycle, services
from motcua.dossiers.choices import Delivery
from motcua.dossiers.errors import InvalidTransition, VersionConflict
from motcua.dossiers.forms_pdf import adapters, of_dossier, render_pdf
from motcua.dossiers.models import Dossier
from motcua.dossiers.tracking import second_factor

from . import presenters

MAX_REASON = 1000
WAITING_RETURN = lifecycle.transition(lifecycle.Action.RETURN_RESULT).sources
LIST_RELATED = ("procedure", "procedure_version", "agency")


def _own(user, code: str) -> Dossier:
    found = (
        Dossier.objects.filter(owner=user, code=code)
        .select_related(*LIST_RELATED, "received_place", "applicant")
        .first()
    )
    if found is None:
        raise Http404(code)
    return found


@login_required
def my_list(request):
    rows = (
        Dossier.objects.filter(owner=request.user)
        .select_related(*LIST_RELATED)
        .order_by("-created_at", "-id")
    )
    items = [
        {
            "code": d.code,
            "procedure": d.procedure_version.name if d.procedure_version_id else d.procedure.code,
            "status": presenters.status(d.status),
            "due": presenters.due(d),
            "submitted_at": d.submitted_at or d.received_at or d.created_at,
        }
        for d in rows[:200]
    ]
    return render(request, "portal/mine/list.html", {"items": items, "citizen_page": "mine"})


def _supplement_items(dossier, request_row) -> list[dict]:
    """Each item asked, with the file already sent for it since the request (if any)."""
    return [
        {**item, "field": f"item-{item['index']}"} for item in intake.supplement_items(dossier, request_row)
    ]


def _context(request, dossier, *, errors=None, typed=None) -> dict:
    errors = errors or {}
    request_row = intake.open_supplement(dossier)
    payments = list(dossier.payments.all())
    all_results = list(dossier.results.all())
    results = [r for r in all_results if r.e_copy]
    return {
        "dossier": dossier,
        "procedure": dossier.procedure_version.name if dossier.procedure_version_id else "",
        "status": presenters.status(dossier.status),
        "due": presenters.due(dossier),
        "timeline": presenters.timeline(dossier, with_notes=True),
        "factor": second_factor(dossier.code),
        "payments": payments,
        "supplement": request_row,
        "supplement_items": _supplement_items(dossier, request_row) if request_row else [],
        "results": results,
        # Kept in the document store (a reference, no file here): the applicant sees where it is.
        "stored_results": [r for r in all_results if not r.e_copy and r.e_copy_ref],
        "can_take_result": dossier.status in WAITING_RETURN
        and dossier.result_delivery == Delivery.ONLINE
        and any(r.has_e_copy for r in all_results),
        "taken": request.GET.get("nhan") == "1",
        "papers": list(documents.dossier_documents(dossier)),
        "can_withdraw": lifecycle.is_withdrawable(dossier.status),
        "can_rate": lifecycle.is_ratable(dossier.status),
        "rated": hasattr(dossier, "rating"),  # the feedback app's one rating per dossier
        "stop_notice": dossier.status == "withdrawn",
        "draft": getattr(dossier, "portal_draft", None) if hasattr(dossier, "portal_draft") else None,
        "errors": errors,
        "typed": typed or {},
        "new": request.GET.get("moi") == "1",
        "citizen_page": "mine",
    }


@login_required
def my_dossier(request, code: str):
    dossier = _own(request.user, code)
    return render(request, "portal/mine/detail.html", _context(request, dossier))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _action_error(exc: DomainError) -> str:
    if isinstance(exc, VersionConflict):
        return _("Hồ sơ vừa được cán bộ cập nhật. Hãy xem lại trang rồi làm lại.")
    if isinstance(exc, InvalidTransition):
        return _("Hồ sơ đang ở bước không cho phép việc này nữa.")
    return exc.message


@login_required
@require_POST
def supplement(request, code: str):
    dossier = _own(request.user, code)
    request_row = intake.open_supplement(dossier)
    if request_row is None:
        return redirect("portal:my-dossier", code=code)
    note = request.POST.get("note", "").strip()[:MAX_REASON]
    uploads = {
        int(field[5:]): upload
        for field, upload in request.FILES.items()
        if field.startswith("item-") and field[5:].isdigit()
    }
    try:
        intake.receive_supplement(
            dossier, actor=request.user, version=_version(request), uploads=uploads, note=note
        )
    except intake.SupplementIncomplete as exc:
        errors = {f"item-{index}": message for index, message in exc.details.items()}
        if uploads:
            errors["supplement"] = _("Chưa gửi được phần bổ sung: hãy chọn lại các tệp đính kèm.")
    except DomainError as exc:
        errors = {"supplement": _action_error(exc)}
    else:
        return redirect("portal:my-dossier", code=code)
    context = _context(request, _own(request.user, code), errors=errors, typed={"note": note})
    return render(request, "portal/mine/detail.html", context, status=400)


@login_required
@require_POST
def withdraw(request, code: str):
    dossier = _own(request.user, code)
    reason = request.POST.get("reason", "").strip()[:MAX_REASON]
    errors = {}
    if not reason:
        errors["reason"] = _("Hãy cho biết vì sao bạn rút hồ sơ.")
    else:
        try:
            services.withdraw(dossier, actor=request.user, version=_version(request), reason=reason)
        except DomainError as exc:
            errors["reason"] = _action_error(exc)
        else:
            return redirect("portal:my-dossier", code=code)
    context = _context(request, dossier, errors=errors, typed={"reason": reason})
    return render(request, "portal/mine/detail.html", context, status=400)


@login_required
@require_POST
def take_result(request, code: str):
    """The applicant takes the electronic result: the dossier is returned (Decree 45/2020, Art. 21)."""
    dossier = _own(request.user, code)
    try:
        services.return_result(dossier, actor=request.user, version=_version(request), method=Delivery.ONLINE)
    except DomainError as exc:
        context = _context(request, dossier, errors={"take_result": _action_error(exc)})
        return render(request, "portal/mine/detail.html", context, status=400)
    return redirect(f"{reverse('portal:my-dossier', kwargs={'code': code})}?nhan=1")


@login_required
def stop_notice(request, code: str):
    dossier = _own(request.user, code)
    if dossier.status not in of_dossier.ENDED:  # form 05 exists (the forms module says)
        raise Http404(code)
    response = HttpResponse(render_pdf(adapters.stop_notice(dossier)), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{dossier.code}-mau-05.pdf")
    return response


@login_required
def result_copy(request, code: str, result_id: int):
    dossier = _own(request.user, code)
    result = dossier.results.filter(pk=result_id).first()
    if result is None or not result.e_copy:
        raise Http404(code)
    name = result.e_copy.name.rsplit("/", 1)[-1]
    stored = documents.result_document(result)
    if stored is None:  # a copy recorded before results had their checksum (ADR 0027)
        return FileResponse(result.e_copy.open("rb"), as_attachment=True, filename=name)
    verified = io.BytesIO(documents.read_content(stored))  # bytes proven by their SHA-256
    return FileResponse(verified, as_attachment=True, filename=stored.original_filename or name)


@login_required
def paper(request, code: str, document_id: int):
    """A paper of the dossier, its bytes proven by their SHA-256 before they are served."""
    dossier = _own(request.user, code)
    link = documents.dossier_documents(dossier).filter(document_id=document_id).first()
    if link is None:
        raise Http404(code)
    data = documents.read_content(link.document)
    response = HttpResponse(data, content_type=link.document.mime_type)
    name = link.document.original_filename or f"giay-to-{document_id}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
