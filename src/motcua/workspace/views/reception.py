"""Counter reception: find the procedure, pick the case, tick the checklist, type (or scan) the applicant
once, attach scans, then receive (form 01), give completion guidance (form 02) or refuse (form 03).

All decisions are the engine's (documents.intake.receive_at_counter, which stores the scans in the
dossier's own transaction, and the slip services); this view reads the form, makes one call, and shows
the errors next to the fields without losing what was typed. The page's GET parameters are a contract (ADR 0011).
"""

from __future__ import annotations

import uuid

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure
from motcua.core.errors import DomainError
from motcua.documents import intake
from motcua.documents.errors import FileRejected
from motcua.dossiers import services
from motcua.dossiers.choices import Delivery, DossierChannel, Sex
from motcua.dossiers.errors import ChecklistIncomplete, InvalidApplicant
from motcua.org import selectors as org
from motcua.org.models import Counter
from motcua.org.roles import RoleCode
from motcua.search.selectors import place_level, search_procedures

from .. import reception_input as form
from .. import selectors
from .common import officer_required, page, roles_required

OFFICER = "reception_officer"
HITS = 8


def _places(user):
    return list(org.places_for(user, role=OFFICER).select_related("province").order_by("kind", "code")[:200])


def _version(procedure):
    if procedure is None:
        return None
    return (
        catalog.current_versions(timezone.localdate())
        .filter(procedure=procedure)
        .select_related("procedure")
        .prefetch_related("cases", "documents", "notes")
        .first()
    )


def _checklist(version, case) -> list:
    if version is None:
        return []
    docs = [
        d for d in version.documents.all() if d.case_id is None or (case is not None and d.case_id == case.pk)
    ]
    return sorted(docs, key=lambda d: (d.position, d.pk))


def _notes(version, case) -> list:
    """ "Lưu ý" rows of the version for the case: advice shown under the checklist, never ticked."""
    if version is None:
        return []
    notes = [
        n for n in version.notes.all() if n.case_id is None or (case is not None and n.case_id == case.pk)
    ]
    return sorted(notes, key=lambda n: (n.position, n.pk))


def _values(request) -> dict:
    source = request.POST if request.method == "POST" else request.GET
    values = {
        key: source.get(key, "")
        for key in (
            *form.PREFILL,
            *form.APPLICANT_FIELDS,
            "case",
            "q",
            "place",
            "guidance_items",
            "refusal_reasons",
        )
    }
    values.update(counter=source.get("counter", ""), result_delivery=source.get("result_delivery", ""))
    values["idempotency_key"] = source.get("idempotency_key") or uuid.uuid4().hex
    values["channel"] = values["channel"] if values["channel"] in form.CHANNELS else "counter"
    if request.method == "POST":
        values["provided"] = {int(k[4:]) for k in request.POST if k.startswith("doc_") and k[4:].isdigit()}
    else:
        values["provided"] = set()
    return values


def _prefill_person(request, values: dict) -> None:
    """A person seen before: fill what the officer has not typed from their newest dossier."""
    if request.method != "GET" or not values["applicant_id"]:
        return
    known = selectors.last_applicant(request.user, values["applicant_id"].strip())
    if known is None:
        return
    pairs = {
        "applicant_name": known.full_name,
        "applicant_birth_date": known.birth_date.isoformat() if known.birth_date else "",
        "applicant_sex": known.sex,
        "applicant_phone": known.phone,
        "applicant_email": known.email,
        "applicant_address": known.address,
        "commune": known.commune.code if known.commune else "",
    }
    for key, value in pairs.items():
        values[key] = values[key] or value
    values["prefilled"] = True


def _context(request, values: dict, **extra) -> dict:
    places = _places(request.user)
    place = next((p for p in places if str(p.pk) == values["place"]), places[0] if places else None)
    procedure = (
        Procedure.objects.filter(code=values["procedure"].strip()).first() if values["procedure"] else None
    )
    version = _version(procedure)
    cases = sorted(version.cases.all(), key=lambda c: (c.position, c.pk)) if version else []
    case = next((c for c in cases if str(c.pk) == values["case"]), cases[0] if cases else None)
    hits, search_error = [], ""
    query = " ".join(values["q"].split())
    if query and version is None:
        try:
            hits = search_procedures(
                query,
                limit=HITS,
                province=place.province.code if place else None,
                level=place_level(place) if place else None,  # a commune point wants commune procedures
            )
        except DomainError as exc:
            search_error = exc.message
    if values["procedure"] and version is None and not query:
        search_error = _("Không có thủ tục đang có hiệu lực với mã “%(code)s”.") % {
            "code": values["procedure"][:20]
        }
    keep = {k: values[k] for k in form.PREFILL if values.get(k) and k != "procedure"}
    return {
        "v": values,
        "places": places,
        "place": place,
        "counters": list(Counter.objects.filter(place=place).order_by("number")) if place else [],
        "procedure": procedure if version else None,
        "version": version,
        "cases": cases,
        "case": case,
        "checklist": _checklist(version, case),
        "notes": _notes(version, case),
        "hits": hits,
        "search_error": search_error,
        "keep_qs": urlencode(keep),
        "channels": [(c, label) for c, label in DossierChannel.choices if c in form.CHANNELS],
        "deliveries": Delivery.choices,
        "sexes": Sex.choices,
        "errors": {},
        "error": "",
        "missing": [],
        **extra,
    }


@officer_required
@roles_required({RoleCode.RECEPTION_OFFICER})
def receive(request):
    values = _values(request)
    if request.method == "GET":
        _prefill_person(request, values)
        return page(request, "workspace/receive.html", _context(request, values))
    context = _context(request, values)
    if context["version"] is None:
        context["error"] = _("Hãy chọn thủ tục trước khi tiếp nhận.")
        return page(request, "workspace/receive.html", context, status=400)
    outcome = request.POST.get("outcome", "receive")
    try:
        if outcome == "guidance":
            slip = _guidance(request, values, context)
            return redirect(reverse("workspace:slip", kwargs={"pk": slip.pk}))
        if outcome == "refuse":
            slip = _refuse(request, values, context)
            return redirect(reverse("workspace:slip", kwargs={"pk": slip.pk}))
        dossier = _receive(request, values, context)
    except InvalidApplicant as exc:
        context.update(error=exc.message, errors=form.form_errors(exc.details))
    except ChecklistIncomplete as exc:
        context.update(error=exc.message, missing=[m["id"] for m in exc.details.get("missing", [])])
    except FileRejected as exc:
        context.update(
            error=_("Tệp “%(name)s”: %(reason)s")
            % {"name": exc.details.get("file", ""), "reason": exc.message}
        )
    except DomainError as exc:
        context.update(error=exc.message)
    else:
        target = values["return_to"]
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            joiner = "&" if "?" in target else "?"
            return redirect(f"{target}{joiner}{urlencode({'dossier': dossier.code})}")
        return redirect(reverse("workspace:dossier", kwargs={"code": dossier.code}) + "?moi=1")
    if request.FILES:
        context["error"] += " " + _("Hãy chọn lại các tệp đính kèm.")
    return page(request, "workspace/receive.html", context, status=400)


def _provided(values, context) -> dict[int, tuple[int, int]]:
    listed = {d.pk: d for d in context["version"].documents.all()}
    return {pk: (listed[pk].originals, listed[pk].copies) for pk in values["provided"] if pk in listed}


def _counter(context, values):
    return next((c for c in context["counters"] if str(c.pk) == values["counter"]), None)


def _receive(request, values, context):
    uploads = {int(k[5:]): f for k, f in request.FILES.items() if k.startswith("file_") and k[5:].isdigit()}
    values["provided"] |= set(uploads)  # a scanned paper was handed in
    return intake.receive_at_counter(
        officer=request.user,
        scans=uploads,
        place=context["place"],
        counter=_counter(context, values),
        procedure=context["procedure"],
        case=context["case"],
        applicant=form.applicant_from(values),
        provided=_provided(values, context),
        channel=values["channel"],
        commune=values["commune"].strip() or None,
        result_delivery=values["result_delivery"] or Delivery.COUNTER,
        idempotency_key=values["idempotency_key"],
    )


def _slip_args(request, values, context) -> dict:
    applicant = form.applicant_from(values)
    return {
        "officer": request.user,
        "procedure": context["procedure"],
        "applicant_name": applicant["full_name"],
        "place": context["place"],
        "counter": _counter(context, values),
        "case": context["case"],
        "applicant_id_number": applicant["id_number"],
        "applicant_phone": applicant["phone"],
    }


def _guidance(request, values, context):
    extra = [line for line in request.POST.get("guidance_items", "").splitlines() if line.strip()]
    return services.issue_completion_guidance(
        **_slip_args(request, values, context), provided=_provided(values, context), extra_items=extra
    )


def _refuse(request, values, context):
    reasons = [line for line in request.POST.get("refusal_reasons", "").splitlines() if line.strip()]
    return services.refuse_at_counter(**_slip_args(request, values, context), reasons=reasons)


@officer_required
@roles_required({RoleCode.RECEPTION_OFFICER})
def person(request):
    """The applicant of this ID number as last declared on a dossier the officer may see (for prefill)."""
    known = selectors.last_applicant(request.user, (request.GET.get("so") or "").strip())
    if known is None:
        return JsonResponse({"found": False})
    return JsonResponse(
        {
            "found": True,
            "applicant_name": known.full_name,
            "applicant_birth_date": known.birth_date.isoformat() if known.birth_date else "",
            "applicant_sex": known.sex,
            "applicant_phone": known.phone,
            "applicant_email": known.email,
            "applicant_address": known.address,
            "commune": known.commune.code if known.commune else "",
        }
    )
